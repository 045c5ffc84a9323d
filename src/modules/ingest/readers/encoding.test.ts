import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectEncoding } from './encoding.ts';
import { formatOf, openFile, type TabularSource } from './open-source.ts';

const bytes = (text: string, encoding: string) => new Uint8Array(iconv.encode(text, encoding));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('detectEncoding', () => {
  it('reads UTF-8 without a BOM as UTF-8', () => {
    expect(detectEncoding(utf8('身份证号,姓名\r\n430102199001011238,张三\r\n'))).toBe('utf-8');
  });

  it('reads UTF-8 with a BOM as UTF-8', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('姓名,性别\n张三,男\n')]))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf]))).toBe('utf-8');
  });

  it('reads UTF-8 with four-byte characters as UTF-8', () => {
    expect(detectEncoding(utf8('𠀀,😀\n'))).toBe('utf-8');
  });

  it('reads pure ASCII as UTF-8', () => {
    expect(detectEncoding(utf8('id,name\n1,abc\n'))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array())).toBe('utf-8');
  });

  it('reads GBK bytes as GBK', () => {
    const gbk = bytes('张三,男', 'gbk');
    expect([...gbk]).toEqual([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xc4, 0xd0]);
    expect(detectEncoding(gbk)).toBe('gbk');
    expect(detectEncoding(bytes('身份证号,姓名,性别\r\n430102199001011238,张三,男\r\n', 'gbk'))).toBe('gbk');
  });

  it('reads GBK whose second bytes are in the ASCII range as GBK', () => {
    // 丂 is 81 40 and 乗 is 81 5C in GBK: trail bytes below 0x80.
    const sample = bytes('丂乗,1234\n', 'gbk');
    expect([...sample.subarray(0, 4)]).toEqual([0x81, 0x40, 0x81, 0x5c]);
    expect(detectEncoding(sample)).toBe('gbk');
  });

  it('reads GB18030 with a four-byte sequence as GB18030', () => {
    const sample = bytes('张三,𠀀\n', 'gb18030');
    expect([...sample.subarray(5, 9)]).toEqual([0x95, 0x32, 0x82, 0x36]);
    expect(detectEncoding(sample)).toBe('gb18030');
  });

  it('reads GB18030 when the four-byte sequence comes first or last', () => {
    expect(detectEncoding(bytes('㐀,a', 'gb18030'))).toBe('gb18030');
    expect(detectEncoding(bytes('张三,㐀', 'gb18030'))).toBe('gb18030');
  });

  it('reads GB18030 text that only uses two-byte characters as GBK (its subset)', () => {
    // € is A2 E3 in GB18030: two bytes, so nothing tells the file apart from GBK.
    expect([...bytes('€', 'gb18030')]).toEqual([0xa2, 0xe3]);
    expect(detectEncoding(bytes('价格€,张三', 'gb18030'))).toBe('gbk');
  });

  it('reads a UTF-8 sample cut in the middle of a character as UTF-8', () => {
    const full = utf8('张三,男');
    // 张 三 , are 7 bytes; 男 is E7 94 B7.
    expect(detectEncoding(full.subarray(0, 8))).toBe('utf-8');
    expect(detectEncoding(full.subarray(0, 9))).toBe('utf-8');
    expect(detectEncoding(utf8('a😀').subarray(0, 3))).toBe('utf-8');
  });

  it('does not read broken UTF-8 as UTF-8', () => {
    // A lead byte followed by a non-continuation byte, and a lone continuation byte.
    expect(detectEncoding(new Uint8Array([0x61, 0xe5, 0x41, 0x42, 0x43]))).toBe('gbk');
    expect(detectEncoding(new Uint8Array([0x61, 0x80, 0x62, 0x63, 0x64]))).toBe('gbk');
  });
});

