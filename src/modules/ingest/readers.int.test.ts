// The file readers' guards through the real service and HTTP upload, on both databases: a line too long, a NUL in
// a cell, files in UTF-16 and UTF-8 with a few GBK bytes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { systemCtx } from '../../core/context.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-readers-'));
const header = '姓名,身份证号,性别,出生日期,联系电话,现住址';
const zhang = '张三,430102199001011238,男,1990-01-01,13800138000,望城区高塘岭街道1号';
const qian = '钱七,11010519491231002X,女,1949-12-31,13900139000,望城区乔口镇2号';
// Limits set low for the test (the defaults are 1 MB a field, 4 MB a record), so a file of a few MB passes them.
const MAX_FIELD = 100_000;
const MAX_RECORD = 400_000;

/** A file in the work folder. */
function file(name: string, content: string | Buffer) {
  const target = path.join(work, name);
  fs.writeFileSync(target, content);
  return target;
}

describe.each(databaseKinds)('file readers on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  const ctx = systemCtx('test');
  const ingest = () => p.modules.ingest.service;
  const upload = (body: Buffer | string, fileName: string) =>
    p.app.inject({
      method: 'POST',
      url: `/api/ingest/uploads?resource=population&fileName=${encodeURIComponent(fileName)}`,
      headers: { ...admin, 'content-type': 'application/octet-stream' },
      payload: body,
    });
  const rejected = async (batchId: number) =>
    (await ingest().issues(ctx, batchId, { kind: 'rejected', page: 1, pageSize: 50 })).items;

  beforeAll(async () => {
    p = await startTestPlatform(kind, {
      ONECITY_INGEST_MAX_FIELD_CHARS: String(MAX_FIELD),
      ONECITY_INGEST_MAX_RECORD_CHARS: String(MAX_RECORD),
    });
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  it('refuses an upload with a 2 MB cell: 400 naming row, column and limit, without echoing the cell', async () => {
    const long = `${header}\n${zhang}\n${qian.replace('望城区乔口镇2号', 'x'.repeat(2_000_000))}\n`;
    const res = await upload(long, 'long.csv');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'field_too_long',
      params: { row: 3, column: '现住址', limit: MAX_FIELD },
      errors: [{ field: '现住址', row: 3, reason: 'field_too_long', params: { limit: MAX_FIELD } }],
    });
    expect(res.body.length).toBeLessThan(2000);
    // A line of many short fields is refused by the record limit.
    const wide = `${header}\n${zhang},${Array.from({ length: 50_000 }, () => 'abcdefghi').join(',')}\n`;
    expect((await upload(wide, 'wide.csv')).json()).toMatchObject({
      code: 'record_too_long',
      params: { row: 2, limit: MAX_RECORD },
    });
  });

  it('fails a batch whose long line comes deep in the file with its own code, and keeps nothing', async () => {
    const rows = Array.from({ length: 6000 }, () => zhang);
    const deep = file('deep.csv', `${header}\n${rows.join('\n')}\n${qian},${'y'.repeat(300_000)}\n${qian}\n`);
    await expect(ingest().ingestFile(ctx, { resource: 'population', file: deep })).rejects.toMatchObject({
      code: 'field_too_long',
    });
    const { items } = await ingest().list(ctx, { resource: 'population', page: 1, pageSize: 1 });
    expect(items[0]).toMatchObject({ status: 'failed', errorCode: 'field_too_long', fileName: 'deep.csv' });
    expect(items[0]!.error).toBe('Row 6002: column #7 is longer than the limit of 100000 characters');
    expect(items[0]!.error!.length).toBeLessThan(200);
  });

  it('cuts long cells to 200 characters in the upload preview and in rejected rows', async () => {
    const name = '名'.repeat(5000);
    const res = await upload(`${header}\n${zhang.replace('张三', name)}\n`, 'longname.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sample[0][0]).toBe(`${'名'.repeat(200)}…`);
    const batch = await ingest().ingestFile(ctx, {
      resource: 'population',
      file: file(
        'longname.csv',
        `${header}\n${zhang.replace('430102199001011238', `4${'0'.repeat(999)}`)}\n`,
      ),
    });
    expect(batch).toMatchObject({ status: 'done', rejected: 1 });
    expect((await rejected(batch.id))[0]!.raw.身份证号).toBe(`4${'0'.repeat(199)}…`);
  });

  it('rejects the row with a NUL in a cell (control_character) and loads the rest', async () => {
    const nul = file('nul.csv', `${header}\n${zhang}\n${qian.replace('钱七', '钱\0七')}\n`);
    const batch = await ingest().ingestFile(ctx, { resource: 'population', file: nul });
    expect(batch).toMatchObject({
      status: 'done',
      accepted: 1,
      rejected: 1,
      rejectedByReason: { control_character: 1 },
    });
    expect(await rejected(batch.id)).toMatchObject([
      {
        row: 2,
        reasons: ['control_character'],
        fields: [{ reason: 'control_character', item: 'name', column: '姓名' }],
        raw: { 姓名: '钱\u2400七' },
      },
    ]);
    // Searching the records by a key with a NUL is refused before it reaches the database: by core's guard over
    // every request, before the route.
    const search = await p.app.inject({
      method: 'GET',
      url: '/api/ingest/records/population?key.id_number=4301%00',
      headers: admin,
    });
    expect(search.statusCode).toBe(400);
    expect(search.json()).toMatchObject({
      code: 'invalid_input',
      errors: [{ field: 'key.id_number', reason: 'forbidden_character' }],
    });
  });

  it('reads UTF-16 files with a BOM, LE and BE', async () => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const text = `${header}\r\n${zhang}\r\n${qian}\r\n`;
      const utf16 = file(`${encoding}.csv`, iconv.encode(text, encoding, { addBOM: true }));
      const batch = await ingest().ingestFile(ctx, { resource: 'population', file: utf16 });
      expect(batch).toMatchObject({ status: 'done', encoding, accepted: 2, rejected: 0 });
    }
    const records = await ingest().records(ctx, 'population', {
      key: '430102199001011238',
      page: 1,
      pageSize: 5,
      raw: 'true',
      reason: '核对读取',
    });
    expect(records.items[0]).toMatchObject({ name: '张三', address: '望城区高塘岭街道1号' });
  });

  it('reads a UTF-8 file with a few GBK bytes as UTF-8, rejecting the garbled row (bad_encoding)', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => (i % 2 ? zhang : qian));
    const mixed = file(
      'mixed.csv',
      Buffer.concat([
        Buffer.from(`${header}\n${rows.join('\n')}\n`),
        iconv.encode('李四', 'gbk'),
        Buffer.from(',430102199001011238,男,1990-01-01,13800138000,望城区\n'),
      ]),
    );
    const batch = await ingest().ingestFile(ctx, { resource: 'population', file: mixed });
    expect(batch).toMatchObject({
      status: 'done',
      encoding: 'utf-8',
      accepted: 40,
      rejected: 1,
      rejectedByReason: { bad_encoding: 1 },
    });
    expect((await rejected(batch.id))[0]).toMatchObject({
      row: 41,
      fields: [{ reason: 'bad_encoding', item: 'name', column: '姓名' }],
    });
  });
});
