import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  databaseKinds,
  login,
  reopenTestPlatform,
  startTestPlatform,
} from '../../../test/databases.ts';
import { writePopulationCsv } from '../../../test/population-csv.ts';
import { envFor, runCli } from '../../../test/processes.ts';
import { upgradeIdNumber } from '../../core/cn-codes.ts';
import { systemCtx } from '../../core/context.ts';
import { queryRows } from '../../core/db.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-ingest-'));
const csvRows = [
  '姓名,身份证号,性别,出生日期,联系电话,现住址,所属街道,备注',
  '张三,430102199001011238,男,1990年1月1日,138 0013 8000,望城区高塘岭街道1号,高塘岭街道,a',
  '李四,430112850315001,男,1985/3/15,0731 88001234,望城区2号,乔口镇,b',
  '王五,340524198001010013,女,19800101,13900139000,地址,靖港镇,c',
  '赵六,,女,1985-02-30,1234,地址,靖港镇,d',
  '张三,430102199001011238,男,1990年1月1日,138 0013 8000,望城区高塘岭街道1号,高塘岭街道,a',
  '钱七,１１０１０５１９４９１２３１００２ｘ,女,1949-12-31,,北京,白马街道,e',
];
const gbkFile = path.join(work, 'population-gbk.csv');
fs.writeFileSync(gbkFile, iconv.encode(csvRows.join('\r\n'), 'gbk'));

