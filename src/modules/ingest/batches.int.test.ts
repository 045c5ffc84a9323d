// What the aggregation console and API show of batches: the file's column order, who may see which batch, where
// each reason came from, key search, why a batch failed, the items a source did not supply, live progress.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { systemCtx } from '../../core/context.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-batches-'));
// Columns in an order jsonb would not keep: it stores object keys shortest first, then by bytes.
const schoolsCsv = path.join(work, 'schools.csv');
fs.writeFileSync(
  schoolsCsv,
  [
    '学校名称,在校学生数,学校标识码,学段,备注',
    '望城区第一中学,2300,2143001234,完全中学,a',
    '某某学校,-5,2143001235,大学,b',
    ',10,2143001236,小学,c',
  ].join('\n'),
);

/** Settles with the promise, or fails saying what did not happen in time. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms),
    ),
  ]);
}

describe.each(databaseKinds)('batches in the console on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  const ctx = systemCtx('test');
  const get = (url: string, headers: { cookie: string }) => p.app.inject({ method: 'GET', url, headers });

  /** A signed-in department user (or a user of other roles) created through the API. */
  async function user(username: string, department: string | null, roles: string[]) {
    const departmentId = department
      ? (await p.modules.org.service.findDepartmentByCode(department))!.id
      : null;
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { username, displayName: username, departmentId, roles, password: 'Batch#2026x' },
    });
    expect(created.statusCode, created.body).toBe(201);
    return login(p.app, username, 'Batch#2026x');
  }

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  it('keeps the file’s column order for the mapping, the rejected rows and the rejects workbook', async () => {
    const batch = await p.modules.ingest.service.ingestFile(ctx, {
      resource: 'jyj_schools',
      file: schoolsCsv,
    });
    const order = ['学校名称', '在校学生数', '学校标识码', '学段', '备注'];
    expect(batch.headers).toEqual(order);
    const shown = (await get(`/api/ingest/batches/${batch.id}`, admin)).json();
    expect(shown.headers).toEqual(order);
    const issues = (await get(`/api/ingest/batches/${batch.id}/issues`, admin)).json();
    expect(issues.items.map((i: { raw: object }) => Object.keys(i.raw))).toEqual([order, order]);

    const xlsx = await get(`/api/ingest/batches/${batch.id}/rejects.xlsx`, admin);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const header = (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['行号', '原因', '问题列', ...order]);
  });

  it('says which column each reason came from, in the API and in the workbook', async () => {
    const { items } = await p.modules.ingest.service.list(ctx, {
      resource: 'jyj_schools',
      page: 1,
      pageSize: 1,
    });
    const issues = await p.modules.ingest.service.issues(ctx, items[0]!.id, {
      kind: 'rejected',
      page: 1,
      pageSize: 10,
    });
    expect(issues.items.map((i) => [i.row, i.reasons, i.fields])).toEqual([
      [
        2,
        ['value_invalid'],
        [
          { reason: 'value_invalid', item: 'level', column: '学段' },
          { reason: 'value_invalid', item: 'students', column: '在校学生数' },
        ],
      ],
      [3, ['missing_required'], [{ reason: 'missing_required', item: 'name', column: '学校名称' }]],
    ]);
    const xlsx = await get(`/api/ingest/batches/${items[0]!.id}/rejects.xlsx`, {
      ...admin,
      'accept-language': 'en',
    } as { cookie: string });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = (workbook.worksheets[0]!.getRow(2).values as unknown[]).slice(1, 4);
    expect(row).toEqual([2, 'the value is not allowed', '学段, 在校学生数']);
  });

  it('shows a department user only the batches its department delivered or provides the resource of', async () => {
    const gafj = await user(`gafj-${kind}`, 'GAFJ', ['department_user']);
    const jyj = await user(`jyj-${kind}`, 'JYJ', ['department_user']);
    const leader = await user(`leader-${kind}`, null, ['leader']);
    const nobody = await user(`nodept-${kind}`, null, ['department_user']);
    const gafjId = (await p.modules.org.service.findDepartmentByCode('GAFJ'))!.id;
    // GAFJ pushes into its own resource; the center loads a file GAFJ delivered into JYJ's resource, and SLJ data.
    const own = await p.app.inject({
      method: 'POST',
      url: '/api/ingest/push/gafj_household',
      headers: gafj,
      payload: { records: [{ id_number: '430102199001011238', name: '张三' }] },
    });
    expect(own.statusCode, own.body).toBe(200);
    const household = own.json().id as number;
    const delivered = (
      await p.modules.ingest.service.ingestFile(ctx, {
        resource: 'jyj_schools',
        file: schoolsCsv,
        sourceDepartmentId: gafjId,
      })
    ).id;
    const water = (
      await p.modules.ingest.service.ingestRecords(ctx, 'slj_water_level', [
        { station_code: 'SW01', observed_at: '2026-11-24 08:00', level_m: '31.2' },
      ])
    ).id;
    const ids = async (who: { cookie: string }) =>
      ((await get('/api/ingest/batches?pageSize=200', who)).json().items as { id: number }[]).map(
        (b) => b.id,
      );

    expect(await ids(gafj)).toEqual([delivered, household]);
    expect(await ids(jyj)).toEqual(expect.arrayContaining([delivered]));
    expect(await ids(jyj)).not.toContain(household);
    expect(await ids(jyj)).not.toContain(water);
    expect(await ids(nobody)).toEqual([]);
    for (const who of [admin, leader])
      expect(await ids(who)).toEqual(expect.arrayContaining([household, delivered, water]));

    expect((await get(`/api/ingest/batches/${delivered}`, gafj)).statusCode).toBe(200);
    expect((await get(`/api/ingest/batches/${delivered}/issues`, jyj)).statusCode).toBe(200);
    for (const url of [
      `/api/ingest/batches/${household}`,
      `/api/ingest/batches/${household}/issues`,
      `/api/ingest/batches/${household}/rejects.xlsx`,
    ]) {
      const refused = await get(url, jyj);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'not_your_batch' });
    }
    expect((await get(`/api/ingest/batches/${water}`, gafj)).statusCode).toBe(403);
    expect((await get(`/api/ingest/batches/${water}`, nobody)).statusCode).toBe(403);
    expect((await get(`/api/ingest/batches/${water}`, leader)).statusCode).toBe(200);

    const denied = (await get('/api/audit?action=access.denied&targetType=batch&pageSize=50', admin)).json();
    expect(
      denied.items.map((e: { actorName: string; targetId: string; outcome: string }) => [
        e.actorName,
        e.targetId,
        e.outcome,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [`jyj-${kind}`, String(household), 'denied'],
        [`gafj-${kind}`, String(water), 'denied'],
      ]),
    );
  });

  it('finds records by the values of a key of several items, one parameter per key item', async () => {
    await p.modules.ingest.service.ingestRecords(ctx, 'slj_water_level', [
      { station_code: 'SW01', observed_at: '2026-11-24 09:00', level_m: '31.5' },
      { station_code: 'SW02', observed_at: '2026-11-24 09:00', level_m: '30.1' },
      { station_code: 'SW12', observed_at: '2026-11-25 09:00', level_m: '30.4' },
    ]);
    const found = async (query: string) => {
      const res = await get(`/api/ingest/records/slj_water_level?${query}`, admin);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { station_code: string; observed_at: string }[])
        .map((r) => `${r.station_code} ${r.observed_at}`)
        .sort();
    };
    expect(await found('key.station_code=SW01&key.observed_at=2026-11-24%2009')).toEqual([
      'SW01 2026-11-24 09:00:00',
    ]);
    expect(await found('key.observed_at=2026-11-24%2009')).toEqual([
      'SW01 2026-11-24 09:00:00',
      'SW02 2026-11-24 09:00:00',
    ]);
    // `key` is the first key item's value; the JSON the server keeps composite keys as is not searched.
    expect(await found('key=SW1')).toEqual(['SW12 2026-11-25 09:00:00']);
    expect(await found(`key=${encodeURIComponent('["SW01"')}`)).toEqual([]);
    const refused = await get('/api/ingest/records/slj_water_level?key.level_m=31', admin);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'not_key_item', errors: [{ field: 'key.level_m' }] });
  });

  it('records a source that broke off mid-way as unreadable, with its words', async () => {
    async function* breaksMidway() {
      for (let i = 0; i < 150; i++) yield { project_code: `F${i}`, name: `工地${i}` };
      throw new Error('the departmental system closed the stream');
    }
    const { batchId, finished } = await p.modules.ingest.service.startRecords(
      ctx,
      'zjj_construction_sites',
      breaksMidway(),
    );
    await expect(finished).rejects.toThrow('closed the stream');
    expect(await p.modules.ingest.service.get(ctx, batchId)).toMatchObject({
      status: 'failed',
      errorCode: 'unreadable_file',
      error: 'the departmental system closed the stream',
    });
  });

  it('rejects a record holding a NUL (the database cannot store it in text) and loads the rest', async () => {
    const batch = await p.modules.ingest.service.ingestRecords(ctx, 'zjj_construction_sites', [
      { project_code: 'NUL1', name: 'a\u0000b' },
      { project_code: 'NUL2', name: 'ab' },
    ]);
    expect(batch).toMatchObject({
      status: 'done',
      inserted: 1,
      rejected: 1,
      rejectedByReason: { control_character: 1 },
    });
    const issues = await p.modules.ingest.service.issues(ctx, batch.id, {
      kind: 'rejected',
      page: 1,
      pageSize: 10,
    });
    expect(issues.items[0]).toMatchObject({ reasons: ['control_character'], raw: { name: 'a\u2400b' } });
  });

  it('records a database failure as such, with the database’s own words', async () => {
    // The database refuses to keep rejected rows for a moment: the load's last step fails.
    await p.database.db.execute(
      sql.raw('alter table ingest.row_issues add constraint test_refuse check (batch_id < 0) not valid'),
    );
    try {
      const { batchId, finished } = await p.modules.ingest.service.startRecords(
        ctx,
        'zjj_construction_sites',
        [{ project_code: 'D1' }],
      );
      await expect(finished).rejects.toThrow();
      const batch = await p.modules.ingest.service.get(ctx, batchId);
      expect(batch).toMatchObject({ status: 'failed', errorCode: 'database_error' });
      expect(batch.error).toContain('test_refuse');
      // The database's words may quote data and internals: center staff read them, the department the code alone.
      const zjj = await user(`zjj-dberr-${kind}`, 'ZJJ', ['department_user']);
      const asDepartment = (await get(`/api/ingest/batches/${batchId}`, zjj)).json();
      expect(asDepartment).toMatchObject({ errorCode: 'database_error', error: null });
      const listed = (await get('/api/ingest/batches?resource=zjj_construction_sites', zjj)).json();
      expect(listed.items.find((b: { id: number }) => b.id === batchId)).toMatchObject({ error: null });
      expect((await get(`/api/ingest/batches/${batchId}`, admin)).json().error).toContain('test_refuse');
    } finally {
      await p.database.db.execute(sql.raw('alter table ingest.row_issues drop constraint test_refuse'));
    }
  });

  it('leaves items the source did not supply out of the completeness, marked as not supplied', async () => {
    const batch = await p.modules.ingest.service.ingestRecords(ctx, 'zjj_construction_sites', [
      { project_code: 'Q1', name: '工地一' },
      { project_code: 'Q2', name: '工地二' },
    ]);
    const supplied = Object.fromEntries(batch.quality!.map((q) => [q.code, q.supplied]));
    expect(supplied).toMatchObject({ project_code: true, name: true, started_on: false, lat: false });
    const history = await p.modules.ingest.service.qualityHistory(ctx, 'zjj_construction_sites');
    expect(history.at(-1)).toMatchObject({ batchId: batch.id, completeness: 1, validity: 1 });
  });

  it('shows the progress of a batch loading in this process without waiting for the database', async () => {
    const gates = [Promise.withResolvers<void>(), Promise.withResolvers<void>()];
    // The first 100 records give the header; then the source waits to be let go, twice.
    async function* slowly() {
      for (let i = 0; i < 100; i++) yield { project_code: `S${i}`, name: `工地${i}` };
      await gates[0]!.promise;
      for (let i = 100; i < 1100; i++) yield { project_code: `S${i}`, name: `工地${i}` };
      await gates[1]!.promise;
    }
    const { batchId, finished } = await p.modules.ingest.service.startRecords(
      ctx,
      'zjj_construction_sites',
      slowly(),
    );
    /** Polls the batch until it has read `rows` rows; on PGlite a database read would wait for the load. */
    const progressed = (rows: number) =>
      within(
        10_000,
        `progress ${rows}`,
        (async () => {
          for (;;) {
            const batch = await p.modules.ingest.service.get(ctx, batchId);
            expect(batch.status).toBe('running');
            if (batch.progress === rows) return batch;
            await new Promise((r) => setTimeout(r, 20));
          }
        })(),
      );
    expect(await progressed(100)).toMatchObject({ sourceKind: 'push', headers: ['project_code', 'name'] });
    gates[0]!.resolve();
    await progressed(1100);
    gates[1]!.resolve();
    expect(await finished).toMatchObject({ status: 'done', total: 1100, inserted: 1100 });
    expect(await p.modules.ingest.service.get(ctx, batchId)).toMatchObject({
      status: 'done',
      progress: null,
    });
  });
});
