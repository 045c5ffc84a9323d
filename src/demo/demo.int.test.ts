import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabaseConfig, startTestPlatform } from '../../test/databases.ts';
import { envFor, exited, runCli, startServer } from '../../test/processes.ts';
import { upgradeIdNumber } from '../core/cn-codes.ts';
import { systemCtx } from '../core/context.ts';
import { openFile } from '../modules/ingest/index.ts';
import { openPlatform } from '../server/platform.ts';
import { loadDemoOnFirstStart } from './first-start.ts';
import { type GeneratedDemo, generateDemo } from './generate.ts';
import { coverDepartments, DEMO_DEVICE_PREFIX, demoDeviceCounts } from './iot-devices.ts';
import { type LoadedDemo, loadDemo } from './load-demo.ts';
import { loadDistrict } from './places.ts';
import { waterStations } from './water-levels.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-demo-int-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The registry counts a generated district loads to: its expected figures without the conflict count. */
const registryCounts = ({ phoneConflicts: _, ...counts }: GeneratedDemo['expected']) => counts;

/** The rows of one of the generated files, read as ingest reads them. */
async function rowsOf(generated: GeneratedDemo, alias: string) {
  const source = await openFile(generated.files.find((f) => f.alias === alias)!.file);
  const rows: string[][] = [];
  for await (const batch of source.batches) rows.push(...batch);
  return rows;
}