describe.each(databaseKinds)('aggregation on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  const ctx = systemCtx('test');
  const people = async () =>
    queryRows<Record<string, string>>(
      p.database.db,
      sql.raw(
        `select * from data.r_${(await p.modules.catalog.service.get(ctx, 'population')).id} order by _key`,
      ),
    );
  beforeAll(async () => {
    p = await startTestPlatform(kind);
  });
  afterAll(() => p?.close());

  it('loads a GBK CSV: detects the encoding, maps headers, standardizes, rejects with reasons, counts duplicates', async () => {
    const batch = await p.modules.ingest.service.ingestFile(ctx, { resource: 'population', file: gbkFile });
    expect(batch).toMatchObject({
      encoding: 'gbk',
      format: 'csv',
      status: 'done',
      total: 6,
      accepted: 4,
      rejected: 2,
      duplicates: 1,
      inserted: 3,
      updated: 0,
      unchanged: 0,
    });
    expect(batch.rejectedByReason).toEqual({
      id_number_checksum: 1,
      missing_required: 1,
      date_invalid: 1,
      value_invalid: 1,
    });
    expect(batch.mapping).toMatchObject({
      姓名: 'name',
      身份证号: 'id_number',
      现住址: 'address',
      备注: null,
    });
    const stored = await people();
    expect(stored.map((r) => r.id_number)).toEqual([
      '11010519491231002X',
      '430102199001011238',
      upgradeIdNumber('430112850315001'),
    ]);
    const li = stored.find((r) => r.name === '李四')!;
    expect(li).toMatchObject({ birth_date: '1985-03-15', phone: '0731-88001234', subdistrict: '乔口镇' });
    expect(stored.find((r) => r.name === '张三')).toMatchObject({
      birth_date: '1990-01-01',
      phone: '13800138000',
    });
    const rejects = await p.modules.ingest.service.issues(ctx, batch.id, {
      kind: 'rejected',
      page: 1,
      pageSize: 50,
    });
    expect(rejects.items).toEqual([
      {
        row: 3,
        kind: 'rejected',
        reasons: ['id_number_checksum'],
        fields: [{ reason: 'id_number_checksum', item: 'id_number', column: '身份证号' }],
        raw: expect.objectContaining({ 姓名: '王五', 身份证号: '340524198001010013' }),
      },
      {
        row: 4,
        kind: 'rejected',
        reasons: ['missing_required', 'date_invalid', 'value_invalid'],
        fields: [
          { reason: 'missing_required', item: 'id_number', column: '身份证号' },
          { reason: 'date_invalid', item: 'birth_date', column: '出生日期' },
          { reason: 'value_invalid', item: 'phone', column: '联系电话' },
        ],
        raw: expect.objectContaining({ 姓名: '赵六' }),
      },
    ]);
    const warnings = await p.modules.ingest.service.issues(ctx, batch.id, {
      kind: 'warning',
      page: 1,
      pageSize: 50,
    });
    expect(warnings.items.map((w) => [w.row, w.reasons])).toEqual([[2, ['id_number_upgraded']]]);
  });

  it('adds nothing when the same file runs again, and updates only what changed', async () => {
    const again = await p.modules.ingest.service.ingestFile(ctx, { resource: 'population', file: gbkFile });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, duplicates: 1, rejected: 2 });
    const changed = path.join(work, 'changed.csv');
    fs.writeFileSync(
      changed,
      `${csvRows[0]}\n${csvRows[1]!.replace('138 0013 8000', '13912345678')}\n${csvRows[2]}\n`,
    );
    const update = await p.modules.ingest.service.ingestFile(ctx, { resource: 'population', file: changed });
    expect(update).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, encoding: 'utf-8' });
    expect((await people()).find((r) => r.name === '张三')!.phone).toBe('13912345678');
    // The records list puts the row just changed first, read through the table's change index.
    const page = await p.modules.ingest.service.records(ctx, 'population', {
      page: 1,
      pageSize: 10,
      search: {},
      raw: 'true',
      reason: '核对更新',
    });
    expect(page.items.map((r) => r.name)).toEqual(['张三', expect.any(String), expect.any(String)]);
    const table = `r_${(await p.modules.catalog.service.get(ctx, 'population')).id}`;
    const indexes = await queryRows<{ indexdef: string }>(
      p.database.db,
      sql`select indexdef from pg_indexes where schemaname = 'data' and tablename = ${table}`,
    );
    expect(indexes.map((i) => i.indexdef)).toContainEqual(expect.stringContaining('(_updated_at, _key)'));
  });

  it('loads XLSX, JSON and NDJSON files', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('学校');
    sheet.addRow(['学校标识码', '学校名称', '学段', '在校学生数', '街道']);
    sheet.addRow(['2143001234', '望城区第一中学', '完全中学', 2300, '高塘岭街道']);
    sheet.addRow(['2143001235', '乔口镇中心小学', '小学', '1,050', '乔口镇']);
    sheet.addRow(['2143001236', '某某学校', '大学', 10, '乔口镇']);
    const xlsx = path.join(work, 'schools.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const schools = await p.modules.ingest.service.ingestFile(ctx, {
      resource: 'jyj_schools',
      file: xlsx,
      mapping: { 街道: 'subdistrict' },
    });
    expect(schools).toMatchObject({
      format: 'xlsx',
      total: 3,
      inserted: 2,
      rejected: 1,
      rejectedByReason: { value_invalid: 1 },
    });

    const json = path.join(work, 'levels.json');
    fs.writeFileSync(
      json,
      JSON.stringify([{ station_code: 'SW01', observed_at: '2026-11-24T08:00:00+08:00', level_m: 31.2 }]),
    );
    expect(
      await p.modules.ingest.service.ingestFile(ctx, { resource: 'slj_water_level', file: json }),
    ).toMatchObject({ format: 'json', inserted: 1 });
    const ndjson = path.join(work, 'levels.ndjson');
    fs.writeFileSync(
      ndjson,
      '{"station_code":"SW01","observed_at":"2026-11-24 09:00","level_m":"31.5"}\n{"station_code":"SW02","observed_at":"2026-11-24 09:00","level_m":"abc"}\n',
    );
    expect(
      await p.modules.ingest.service.ingestFile(ctx, { resource: 'slj_water_level', file: ndjson }),
    ).toMatchObject({ format: 'ndjson', inserted: 1, rejected: 1 });
  });

  it('loads two batches of one new resource side by side without losing either', async () => {
    const header = '项目编号,项目名称,开工日期,所属街道\n';
    const a = path.join(work, 'sites-a.csv');
    const b = path.join(work, 'sites-b.csv');
    fs.writeFileSync(
      a,
      header +
        Array.from({ length: 300 }, (_, i) => `A${i},工地A${i},2026-01-0${1 + (i % 9)},乔口镇`).join('\n'),
    );
    fs.writeFileSync(
      b,
      header +
        Array.from({ length: 300 }, (_, i) => `B${i},工地B${i},2026-02-0${1 + (i % 9)},靖港镇`).join('\n'),
    );
    const [first, second] = await Promise.all([
      p.modules.ingest.service.ingestFile(ctx, { resource: 'zjj_construction_sites', file: a }),
      p.modules.ingest.service.ingestFile(ctx, { resource: 'zjj_construction_sites', file: b }),
    ]);
    expect(first.inserted + second.inserted).toBe(600);
    const resource = await p.modules.catalog.service.get(ctx, 'zjj_construction_sites');
    const [{ n }] = await queryRows<{ n: number }>(
      p.database.db,
      sql.raw(`select count(*)::int as n from data.r_${resource.id}`),
    );
    expect(n).toBe(600);
  });

  it('refuses a file whose key item has no column, naming it', async () => {
    const noKey = path.join(work, 'nokey.csv');
    fs.writeFileSync(noKey, '姓名,电话\n张三,13800138000\n');
    await expect(
      p.modules.ingest.service.ingestFile(ctx, { resource: 'population', file: noKey }),
    ).rejects.toMatchObject({ code: 'unmapped_key', params: { code: 'id_number' } });
  });

  it('keeps nothing of a batch killed mid-way, marks it interrupted, and loads fully when run again', async () => {
    const big = path.join(work, 'big.csv');
    await writePopulationCsv(big, 150_000, 7);
    await p.database.close(); // the child opens the same database (for PGlite, the data directory)
    const child = spawn(process.execPath, [path.resolve('test/ingest-child.ts'), big, 'gafj_household'], {
      env: envFor(p.config),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = /progress (\d+)/.exec(chunk.toString());
        if (match && Number(match[1]) >= 30_000) {
          child.kill('SIGKILL');
          resolve();
        }
        if (chunk.toString().includes('done'))
          reject(new Error('the batch finished before it could be killed'));
      });
    });
    await new Promise((r) => child.once('exit', r));
    p = await reopenTestPlatform(p);
    const resource = await p.modules.catalog.service.get(ctx, 'gafj_household');
    const [{ n }] = await queryRows<{ n: number }>(
      p.database.db,
      sql.raw(`select count(*)::int as n from data.r_${resource.id}`),
    ).catch(() => [{ n: 0 }]);
    expect(n).toBe(0);
    const { items } = await p.modules.ingest.service.list(ctx, {
      resource: 'gafj_household',
      page: 1,
      pageSize: 10,
    });
    expect(items[0]).toMatchObject({ status: 'interrupted', errorCode: 'interrupted' });
    const rerun = await p.modules.ingest.service.ingestFile(ctx, { resource: 'gafj_household', file: big });
    expect(rerun).toMatchObject({ status: 'done', total: 150_000, inserted: 150_000, rejected: 0 });
  });

  it('prints the CLI contract for ingest and rejects', async () => {
    await p.database.close();
    const env = envFor(p.config);
    const res = await runCli(['ingest', gbkFile, '--into', 'population', '--source', 'GAFJ', '--json'], env);
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out).sort()).toEqual(
      [
        'accepted',
        'batchId',
        'duplicates',
        'inserted',
        'merge',
        'rejected',
        'rejectedByReason',
        'seconds',
        'total',
        'totalSeconds',
        'unchanged',
        'updated',
        'warnings',
      ].sort(),
    );
    // The previous test changed 张三's phone; this file sets it back.
    expect(out).toMatchObject({ total: 6, rejected: 2, inserted: 0, updated: 1, unchanged: 2 });
    // The population resource feeds the registry: the merge of the one changed row is reported and counted in the
    // whole time (aggregation's `seconds` alone left it out).
    expect(out.merge).toEqual({
      keys: 1,
      changed: 1,
      conflicts: expect.any(Number),
      seconds: expect.any(Number),
      steps: expect.any(Object),
    });
    expect(out.totalSeconds).toBeGreaterThanOrEqual(out.seconds);
    expect(out.totalSeconds).toBeGreaterThanOrEqual(out.merge.seconds);
    const rejects = await runCli(['rejects', String(out.batchId), '--json'], env);
    const printed = JSON.parse(rejects.stdout);
    expect(printed).toEqual([
      {
        row: 3,
        reasons: ['id_number_checksum'],
        fields: [{ reason: 'id_number_checksum', item: 'id_number', column: '身份证号' }],
        raw: expect.objectContaining({ 姓名: '王五' }),
      },
      {
        row: 4,
        reasons: ['missing_required', 'date_invalid', 'value_invalid'],
        fields: expect.arrayContaining([
          { reason: 'missing_required', item: 'id_number', column: '身份证号' },
        ]),
        raw: expect.objectContaining({ 姓名: '赵六' }),
      },
    ]);
    // Each row's values come in the file's column order.
    expect(Object.keys(printed[0].raw)).toEqual(csvRows[0]!.split(','));
    p = await reopenTestPlatform(p);
  });

  it("records a loaded file's SHA-256, taken while its rows were read", async () => {
    const batch = await p.modules.ingest.service.ingestFile(ctx, { resource: 'population', file: gbkFile });
    expect(batch.fileHash).toBe(createHash('sha256').update(fs.readFileSync(gbkFile)).digest('hex'));
    expect((await p.modules.ingest.service.get(ctx, batch.id)).fileHash).toBe(batch.fileHash);
  });

  it('finds a record by a prefix of its ID number only for those who see ID numbers raw', async () => {
    const admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: 'prefixlead',
        displayName: '领导',
        departmentId: null,
        roles: ['leader'],
        password: 'Leader#2026',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const leader = await login(p.app, 'prefixlead', 'Leader#2026');
    const finds = async (who: { cookie: string }, query: string) => {
      const res = await p.app.inject({
        method: 'GET',
        url: `/api/ingest/records/population?${query}`,
        headers: who,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().total;
    };
    // Who sees the ID number masked finds it by the whole number only: a prefix answer would confirm each digit
    // guessed. `key.<item>` is the same search; a LIKE wildcard is no way around it.
    expect(await finds(leader, 'key=4301021990')).toBe(0);
    expect(await finds(leader, 'key=43010219900101123')).toBe(0);
    expect(await finds(leader, 'key.id_number=4301021990')).toBe(0);
    expect(await finds(leader, 'key.id_number=43010219900101123_')).toBe(0);
    expect(await finds(leader, 'key.id_number=430102199001011238')).toBe(1);
    expect(await finds(leader, 'key=430102199001011238')).toBe(1);
    // Whoever sees it raw still searches by prefix, in a raw view (with a reason) only.
    expect(await finds(admin, 'key=4301021990&raw=true&reason=%E6%A0%B8%E5%AF%B9')).toBe(1);
    expect(await finds(admin, 'key=4301021990')).toBe(0);
  });
});

