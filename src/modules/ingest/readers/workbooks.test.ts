// The readers on workbooks as departments send them (built in test/workbooks.ts), and the same layouts in CSV.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { PEOPLE, subdistrictWorkbook, xlsxBytes } from '../../../../test/workbooks.ts';
import { openFile, type TabularSource } from './open-source.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-workbooks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const known = (text: string) => ['姓名', '身份证号', '出生日期', '联系电话'].includes(text);

async function write(name: string, content: Buffer | string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function readAll(source: TabularSource) {
  const rows: string[][] = [];
  for await (const batch of source.batches) rows.push(...batch);
  return rows;
}

describe('an XLSX workbook with one sheet per subdistrict', () => {
  it('finds the two-row header below the title, loads every sheet and skips totals and notes', async () => {
    const file = await write('two-sheets.xlsx', await xlsxBytes(subdistrictWorkbook()));
    const source = await openFile(file, { layout: { known } });
    expect(source.headers).toEqual([
      '序号',
      '姓名',
      '身份证号',
      '出生日期',
      '户籍地址-街道',
      '户籍地址-社区',
      '户籍地址-门牌',
      '联系电话',
    ]);
    expect(source.firstRows!.slice(0, 2).map((r) => r.number)).toEqual([1, 2]);
    const rows = await readAll(source);
    expect(rows.map((r) => r[1])).toEqual(['张三', '钱七', '孙八', '周九', '吴十', '郑一']);
    // Dates as they were written; a Date cell as an ISO date (the standardizer does the rest).
    expect(rows.map((r) => r[3])).toEqual([
      '1990年1月1日',
      '1949.12.31',
      '1990/3/7',
      '19900307',
      '32939',
      '1990-03-07',
    ]);
    const layout = source.layout!();
    expect(layout).toMatchObject({
      headerRows: [3, 4],
      merged: true,
      sheets: [
        { name: '高塘岭街道', loaded: true, rows: 3 },
        { name: '乔口镇', loaded: true, rows: 3 },
      ],
      skippedCount: 10,
    });
    expect(layout.skippedRows.filter((r) => r.sheet === '乔口镇')).toEqual([
      { sheet: '乔口镇', row: 1, kind: 'title', text: '望城区人口登记汇总表' },
      { sheet: '乔口镇', row: 2, kind: 'title', text: '填报单位：望城区民政局 日期：2023年5月1日' },
      { sheet: '乔口镇', row: 8, kind: 'total', text: '合计 3人' },
      { sheet: '乔口镇', row: 9, kind: 'note', text: '填表人：李四 审核人：王五 日期：2023年5月2日' },
      { sheet: '乔口镇', row: 10, kind: 'note', text: '备注：本表由街道汇总' },
    ]);
  });

  it('skips sheets of another layout, and empty ones, saying why', async () => {
    const workbook = subdistrictWorkbook(PEOPLE, {
      填表说明: [['1. 身份证号请设为文本'], ['2. 日期写成2023-05-01']],
      统计: [
        ['街道', '人数'],
        ['高塘岭街道', 3],
      ],
      空白: [],
    });
    const source = await openFile(await write('extra.xlsx', await xlsxBytes(workbook)), {
      layout: { known },
    });
    expect((await readAll(source)).length).toBe(6);
    expect(source.layout!().sheets).toEqual([
      { name: '高塘岭街道', loaded: true, rows: 3 },
      { name: '乔口镇', loaded: true, rows: 3 },
      { name: '填表说明', loaded: false, reason: 'different_header', rows: 0 },
      { name: '统计', loaded: false, reason: 'different_header', rows: 0 },
      { name: '空白', loaded: false, reason: 'empty', rows: 0 },
    ]);
  });

  it('loads only the sheets chosen, from the header rows chosen', async () => {
    const file = await write('chosen.xlsx', await xlsxBytes(subdistrictWorkbook()));
    const source = await openFile(file, {
      layout: { known, choice: { sheets: ['乔口镇'], headerRows: [3] } },
    });
    // Row 3 alone: the lower header row is then a row of data.
    expect(source.headers).toEqual(['序号', '姓名', '身份证号', '出生日期', '户籍地址', '', '', '联系电话']);
    const rows = await readAll(source);
    expect(rows.map((r) => r[1])).toEqual(['', '周九', '吴十', '郑一']);
    expect(source.layout!()).toMatchObject({
      headerRows: [3],
      merged: false,
      sheets: [
        { name: '高塘岭街道', loaded: false, reason: 'not_chosen' },
        { name: '乔口镇', loaded: true, rows: 4 },
      ],
    });
  });

  it('shows an ID number typed as a number in the exponent form, never as a guess', async () => {
    // As Excel stores it (15 significant digits), and as another program may (a double's 17).
    const people = {
      高塘岭街道: [
        [1, '张三', 430102199001011000, '1990-01-01', '', '', '', ''],
        [2, '钱七', Number('430102199001011238'), '1990-01-01', '', '', '', ''],
      ],
    } as never;
    const source = await openFile(
      await write('id-number.xlsx', await xlsxBytes(subdistrictWorkbook(people))),
      {
        layout: { known },
      },
    );
    expect((await readAll(source)).map((r) => r[2])).toEqual([
      '4.30102199001011E+17',
      '4.3010219900101126E+17',
    ]);
  });
});

describe('a workbook whose header has no row of text', () => {
  it('has its header first, as it always had', async () => {
    const workbook = subdistrictWorkbook(
      {},
      {
        统计: [
          ['地区', 2021, 2022, 2023],
          ['高塘岭街道', 100, 200, 300],
        ],
      },
    );
    const source = await openFile(await write('years.xlsx', await xlsxBytes(workbook)));
    expect(source.headers).toEqual(['地区', '2021', '2022', '2023']);
    expect(await readAll(source)).toEqual([['高塘岭街道', '100', '200', '300']]);
  });
});

describe('the sheets of a workbook written by exceljs (xl/workbook.xml last in the zip)', () => {
  it('are read every time, by name: the stream reader of exceljs alone often fails them (its issue #3064)', async () => {
    const file = await write(
      'race.xlsx',
      await xlsxBytes(subdistrictWorkbook(PEOPLE, { 说明: [['x']], 空白: [] })),
    );
    for (let i = 0; i < 10; i++) {
      const source = await openFile(file, { layout: { known } });
      expect((await readAll(source)).length).toBe(6);
      expect(source.layout!().sheets.map((s) => s.name)).toEqual(['高塘岭街道', '乔口镇', '说明', '空白']);
    }
    // A damaged sheet is an error to the caller, not a crash of the process.
    const bad = await xlsxBytes(subdistrictWorkbook(PEOPLE));
    for (let i = 1200; i < 1600; i++) bad[i] = 0x55;
    const damaged = await write('damaged.xlsx', bad);
    await expect(openFile(damaged).then(readAll)).rejects.toThrow('invalid code');
    const notZip = await write('not-a-zip.xlsx', 'a,b\n');
    await expect(openFile(notZip)).rejects.toThrow('The file is not an XLSX (zip) file');
  });
});

describe('a CSV file with a title, totals and notes', () => {
  const csv = [
    '望城区人口登记汇总表,,,',
    '填报单位：望城区民政局,,,日期：2023年5月1日',
    '序号,姓名,身份证号,出生日期',
    '1,张三,430102199001011238,1990年1月1日',
    '2,钱七,11010519491231002X,1949.12.31',
    '合计,2人,,',
    '填表人：李四,,审核人：王五,',
  ].join('\r\n');

  it('reads the rows below the header and drops totals and notes, from the fast path and as values', async () => {
    for (const [name, bytes] of [
      ['title.csv', Buffer.from(csv)],
      ['title-gbk.csv', iconv.encode(csv, 'gbk')],
      ['title-utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv, 'utf-16le')])],
    ] as const) {
      const file = await write(name, bytes);
      const source = await openFile(file, { layout: { known } });
      expect(source.headers).toEqual(['序号', '姓名', '身份证号', '出生日期']);
      expect((await readAll(source)).map((r) => r[1])).toEqual(['张三', '钱七']);
      expect(source.layout!()).toEqual({
        headerRows: [3],
        merged: false,
        sheets: [],
        skippedRows: [
          { sheet: null, row: 1, kind: 'title', text: '望城区人口登记汇总表' },
          { sheet: null, row: 2, kind: 'title', text: '填报单位：望城区民政局 日期：2023年5月1日' },
          { sheet: null, row: 6, kind: 'total', text: '合计 2人' },
          { sheet: null, row: 7, kind: 'note', text: '填表人：李四 审核人：王五' },
        ],
        skippedCount: 4,
      });
      // The loader's fast path reads spans: the same rows.
      const spans = await openFile(file, { layout: { known } });
      let records = 0;
      for await (const chunk of spans.csv!) records += chunk.count;
      expect(records).toBe(2);
    }
  });

  it('reads a clean CSV file as before: header first, every row', async () => {
    const source = await openFile(await write('clean.csv', '姓名,身份证号\n张三,430102199001011238\n'));
    expect(source.headers).toEqual(['姓名', '身份证号']);
    expect(await readAll(source)).toEqual([['张三', '430102199001011238']]);
    expect(source.layout!()).toMatchObject({ headerRows: [1], skippedCount: 0 });
  });
});