describe.each(databaseKinds)('the demo district on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let generated: GeneratedDemo;
  let loaded: LoadedDemo;
  const ctx = systemCtx('test');
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    // A reduced district whose seed gives at least one of every fault (checked below).
    generated = await generateDemo({
      seed: 2,
      dir: path.join(tmp, kind),
      sizes: { people: 1_500, companies: 300, components: 500, licenses: 60, cases: 2_000 },
    });
    loaded = await loadDemo(p.modules, generated);
  });
  afterAll(async () => {
    await p?.close();
  });
  const batchOf = (alias: string) => loaded.batches.find((b) => b.alias === alias)!;

  it('fills all four registries with what the files hold, less what ingest rejected', async () => {
    const { population, legal_person, license, component } = generated.expected;
    expect(loaded.stats).toEqual({ population, legal_person, license, component });
    expect(await p.modules.registry.service.stats()).toEqual(loaded.stats);
    expect(license).toBe(60);
    expect(population).toBeGreaterThan(1_400);
  });

  it('rejects the faulty rows with their reasons, one batch per departmental file', async () => {
    const faults = generated.faults;
    for (const [file, counts] of Object.entries(faults))
      for (const [fault, { applied }] of Object.entries(counts!))
        expect(applied, `${file} ${fault}`).toBeGreaterThan(0);
    expect(loaded.batches.map((b) => b.alias)).toEqual([
      'gafj_household',
      'mzj_marriage',
      'scjgj_entities',
      'component',
      'jyj_schools',
      'slj_water_level',
      'zjj_construction_sites',
    ]);
    expect(batchOf('gafj_household').rejectedByReason).toEqual({
      id_number_checksum: faults.gafj_household!.id_number_checksum!.applied,
    });
    expect(batchOf('scjgj_entities').rejectedByReason).toEqual({
      credit_code_checksum: faults.scjgj_entities!.credit_code_checksum!.applied,
    });
    expect(batchOf('component').rejectedByReason).toEqual({
      value_invalid: faults.component!.swapped_coordinates!.applied,
    });
    expect(batchOf('mzj_marriage').rejected).toBe(0);
    expect(batchOf('gafj_household').duplicates).toBe(
      faults.gafj_household!.duplicate_row!.applied + faults.gafj_household!.duplicate_key!.applied,
    );
    const rejected = await p.modules.ingest.service.issues(ctx, batchOf('gafj_household').batchId, {
      kind: 'rejected',
      page: 1,
      pageSize: 100,
    });
    expect(rejected.items.length).toBeGreaterThan(0);
    for (const row of rejected.items) {
      expect(row.reasons).toEqual(['id_number_checksum']);
      expect(row.fields).toContainEqual({
        reason: 'id_number_checksum',
        item: 'id_number',
        column: '公民身份号码',
      });
    }
    const batch = await p.modules.ingest.service.get(ctx, batchOf('gafj_household').batchId);
    expect(batch).toMatchObject({ encoding: 'gbk', fileName: 'gafj-household.csv', status: 'done' });
  });

  it('loads the open resources (schools, water levels, construction sites) whole, and publishes them', async () => {
    for (const alias of ['jyj_schools', 'slj_water_level', 'zjj_construction_sites']) {
      const file = generated.files.find((f) => f.alias === alias)!;
      const batch = batchOf(alias);
      expect(batch, alias).toMatchObject({
        total: file.rows,
        accepted: file.rows,
        rejected: 0,
        duplicates: 0,
      });
      expect(file.rows, alias).toBeGreaterThan(0);
      // 水利局 delivers the day before's readings every morning of the month after (operations-history.ts).
      const { items } = await p.modules.ingest.service.list(ctx, { resource: alias, page: 1, pageSize: 200 });
      const later = items.filter((b) => b.id !== batch.batchId).reduce((n, b) => n + b.inserted, 0);
      const page = await p.modules.ingest.service.records(ctx, alias, { page: 1, pageSize: 1 });
      expect(page.total, alias).toBe(file.rows + later);
      if (alias === 'slj_water_level') expect(later).toBeGreaterThan(0);
    }
    // The district's own sizes for the small demo: the reduced district above left them as they are.
    expect(generated.counts).toMatchObject({ schools: 120, waterLevels: 20 * 7 * 4, sites: 60 });
    // A builder's credit code is a legal person of the registry, with the name 市场监管 registered.
    const [site] = await rowsOf(generated, 'zjj_construction_sites');
    const builder = await p.modules.registry.service.get('legal_person', site![3]!);
    expect(builder.values.name).toBe(site![2]);
    // The open-data portal lists them beside the city components.
    const res = await p.app.inject({ method: 'GET', url: '/api/open/resources?pageSize=50' });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((d: { name: string }) => d.name);
    expect(names).toEqual(
      expect.arrayContaining(['component', 'jyj_schools', 'slj_water_level', 'zjj_construction_sites']),
    );
  });

  it('registers sensing devices of every profile in the district, fitted to components, owned by the right departments', async () => {
    type Row = {
      code: string;
      profileCode: string;
      lng: number;
      lat: number;
      subdistrictCode: string | null;
      departmentId: number;
      componentCode: string | null;
      attributes: Record<string, unknown>;
    };
    const rows = await p.database.query<Row>(
      `select code, profile_code as "profileCode", lng, lat, subdistrict_code as "subdistrictCode",
              department_id as "departmentId", component_code as "componentCode", attributes
         from iot.devices`,
    );
    const directory = await p.modules.org.service.departmentDirectory();
    const departmentOf = new Map([...directory.byCode].map(([code, d]) => [d.id, code]));
    const byProfile = Map.groupBy(rows, (d) => d.profileCode);
    expect(Object.fromEntries([...byProfile].map(([profile, list]) => [profile, list.length]))).toEqual({
      lamppost: demoDeviceCounts.lamppost,
      manhole: demoDeviceCounts.manhole,
      water_level: waterStations.length,
      dust: generated.counts.sites,
      wim: demoDeviceCounts.wim,
      gateway: demoDeviceCounts.gateway,
    });
    expect(loaded.devices).toEqual({ registered: rows.length, planned: rows.length });
    const district = await loadDistrict();
    for (const d of rows) {
      expect(d.code.startsWith(DEMO_DEVICE_PREFIX), d.code).toBe(true);
      expect(district.inside([d.lng, d.lat]), `${d.code} inside the district`).toBe(true);
      expect(d.subdistrictCode, d.code).toMatch(/^430112\d{3}$/);
    }
    const owners = (profile: string) =>
      new Set(byProfile.get(profile)!.map((d) => departmentOf.get(d.departmentId)));
    expect(owners('lamppost')).toEqual(new Set(['CGJ']));
    expect([...owners('manhole')].sort()).toEqual(['CGJ', 'SLJ']);
    expect(owners('water_level')).toEqual(new Set(['SLJ']));
    expect(owners('dust')).toEqual(new Set(['ZJJ']));
    expect(owners('wim')).toEqual(new Set(['JTYSJ']));
    for (const station of byProfile.get('water_level')!)
      expect(
        (station.attributes.guarantee_level as number) > (station.attributes.warning_level as number),
      ).toBe(true);
    // Fitted to components the component registry holds, of the right subclass and the same point.
    for (const [profile, fits] of [
      ['lamppost', (subclass: string) => subclass === '路灯'],
      ['manhole', (subclass: string) => subclass in coverDepartments],
    ] as const) {
      const fitted = byProfile.get(profile)!.filter((d) => d.componentCode);
      expect(fitted.length, profile).toBeGreaterThan(20);
      for (const d of fitted.slice(0, 10)) {
        const component = await p.modules.registry.service.get('component', d.componentCode!);
        expect(fits(component.values.subclass!), `${d.code} on ${component.values.subclass}`).toBe(true);
        expect(Number(component.values.lng)).toBeCloseTo(d.lng, 5);
        if (profile === 'manhole')
          expect(departmentOf.get(d.departmentId)).toBe(coverDepartments[component.values.subclass!]);
      }
    }
  });

  it("upgrades 15-digit ID numbers and decodes 公安's GBK names", async () => {
    const rows = await rowsOf(generated, 'gafj_household');
    const old = rows.find((r) => r[0]!.length === 15)!;
    expect(old, 'a 15-digit ID number in the household file').toBeTruthy();
    const person = await p.modules.registry.service.get('population', upgradeIdNumber(old[0]!));
    expect(person.values.name).toBe(old[1]);
    expect(person.values.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    expect(person.values.address).toMatch(/^长沙市望城区/);
    expect(person.sources.find((s) => s.source === 'gafj_household')?.values.name).toBe(old[1]);
    const warned = await p.modules.ingest.service.issues(ctx, batchOf('gafj_household').batchId, {
      kind: 'warning',
      page: 1,
      pageSize: 200,
    });
    expect(warned.items.some((w) => w.reasons.includes('id_number_upgraded'))).toBe(true);
    expect(warned.items.some((w) => w.reasons.includes('birth_date_mismatch'))).toBe(true);
  });

  it('records a conflict for each phone number 民政 gives differently from 公安', async () => {
    const [{ n }] = await p.database.rawTransaction((tx) =>
      tx.query<{ n: number }>(
        `select count(*)::int as n from registry.conflicts
         where registry = 'population' and item = 'phone' and status = 'open'`,
      ),
    );
    expect(n).toBe(generated.expected.phoneConflicts);
    expect(n).toBeGreaterThan(0);
    const [{ key }] = await p.database.rawTransaction((tx) =>
      tx.query<{ key: string }>(
        `select key from registry.conflicts where registry = 'population' and item = 'phone' limit 1`,
      ),
    );
    const person = await p.modules.registry.service.get('population', key);
    expect(person.conflicts.map((c) => c.item)).toContain('phone');
    expect(person.sources.map((s) => s.source).sort()).toEqual(['gafj_household', 'mzj_marriage']);
    expect(person.values.marital_status).toMatch(/^(已婚|离婚)$/);
  });

  it('issues the licenses once, and loading the same files again adds nothing', async () => {
    const business = generated.licenses.find((l) => l.issuer === 'SCJGJ')!;
    const page = await p.modules.registry.licenses.list(ctx, {
      holder: business.holderId,
      page: 1,
      pageSize: 5,
    });
    expect(page.items).toContainEqual(
      expect.objectContaining({ holderId: business.holderId, typeName: '营业执照', status: 'valid' }),
    );
    const again = await loadDemo(p.modules, generated);
    expect(again.licenses).toBe(0);
    expect(again.devices.registered).toBe(0);
    expect(loaded.facilities.created).toBeGreaterThan(100);
    expect(again.facilities).toEqual({ created: 0, updated: 0, unchanged: loaded.facilities.created });
    // The month of operations is there already: nothing of it is added twice.
    expect(loaded.history.readings.points).toBeGreaterThan(0);
    expect(again.history).toMatchObject({
      calls: { imported: 0 },
      deliveries: { batches: 0 },
      readings: { points: 0 },
      alarms: { imported: 0, cases: 0 },
    });
    expect(again.stats).toEqual(loaded.stats);
    for (const b of again.batches) expect(b.accepted, b.alias).toBeGreaterThan(0);
    // Not fresh any more: the first start leaves it alone.
    expect(await loadDemoOnFirstStart(p.modules, p.database, { ...p.config, demo: 'small' }, () => {})).toBe(
      false,
    );
  });

  it('prints the registry stats for `onecity demo --scale small --json`', async () => {
    const fresh = await freshDatabaseConfig(kind);
    try {
      const small = await generateDemo({ dir: path.join(tmp, `${kind}-small`) });
      const res = await runCli(['demo', '--scale', 'small', '--json'], envFor(fresh.config), 420_000);
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout)).toEqual(registryCounts(small.expected));
      expect(res.stderr).toMatch(/loaded gafj-household\.csv/);
      const bad = await runCli(['demo', '--scale', 'huge'], envFor(fresh.config));
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/scale/);
    } finally {
      await fresh.drop();
    }
    // The small demo takes about 3 minutes on a loaded machine: the limits leave room for a busy CI run.
  }, 480_000);
});

