// Departments' real workbooks through the upload wizard's API and the CLI's service, on both databases: header
// rows found below the title, a merged header mapped, every sheet of the layout loaded, totals and notes skipped,
// dates standardized, an ID number typed as a number rejected with its own reason; the user's correction used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { subdistrictWorkbook, xlsxBytes } from '../../../test/workbooks.ts';
import { systemCtx } from '../../core/context.ts';
import { queryRows } from '../../core/db.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-workbooks-int-'));

describe.each(databaseKinds)('departments workbooks on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  const ctx = systemCtx('test');
  const people = async () =>
    queryRows<Record<string, string>>(
      p.database.db,
      sql.raw(
        `select * from data.r_${(await p.modules.catalog.service.get(ctx, 'population')).id} order by _key`,
      ),
    );
  const upload = async (body: Buffer | string, fileName: string) => {
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/ingest/uploads?resource=population&fileName=${encodeURIComponent(fileName)}`,
      headers: { ...admin, 'content-type': 'application/octet-stream' },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const run = async (payload: Record<string, unknown>) => {
    const res = await p.app.inject({ method: 'POST', url: '/api/ingest/runs', headers: admin, payload });
    expect(res.statusCode, res.body).toBe(202);
    let batch: Record<string, unknown>;
    do
      batch = (
        await p.app.inject({
          method: 'GET',
          url: `/api/ingest/batches/${res.json().batchId}`,
          headers: admin,
        })
      ).json();
    while (batch.status === 'running');
    return batch;
  };

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  it('shows what it detected, loads the data rows of every sheet and keeps the layout on the batch', async () => {
    const preview = await upload(await xlsxBytes(subdistrictWorkbook()), '人口汇总.xlsx');
    expect(preview.headers).toEqual([
      '序号',
      '姓名',
      '身份证号',
      '出生日期',
      '户籍地址-街道',
      '户籍地址-社区',
      '户籍地址-门牌',
      '联系电话',
    ]);
    expect(preview.mapping).toEqual({
      序号: null,
      姓名: 'name',
      身份证号: 'id_number',
      出生日期: 'birth_date',
      '户籍地址-街道': 'subdistrict',
      '户籍地址-社区': 'community',
      '户籍地址-门牌': null,
      联系电话: 'phone',
    });
    expect(preview.sample.map((r: string[]) => r[1])).toEqual(['张三', '钱七', '孙八', '周九', '吴十']);
    expect(preview.firstRows[0]).toEqual({ row: 1, cells: ['望城区人口登记汇总表'] });
    expect(preview.layout).toMatchObject({
      headerRows: [3, 4],
      merged: true,
      sheets: [
        { name: '高塘岭街道', loaded: true, rows: 3 },
        { name: '乔口镇', loaded: true, rows: 3 },
      ],
      skippedCount: 10,
    });
    expect(
      preview.layout.skippedRows
        .filter((r: { sheet: string }) => r.sheet === '高塘岭街道')
        .map((r: { row: number; kind: string }) => [r.row, r.kind]),
    ).toEqual([
      [1, 'title'],
      [2, 'title'],
      [8, 'total'],
      [9, 'note'],
      [10, 'note'],
    ]);

    const batch = await run({
      resource: 'population',
      uploadId: preview.uploadId,
      fileName: '人口汇总.xlsx',
    });
    // Six people: the totals and notes rows are neither counted nor rejected.
    expect(batch).toMatchObject({ status: 'done', total: 6, accepted: 6, rejected: 0, inserted: 6 });
    expect(batch.layout).toMatchObject({ headerRows: [3, 4], merged: true, skippedCount: 10 });
    const rows = await people();
    expect(Object.fromEntries(rows.map((r) => [r.name, r.birth_date]))).toEqual({
      张三: '1990-01-01',
      钱七: '1949-12-31',
      孙八: '1990-03-07',
      周九: '1990-03-07',
      吴十: '1990-03-07',
      郑一: '1990-03-07',
    });
    expect(rows.find((r) => r.name === '周九')).toMatchObject({
      subdistrict: '乔口镇',
      community: '乔口社区',
    });
  });

  it('loads with the header row and sheets the user chose', async () => {
    const preview = await upload(await xlsxBytes(subdistrictWorkbook()), '人口汇总.xlsx');
    const choice = { headerRows: [3], sheets: ['乔口镇'] };
    const corrected = await p.app.inject({
      method: 'POST',
      url: '/api/ingest/previews',
      headers: admin,
      payload: {
        resource: 'population',
        uploadId: preview.uploadId,
        fileName: '人口汇总.xlsx',
        layout: choice,
      },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({
      headers: ['序号', '姓名', '身份证号', '出生日期', '户籍地址', '', '', '联系电话'],
      layout: {
        headerRows: [3],
        merged: false,
        sheets: [
          { name: '高塘岭街道', loaded: false, reason: 'not_chosen' },
          { name: '乔口镇', loaded: true, rows: 4 },
        ],
      },
    });
    const batch = await run({
      resource: 'population',
      uploadId: preview.uploadId,
      fileName: '人口汇总.xlsx',
      layout: choice,
    });
    // The lower header row is a row of data now: it has no ID number.
    expect(batch).toMatchObject({ total: 4, rejected: 1, rejectedByReason: { missing_required: 1 } });
    expect(batch.layout).toMatchObject({ sheets: [{ loaded: false }, { name: '乔口镇', rows: 4 }] });
    // Header rows that hold no header: said so, naming the field.
    const wrong = await p.app.inject({
      method: 'POST',
      url: '/api/ingest/previews',
      headers: admin,
      payload: {
        resource: 'population',
        uploadId: preview.uploadId,
        fileName: 'x.xlsx',
        layout: { headerRows: [40] },
      },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'header_rows_invalid',
      errors: [{ field: 'layout.headerRows' }],
    });
  });

  it('rejects an ID number typed as a number with its own reason, never a guess', async () => {
    const workbook = subdistrictWorkbook({
      高塘岭街道: [
        [1, '赵六', 430112199001011000 as unknown as string, '1990-01-01', '', '', '', ''],
        [2, '张三', '430102199001011238', '1990-01-01', '', '', '', ''],
      ],
    });
    const file = path.join(work, 'id-as-number.xlsx');
    fs.writeFileSync(file, await xlsxBytes(workbook));
    const batch = await p.modules.ingest.service.ingestFile(ctx, { resource: 'population', file });
    expect(batch).toMatchObject({ total: 2, rejected: 1, rejectedByReason: { id_number_as_number: 1 } });
    const issues = await p.modules.ingest.service.issues(ctx, batch.id, {
      kind: 'rejected',
      page: 1,
      pageSize: 10,
    });
    expect(issues.items[0]).toMatchObject({
      row: 1,
      reasons: expect.arrayContaining(['id_number_as_number']),
      raw: { 身份证号: '4.30112199001011E+17' },
    });
    expect((await people()).some((r) => r.name === '赵六')).toBe(false);
  });

  it('skips the title, totals and notes of a CSV file loaded from disk', async () => {
    const file = path.join(work, '人口.csv');
    fs.writeFileSync(
      file,
      [
        '望城区人口登记汇总表,,',
        '填报单位：望城区民政局,,日期：2023.5.1',
        '姓名,身份证号,出生日期',
        '陈二,110101199003074477,1990.3.7',
        '合计,1人,',
        '审核人：王五,,',
      ].join('\n'),
    );
    const batch = await p.modules.ingest.service.ingestFile(ctx, { resource: 'population', file });
    expect(batch).toMatchObject({ total: 1, accepted: 1, rejected: 0 });
    expect(batch.layout).toMatchObject({
      headerRows: [3],
      skippedRows: [
        { row: 1, kind: 'title' },
        { row: 2, kind: 'title' },
        { row: 5, kind: 'total' },
        { row: 6, kind: 'note' },
      ],
    });
    expect((await people()).find((r) => r.name === '陈二')?.birth_date).toBe('1990-03-07');
  });
});
