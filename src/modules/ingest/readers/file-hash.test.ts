import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openFile, type TabularSource } from './open-source.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-file-hash-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function readAll(source: TabularSource) {
  let rows = 0;
  for await (const batch of source.batches) rows += batch.length;
  return rows;
}

describe('a file opened with hash', () => {
  it('gives the SHA-256 of a CSV larger than one read, in UTF-8 or GBK, once its rows are read', async () => {
    const lines = ['身份证号,姓名,住址'];
    for (let i = 0; i < 20_000; i++)
      lines.push(`${430102199001010000 + i},张三${i},长沙市望城区高塘岭街道${i}号`);
    for (const encoding of ['utf-8', 'gbk']) {
      const file = path.join(dir, `people-${encoding}.csv`);
      fs.writeFileSync(file, iconv.encode(lines.join('\n'), encoding));
      expect(fs.statSync(file).size).toBeGreaterThan(2 * 256 * 1024);
      const source = await openFile(file, { hash: true });
      expect(await readAll(source)).toBe(20_000);
      expect(await source.fileHash!()).toBe(sha256(file));
    }
  });

  it('gives the SHA-256 of a small CSV, an NDJSON and a JSON file', async () => {
    const files = {
      'small.csv': '姓名,性别\n张三,男\n',
      'people.ndjson': '{"姓名":"张三"}\n{"姓名":"李四"}\n',
      'people.json': '[{"姓名":"张三"},{"姓名":"李四"}]',
    };
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const source = await openFile(file, { hash: true });
      await readAll(source);
      expect(await source.fileHash!()).toBe(sha256(file));
    }
  });

  it('counts the bytes the reader left unread: an XLSX file whose other sheets are not read', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('数据').addRows([['姓名'], ['张三'], ['李四']]);
    const other = workbook.addWorksheet('说明');
    for (let i = 0; i < 5000; i++) other.addRow([`第${i}行说明`, Math.random().toString(36)]);
    const file = path.join(dir, 'two-sheets.xlsx');
    await workbook.xlsx.writeFile(file);
    const source = await openFile(file, { hash: true });
    expect(await readAll(source)).toBe(2);
    expect(await source.fileHash!()).toBe(sha256(file));
  });

  it('has no hash unless asked for one', async () => {
    const file = path.join(dir, 'plain.csv');
    fs.writeFileSync(file, 'a,b\n1,2\n');
    expect((await openFile(file)).fileHash).toBeUndefined();
  });
});