describe('detectEncoding: BOMs and mixed files', () => {
  it('reads UTF-16 LE and BE by their BOM, not as GBK', () => {
    const le = new Uint8Array([0xff, 0xfe, ...bytes('身份证号,姓名\r\n', 'utf-16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...bytes('身份证号,姓名\r\n', 'utf-16be')]);
    expect(detectEncoding(le)).toBe('utf-16le');
    expect(detectEncoding(be)).toBe('utf-16be');
    // iconv-lite's own BOM option writes the same bytes.
    expect(detectEncoding(new Uint8Array(iconv.encode('姓名', 'utf-16le', { addBOM: true })))).toBe(
      'utf-16le',
    );
  });

  it('reads a UTF-8 file with a few GBK bytes as UTF-8', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `43010219900101${1000 + i},张三${i},长沙市岳麓区`);
    const mixed = new Uint8Array([
      ...utf8(`身份证号,姓名,住址\n${rows.join('\n')}\n430102199001019999,`),
      ...bytes('李四', 'gbk'),
      ...utf8(',长沙市\n'),
    ]);
    expect(detectEncoding(mixed)).toBe('utf-8');
  });

  it('reads a GBK file with a few byte pairs that happen to be valid UTF-8 as GBK', () => {
    // 谢 is D0 BB in GBK, a valid two-byte UTF-8 sequence; the rest of the text is not.
    const gbk = bytes('身份证号,姓名,住址\r\n430102199001011238,谢张三,长沙市岳麓区望城区\r\n', 'gbk');
    expect(detectEncoding(gbk)).toBe('gbk');
  });
});

describe('formatOf', () => {
  it('tells formats by extension, case-insensitively, CSV by default', () => {
    expect(formatOf('人口.XLSX')).toBe('xlsx');
    expect(formatOf('a.json')).toBe('json');
    expect(formatOf('a.ndjson')).toBe('ndjson');
    expect(formatOf('a.jsonl')).toBe('ndjson');
    expect(formatOf('a.csv')).toBe('csv');
    expect(formatOf('a.txt')).toBe('csv');
    expect(formatOf('noext')).toBe('csv');
  });
});

describe('openFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-ingest-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, content: string | Uint8Array) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  async function rowsOf(source: TabularSource) {
    const rows: string[][] = [];
    for await (const batch of source.batches) rows.push(...batch);
    return rows;
  }

  it('reads a GBK CSV with CRLF line ends', async () => {
    const file = write(
      'gbk.csv',
      iconv.encode(
        '身份证号,姓名,性别,住址\r\n430102199001011238,张三,男,"长沙市,岳麓区"\r\n11010519491231002X,李四,女,\r\n',
        'gbk',
      ),
    );
    const source = await openFile(file);
    expect(source.format).toBe('csv');
    expect(source.encoding).toBe('gbk');
    expect(source.headers).toEqual(['身份证号', '姓名', '性别', '住址']);
    expect(await rowsOf(source)).toEqual([
      ['430102199001011238', '张三', '男', '长沙市,岳麓区'],
      ['11010519491231002X', '李四', '女', ''],
    ]);
  });

  it('reads UTF-16 LE and BE CSV files with a BOM', async () => {
    const text = '身份证号,姓名\r\n430102199001011238,张三\r\n';
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const file = write(`${encoding}.csv`, iconv.encode(text, encoding, { addBOM: true }));
      const source = await openFile(file);
      expect(source.encoding).toBe(encoding);
      expect(source.headers).toEqual(['身份证号', '姓名']);
      expect(await rowsOf(source)).toEqual([['430102199001011238', '张三']]);
    }
  });

  it('reads a UTF-8 CSV with a GBK cell as UTF-8: only that cell is garbled, into U+FFFD', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `4301021990010${11000 + i},张三${i}`);
    const file = write(
      'mixed.csv',
      Buffer.concat([
        Buffer.from(`身份证号,姓名\n${rows.join('\n')}\n430102199001019999,`),
        iconv.encode('李四', 'gbk'),
        Buffer.from('\n'),
      ]),
    );
    const source = await openFile(file);
    expect(source.encoding).toBe('utf-8');
    const read = await rowsOf(source);
    expect(read.slice(0, 2)).toEqual([
      ['430102199001011000', '张三0'],
      ['430102199001011001', '张三1'],
    ]);
    expect(read.at(-1)![1]).toContain('\uFFFD');
  });

  it('reads a GB18030 CSV with a character outside GBK', async () => {
    const file = write('gb18030.csv', iconv.encode('姓名,备注\n张𠀀,㐀\n', 'gb18030'));
    const source = await openFile(file);
    expect(source.encoding).toBe('gb18030');
    expect(source.headers).toEqual(['姓名', '备注']);
    expect(await rowsOf(source)).toEqual([['张𠀀', '㐀']]);
  });

  it('strips the BOM of a UTF-8 CSV from the first header, quoted or not', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const plain = write(
      'bom.csv',
      Buffer.concat([bom, Buffer.from('身份证号,姓名\n430102199001011238,张三\n')]),
    );
    const source = await openFile(plain);
    expect(source.encoding).toBe('utf-8');
    expect(source.headers).toEqual(['身份证号', '姓名']);
    expect(source.headers[0]!.charCodeAt(0)).toBe('身'.charCodeAt(0));
    expect(await rowsOf(source)).toEqual([['430102199001011238', '张三']]);

    const quoted = write(
      'bom-quoted.csv',
      Buffer.concat([bom, Buffer.from('"身份证号","姓名"\r\n"1","张三"\r\n')]),
    );
    const quotedSource = await openFile(quoted);
    expect(quotedSource.headers).toEqual(['身份证号', '姓名']);
    expect(await rowsOf(quotedSource)).toEqual([['1', '张三']]);
  });

  it('trims header names', async () => {
    const source = await openFile(write('spaces.csv', ' 身份证号 ,姓名\t\n1,张三\n'));
    expect(source.headers).toEqual(['身份证号', '姓名']);
  });

  it('reads tab- and semicolon-separated files', async () => {
    const tab = await openFile(write('tab.txt', '姓名\t住址\n张三\t长沙市,岳麓区\n'));
    expect(tab.headers).toEqual(['姓名', '住址']);
    expect(await rowsOf(tab)).toEqual([['张三', '长沙市,岳麓区']]);
    const semicolon = await openFile(write('semi.csv', '姓名;住址\n张三;长沙市\n'));
    expect(semicolon.headers).toEqual(['姓名', '住址']);
    expect(await rowsOf(semicolon)).toEqual([['张三', '长沙市']]);
  });

  it('reads a header-only file and an empty file', async () => {
    const headerOnly = await openFile(write('header.csv', '姓名,性别\n'));
    expect(headerOnly.headers).toEqual(['姓名', '性别']);
    expect(await rowsOf(headerOnly)).toEqual([]);
    const empty = await openFile(write('empty.csv', ''));
    expect(empty.headers).toEqual([]);
    expect(await rowsOf(empty)).toEqual([]);
  });

  it('reads all rows of a CSV larger than one batch', async () => {
    const lines = Array.from({ length: 2345 }, (_, i) => `${i + 1},张三${i + 1}`);
    const source = await openFile(
      write('big.csv', iconv.encode(`序号,姓名\r\n${lines.join('\r\n')}\r\n`, 'gbk')),
    );
    const rows = await rowsOf(source);
    expect(rows.length).toBe(2345);
    expect(rows[0]).toEqual(['1', '张三1']);
    expect(rows[2344]).toEqual(['2345', '张三2345']);
  });

  it('reads an NDJSON file: keys as headers, values as text', async () => {
    const file = write(
      'people.ndjson',
      [
        '{"身份证号":"430102199001011238","姓名":"张三","年龄":34,"在职":true}',
        '',
        '{"身份证号":"11010519491231002X","姓名":"李四","年龄":null}',
        '{"身份证号":"3","姓名":"王五","备注":"新字段"}\r',
      ].join('\n'),
    );
    const source = await openFile(file);
    expect(source.format).toBe('ndjson');
    expect(source.encoding).toBe('utf-8');
    expect(source.headers).toEqual(['身份证号', '姓名', '年龄', '在职', '备注']);
    expect(await rowsOf(source)).toEqual([
      ['430102199001011238', '张三', '34', 'true', ''],
      ['11010519491231002X', '李四', '', '', ''],
      ['3', '王五', '', '', '新字段'],
    ]);
  });

  it('refuses an NDJSON line longer than the record limit, naming its line, read or still open', async () => {
    const limits = { maxField: 10, maxRecord: 50 };
    const long = `{"a":"${'x'.repeat(60)}"}`;
    const closed = write('long.ndjson', `{"a":"1"}\n${long}\n{"a":"2"}\n`);
    await expect(openFile(closed, { limits })).rejects.toMatchObject({
      code: 'record_too_long',
      params: { row: 2, limit: 50 },
    });
    const open = write('open.ndjson', `{"a":"1"}\n${long}`);
    await expect(openFile(open, { limits })).rejects.toMatchObject({ code: 'record_too_long' });
    expect(await rowsOf(await openFile(closed))).toHaveLength(3);
  });

  it('reads a JSON array file', async () => {
    const file = write(
      'people.json',
      JSON.stringify([
        { 身份证号: '430102199001011238', 姓名: '张三', 注册资本: 1234.5, 标签: ['a', 'b'] },
        { 身份证号: '11010519491231002X', 姓名: '李四', 地址: { 市: '长沙' } },
      ]),
    );
    const source = await openFile(file);
    expect(source.format).toBe('json');
    expect(source.encoding).toBeNull();
    expect(source.headers).toEqual(['身份证号', '姓名', '注册资本', '标签', '地址']);
    expect(await rowsOf(source)).toEqual([
      ['430102199001011238', '张三', '1234.5', '["a","b"]', ''],
      ['11010519491231002X', '李四', '', '', '{"市":"长沙"}'],
    ]);
  });

  describe('XLSX', () => {
    let file: string;
    beforeAll(async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('人口');
      sheet.addRow(['身份证号', '姓名', '出生日期', '手机', '注册资本', '登记时间']);
      sheet.addRow([
        '430102199001011238',
        '张三',
        new Date(Date.UTC(1990, 0, 5)),
        13800138000,
        123456789012345,
        new Date(Date.UTC(2024, 2, 1, 8, 5, 9)),
      ]);
      sheet.addRow(['11010519491231002X', '李四', new Date(Date.UTC(1949, 11, 31)), null, 12.5, null]);
      workbook.addWorksheet('第二页').addRow(['不读']);
      file = path.join(dir, 'people.xlsx');
      await workbook.xlsx.writeFile(file);
    });

    it('reads headers, string cells and number cells of the first sheet', async () => {
      const source = await openFile(file);
      expect(source.format).toBe('xlsx');
      expect(source.encoding).toBeNull();
      expect(source.headers).toEqual(['身份证号', '姓名', '出生日期', '手机', '注册资本', '登记时间']);
      const rows = await rowsOf(source);
      expect(rows.length).toBe(2);
      expect(rows.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
        ['430102199001011238', '张三', '13800138000', '123456789012345'],
        ['11010519491231002X', '李四', '', '12.5'],
      ]);
    });

    // The CSV reader skips blank lines; a sheet's formatted but empty rows (borders, fills, cleared
    // cells) must not become rows either, or each is rejected as missing_required.
    it('skips rows of a sheet that have no values', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('人口');
      sheet.addRow(['身份证号', '姓名']);
      sheet.addRow(['430102199001011238', '张三']);
      sheet.getRow(3).getCell(1).border = { top: { style: 'thin' } };
      sheet.getRow(4).getCell(2).value = '';
      sheet.addRow(['11010519491231002X', '李四']);
      const blanks = path.join(dir, 'blank-rows.xlsx');
      await workbook.xlsx.writeFile(blanks);
      expect(await rowsOf(await openFile(blanks))).toEqual([
        ['430102199001011238', '张三'],
        ['11010519491231002X', '李四'],
      ]);
    });

    // exceljs's stream reader decodes each zip chunk on its own and so splits characters that straddle two
    // chunks (exceljs issues #2084, #2063): a large sheet of Chinese text came out with 已婚 as "已��".
    it('keeps every Chinese character of a large sheet, wherever the zip chunks end', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('婚姻');
      sheet.addRow(['当事人姓名', '婚姻状况']);
      const names = Array.from({ length: 20_000 }, (_, i) => `欧阳${'娜秀英敏静丽'[i % 6]}${i}`);
      // Inline strings (in the sheet) and shared strings (in their own part) are both read.
      for (const [i, name] of names.entries())
        sheet.addRow([i % 2 ? name : { richText: [{ text: name }] }, i % 3 ? '已婚' : '离婚']);
      const large = path.join(dir, 'large.xlsx');
      await workbook.xlsx.writeFile(large);
      const rows = await rowsOf(await openFile(large));
      expect(rows.map((r) => r[0])).toEqual(names);
      expect(rows.filter((r) => r[1] !== '已婚' && r[1] !== '离婚')).toEqual([]);
    });

    it('reads Date cells as YYYY-MM-DD, and date-times as YYYY-MM-DD HH:mm:ss', async () => {
      const rows = await rowsOf(await openFile(file));
      expect([rows[0]![2], rows[0]![5], rows[1]![2]]).toEqual([
        '1990-01-05',
        '2024-03-01 08:05:09',
        '1949-12-31',
      ]);
    });
  });
});
