import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { attachment, csvField, csvStream, headersOf, jsonStream } from './download-writers.ts';

/** Pages of rows as the reads hand them over. */
async function* pages(...list: (string | null)[][][]) {
  for (const page of list) yield page;
}

const text = async (stream: NodeJS.ReadableStream) => {
  let out = '';
  for await (const chunk of stream) out += chunk;
  return out;
};

describe('download writers', () => {
  it('quotes CSV fields only when needed and defuses formulas but not numbers', () => {
    expect(csvField('望城区')).toBe('望城区');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"好"')).toBe('"说""好"""');
    expect(csvField('一\n二')).toBe('"一\n二"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField('+86 138')).toBe("'+86 138");
  });

  it('writes CSV with a BOM and CRLF lines that parse back across pages', async () => {
    const csv = await text(csvStream(['编码', '名称'], pages([['1', '甲,乙']], [['2', null]], [])));
    expect(csv.startsWith('\uFEFF编码,名称\r\n')).toBe(true);
    expect(parse(csv, { bom: true })).toEqual([
      ['编码', '名称'],
      ['1', '甲,乙'],
      ['2', ''],
    ]);
  });

  it('writes a JSON array keyed by item code, empty when there are no rows', async () => {
    const json = await text(jsonStream(['code', 'name'], pages([['1', '甲']], [['2', null]])));
    expect(JSON.parse(json)).toEqual([
      { code: '1', name: '甲' },
      { code: '2', name: null },
    ]);
    expect(JSON.parse(await text(jsonStream(['code'], pages())))).toEqual([]);
  });

  it('makes column headers unique', () => {
    expect(
      headersOf([
        { code: 'a', name: '名称' },
        { code: 'b', name: '名称' },
        { code: 'c', name: '地址' },
      ]),
    ).toEqual(['名称（a）', '名称（b）', '地址']);
  });

  it('names the file in Chinese in filename* (RFC 5987) with an ASCII fallback', () => {
    const header = attachment("学校名录(2025)'s*.csv", 'jyj_schools.csv');
    expect(header).toBe(
      `attachment; filename="jyj_schools.csv"; filename*=UTF-8''${encodeURIComponent('学校名录')}%282025%29%27s%2A.csv`,
    );
    expect(attachment('a.csv', '名"x.csv')).toContain('filename="__x.csv"');
  });
});