describe('the first start of the server', () => {
  it('loads the small demo on a fresh data directory before it says it is running', async () => {
    const fresh = await freshDatabaseConfig('pglite');
    try {
      const server = await startServer(envFor(fresh.config, { ONECITY_DEMO: 'small' }), 300_000);
      server.child.kill('SIGTERM');
      await exited(server.child);
      const output = server.output();
      expect(output).toMatch(/First start: loading the small demo district/);
      expect(output.indexOf('Demo district loaded')).toBeGreaterThan(0);
      expect(output.indexOf('Demo district loaded')).toBeLessThan(output.indexOf('is running'));
      // The demo's devices are simulated (ONECITY_SIMULATE is on by default).
      expect(output).toMatch(/Simulator: [1-9]\d* demo devices send readings/);
    } finally {
      await fresh.drop();
    }
  }, 360_000);

  it('finishes at the next start a load that was cut short', async () => {
    const p = await startTestPlatform('pglite');
    try {
      // As if the first start had delivered a file, then stopped.
      const first = await generateDemo({ dir: path.join(p.config.dataDir, 'demo') });
      await p.modules.ingest.service.ingestFile(systemCtx('demo'), {
        resource: first.files[0]!.alias,
        file: first.files[0]!.file,
      });
      fs.writeFileSync(path.join(p.config.dataDir, 'demo', '.loading'), 'small');
      const lines: string[] = [];
      expect(
        await loadDemoOnFirstStart(p.modules, p.database, { ...p.config, demo: 'small' }, (l) =>
          lines.push(l),
        ),
      ).toBe(true);
      expect(lines[0]).toMatch(/Resuming/);
      expect(await p.modules.registry.service.stats()).toEqual(registryCounts(first.expected));
      expect(fs.existsSync(path.join(p.config.dataDir, 'demo', '.loading'))).toBe(false);
      // Done: the next start leaves it alone.
      expect(
        await loadDemoOnFirstStart(p.modules, p.database, { ...p.config, demo: 'small' }, () => {}),
      ).toBe(false);
    } finally {
      await p.close();
    }
  }, 240_000);

  it('loads the demo once when two processes start together on one fresh PostgreSQL database', async () => {
    const p = await startTestPlatform('postgres');
    const otherDir = fs.mkdtempSync(path.join(tmp, 'other-'));
    const other = await openPlatform({ ...p.config, dataDir: otherDir });
    try {
      const loadedBy = await Promise.all([
        loadDemoOnFirstStart(p.modules, p.database, { ...p.config, demo: 'small' }, () => {}),
        loadDemoOnFirstStart(
          other.modules,
          other.database,
          { ...p.config, dataDir: otherDir, demo: 'small' },
          () => {},
        ),
      ]);
      expect(loadedBy.sort()).toEqual([false, true]);
      const small = await generateDemo({ dir: path.join(tmp, 'expected-small') });
      expect(await p.modules.registry.service.stats()).toEqual(registryCounts(small.expected));
      // Each file delivered once (the month's later deliveries are other files).
      const batches = await p.modules.ingest.service.list(systemCtx('test'), { page: 1, pageSize: 200 });
      const names = new Set(small.files.map((f) => f.fileName));
      expect(batches.items.filter((b) => names.has(b.fileName!))).toHaveLength(small.files.length);
    } finally {
      await other.database.close();
      await p.close();
    }
  }, 240_000);

  it('loads nothing when ONECITY_DEMO is none', async () => {
    const p = await startTestPlatform('pglite');
    try {
      expect(await loadDemoOnFirstStart(p.modules, p.database, { ...p.config, demo: 'none' }, () => {})).toBe(
        false,
      );
      expect(await p.modules.registry.service.stats()).toEqual({
        population: 0,
        legal_person: 0,
        license: 0,
        component: 0,
      });
    } finally {
      await p.close();
    }
  });
});