describe('aggregation over HTTP', () => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  beforeAll(async () => {
    p = await startTestPlatform('pglite');
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  it('uploads, previews, runs, reports and downloads rejects as XLSX', async () => {
    const upload = await p.app.inject({
      method: 'POST',
      url: `/api/ingest/uploads?resource=population&fileName=${encodeURIComponent('人口.csv')}`,
      headers: { ...admin, 'content-type': 'application/octet-stream' },
      payload: fs.readFileSync(gbkFile),
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const preview = upload.json();
    expect(preview).toMatchObject({
      encoding: 'gbk',
      headers: expect.arrayContaining(['姓名', '身份证号']),
      mapping: { 身份证号: 'id_number' },
    });
    expect(preview.sample[0][0]).toBe('张三');
    const run = await p.app.inject({
      method: 'POST',
      url: '/api/ingest/runs',
      headers: admin,
      payload: { resource: 'population', uploadId: preview.uploadId, fileName: '人口.csv' },
    });
    expect(run.statusCode).toBe(202);
    const { batchId } = run.json();
    let batch: { status: string; inserted: number };
    do
      batch = (
        await p.app.inject({ method: 'GET', url: `/api/ingest/batches/${batchId}`, headers: admin })
      ).json();
    while (batch.status === 'running');
    expect(batch).toMatchObject({ status: 'done', inserted: 3 });
    const xlsx = await p.app.inject({
      method: 'GET',
      url: `/api/ingest/batches/${batchId}/rejects.xlsx`,
      headers: admin,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe(3);
    expect(sheet.getRow(2).getCell(2).value).toBe('身份证号校验码错误');
    const quality = (
      await p.app.inject({ method: 'GET', url: '/api/ingest/quality/population', headers: admin })
    ).json();
    expect(quality).toHaveLength(1);
    expect(quality[0].validity).toBeLessThan(1);
  });

  it('shows loaded records masked by default, raw only to those allowed with a reason, audited once per view', async () => {
    await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: 'leader1',
        displayName: '领导',
        departmentId: null,
        roles: ['leader'],
        password: 'Leader#2026',
      },
    });
    const leader = await login(p.app, 'leader1', 'Leader#2026');
    const get = async (who: { cookie: string }, query: string) =>
      p.app.inject({ method: 'GET', url: `/api/ingest/records/population?${query}`, headers: who });
    const masked = (await get(leader, 'key=430102199001011238')).json();
    expect(masked).toMatchObject({ total: 1, masked: true, rawAllowed: false });
    // Birth date and sex come from the ID number: beside its mask they would rebuild it.
    expect(masked.items[0]).toMatchObject({
      name: '张*',
      id_number: '430102********1238',
      birth_date: '1990-**-**',
      sex: '*',
      phone: '138****8000',
      subdistrict: '高塘岭街道',
    });
    // The house number is hidden with the address.
    expect(masked.items[0].address).toBe('望城区高塘岭街道**');
    // A department user of another department paging the records sees no birth date, sex or house number beside
    // the masked ID numbers (4,978 of 4,986 ID numbers were rebuilt that way).
    const mzj = await p.modules.org.service.findDepartmentByCode('MZJ');
    await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: 'mzjreader',
        displayName: '民政',
        departmentId: mzj!.id,
        roles: ['department_user'],
        password: 'Reader#2026',
      },
    });
    const reader = await login(p.app, 'mzjreader', 'Reader#2026');
    for (const page of [1, 2]) {
      const paged = (await get(reader, `page=${page}&pageSize=2`)).json();
      expect(paged.masked).toBe(true);
      if (page === 1) expect(paged.items.length).toBe(2);
      for (const row of paged.items) {
        expect(row.birth_date ?? '').not.toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(row.sex === null || row.sex === '*').toBe(true);
        expect(row.address ?? '').not.toMatch(/\d+号/);
      }
    }
    // Asking raw without the right changes nothing.
    expect((await get(leader, 'key=430102199001011238&raw=true&reason=x')).json()).toMatchObject({
      masked: true,
      items: [{ id_number: '430102********1238', birth_date: '1990-**-**' }],
    });
    // Masked by default for an administrator too; raw needs a reason.
    const byDefault = (await get(admin, 'key=430102199001011238')).json();
    expect(byDefault).toMatchObject({ masked: true, rawAllowed: true, items: [{ sex: '*' }] });
    const noReason = await get(admin, 'key=4301021990&raw=true');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({
      code: 'raw_reason_required',
      errors: [expect.objectContaining({ field: 'reason', reason: 'required' })],
    });
    const why = encodeURIComponent('核对低保申请');
    const raw = (await get(admin, `key=4301021990&raw=true&reason=${why}`)).json();
    expect(raw.masked).toBe(false);
    expect(raw.items[0]).toMatchObject({
      name: '张三',
      id_number: '430102199001011238',
      birth_date: '1990-01-01',
    });
    // Paging through the same view adds no entry; a view for another reason does.
    await get(admin, `key=4301021990&raw=true&reason=${why}&page=2`);
    await get(admin, `key=4301021990&raw=true&reason=${why}&pageSize=5`);
    const audited = async () =>
      (
        await p.app.inject({
          method: 'GET',
          url: '/api/audit?action=data.read_personal&targetType=resource',
          headers: admin,
        })
      ).json().items as { actorName: string; detail: { reason: string } }[];
    expect((await audited()).map((e) => [e.actorName, e.detail.reason])).toEqual([['admin', '核对低保申请']]);
    await get(admin, `key=4301021990&raw=true&reason=${encodeURIComponent('复核')}`);
    expect(await audited()).toHaveLength(2);
  });

  it('takes pushes from departmental systems only for their own resources', async () => {
    const gafj = await p.modules.org.service.findDepartmentByCode('GAFJ');
    await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: 'gafjsys',
        displayName: '公安系统',
        departmentId: gafj!.id,
        roles: ['department_user'],
        password: 'Gafj#2026x',
      },
    });
    const system = await login(p.app, 'gafjsys', 'Gafj#2026x');
    const records = [
      { id_number: '430102199001011238', name: '张三', phone: '13800138000' },
      { id_number: 'bad', name: '坏数据' },
    ];
    const own = await p.app.inject({
      method: 'POST',
      url: '/api/ingest/push/gafj_household',
      headers: system,
      payload: { records },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      sourceKind: 'push',
      inserted: 1,
      rejected: 1,
      rejectedByReason: { id_number_format: 1 },
    });
    const other = await p.app.inject({
      method: 'POST',
      url: '/api/ingest/push/mzj_marriage',
      headers: system,
      payload: { records },
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('aggregation refusals and personal data in reports', () => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  const upload = (body: Buffer | string, fileName: string, headers = admin) =>
    p.app.inject({
      method: 'POST',
      url: `/api/ingest/uploads?resource=population&fileName=${encodeURIComponent(fileName)}`,
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      payload: body,
    });
  beforeAll(async () => {
    p = await startTestPlatform('pglite');
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  it('refuses empty and unreadable files, unknown uploads and two columns on one item, naming the field', async () => {
    expect((await upload('', 'empty.csv')).json()).toMatchObject({
      code: 'empty_file',
      errors: [{ field: 'file' }],
    });
    expect((await upload('not a zip', 'broken.xlsx')).json()).toMatchObject({
      code: 'unreadable_file',
      errors: [{ field: 'file' }],
    });
    expect((await upload('{"a": ', 'broken.json')).statusCode).toBe(400);
    const gone = await p.app.inject({
      method: 'POST',
      url: '/api/ingest/runs',
      headers: admin,
      payload: { resource: 'population', uploadId: `${'0'.repeat(64)}.csv`, fileName: 'x.csv' },
    });
    expect(gone.json()).toMatchObject({ code: 'unknown_upload', errors: [{ field: 'uploadId' }] });
    const preview = (
      await upload('身份证号,证件号码,姓名\n430102199001011238,430102199001011238,张三\n', 'twice.csv')
    ).json();
    const twice = await p.app.inject({
      method: 'POST',
      url: '/api/ingest/runs',
      headers: admin,
      payload: {
        resource: 'population',
        uploadId: preview.uploadId,
        fileName: 'twice.csv',
        mapping: { 证件号码: 'id_number' },
      },
    });
    expect(twice.json()).toMatchObject({ code: 'item_mapped_twice', params: { code: 'id_number' } });
  });

  it("refuses a department user's delivery in another department's name, and lets the center name any", async () => {
    const departments = (
      await p.app.inject({ method: 'GET', url: '/api/departments?pageSize=500', headers: admin })
    ).json().items as { id: number; code: string }[];
    const idOf = (code: string) => departments.find((d) => d.code === code)!.id;
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: 'gafj-source',
        displayName: '公安',
        departmentId: idOf('GAFJ'),
        roles: ['department_user'],
        password: 'Source#2026x',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const gafj = await login(p.app, 'gafj-source', 'Source#2026x');
    const run = async (who: { cookie: string }, sourceDepartmentId: number) => {
      const preview = await p.app.inject({
        method: 'POST',
        url: `/api/ingest/uploads?resource=gafj_household&fileName=${encodeURIComponent('户籍.csv')}`,
        headers: { ...who, 'content-type': 'application/octet-stream' },
        payload: '身份证号,姓名\n430102199001011238,张三\n',
      });
      expect(preview.statusCode, preview.body).toBe(200);
      return p.app.inject({
        method: 'POST',
        url: '/api/ingest/runs',
        headers: who,
        payload: {
          resource: 'gafj_household',
          uploadId: preview.json().uploadId,
          fileName: '户籍.csv',
          sourceDepartmentId,
        },
      });
    };
    const claimed = await run(gafj, idOf('MZJ'));
    expect(claimed.statusCode).toBe(403);
    expect(claimed.json().code).toBe('not_your_department_delivery');
    expect((await run(gafj, idOf('GAFJ'))).statusCode).toBe(202);
    expect((await run(admin, idOf('MZJ'))).statusCode).toBe(202);
    await p.modules.ingest.service.idle();
  });

  it('masks personal columns of rejected rows for readers who may not see them raw', async () => {
    const batch = await p.modules.ingest.service.ingestFile(systemCtx('test'), {
      resource: 'population',
      file: gbkFile,
    });
    await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: 'leader2',
        displayName: '领导',
        departmentId: null,
        roles: ['leader'],
        password: 'Leader#2026',
      },
    });
    const leader = await login(p.app, 'leader2', 'Leader#2026');
    const masked = (
      await p.app.inject({ method: 'GET', url: `/api/ingest/batches/${batch.id}/issues`, headers: leader })
    ).json();
    expect(masked.items[0].raw).toMatchObject({
      姓名: '王*',
      身份证号: '340524********0013',
      // Columns derived from the masked ID number are masked with it.
      出生日期: '1980-**-**',
      性别: '*',
      所属街道: '靖港镇',
    });
    const raw = (
      await p.app.inject({ method: 'GET', url: `/api/ingest/batches/${batch.id}/issues`, headers: admin })
    ).json();
    expect(raw.items[0].raw).toMatchObject({ 姓名: '王五', 身份证号: '340524198001010013' });
    const audited = (
      await p.app.inject({ method: 'GET', url: '/api/audit?action=data.read_personal', headers: admin })
    ).json();
    expect(
      audited.items.map((e: { actorName: string; targetType: string }) => [e.actorName, e.targetType]),
    ).toEqual([['admin', 'batch']]);
  });
});
