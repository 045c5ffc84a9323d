import { describe, expect, it } from 'vitest';
import { findHeader, type SheetRow, trailerKind } from './layout.ts';

const known = (text: string) => ['姓名', '身份证号', '出生日期', '街道', '社区'].includes(text.trim());
const rows = (...cells: string[][]): SheetRow[] => cells.map((c, i) => ({ number: i + 1, cells: c }));

const title = ['望城区人口登记汇总表'];
const unit = ['填报单位：望城区民政局', '', '', '日期：2023年5月1日'];
const header = ['序号', '姓名', '身份证号', '出生日期'];
const data = ['1', '张三', '430102199001011238', '1990-01-01'];

describe('findHeader', () => {
  it('finds the header below a title and a unit/date row, by the item names it holds', () => {
    const found = findHeader(rows(title, unit, header, data), known);
    expect(found).toMatchObject({ rows: [3], merged: false, names: header });
    expect(found!.above.map((r) => r.number)).toEqual([1, 2]);
  });

  it('takes the first row wide enough and of text when no cell names an item', () => {
    const found = findHeader(rows(title, ['列一', '列二', '列三'], ['a', '1', '2']), () => false);
    expect(found?.rows).toEqual([2]);
    // A sheet of one column has its header in one cell.
    expect(findHeader(rows(['姓名'], ['张三']), () => false)?.rows).toEqual([1]);
  });

  it('does not take a row of numbers and dates for the header', () => {
    expect(findHeader(rows(['1', '2023-05-01', '3']), () => false)).toBeNull();
  });

  it('combines a two-row header whose upper cells are merged over the lower ones', () => {
    const upper = ['序号', '姓名', '户籍地址', '', '', '出生日期'];
    const lower = ['', '', '街道', '社区', '门牌', ''];
    const expected = ['序号', '姓名', '户籍地址-街道', '户籍地址-社区', '户籍地址-门牌', '出生日期'];
    // Found from the upper row (more item names) or from the lower one.
    expect(findHeader(rows(title, upper, lower, data), known)).toMatchObject({
      rows: [2, 3],
      merged: true,
      names: expected,
    });
    const byLower = (text: string) => ['街道', '社区', '门牌'].includes(text);
    expect(findHeader(rows(title, upper, lower, data), byLower)).toMatchObject({
      rows: [2, 3],
      names: expected,
    });
  });

  it('does not take a data row or the unit/date row for half of a header', () => {
    expect(findHeader(rows(header, ['1', '张三', '', '']), known)).toMatchObject({
      rows: [1],
      merged: false,
    });
    expect(findHeader(rows(unit, ['', '姓名', '身份证号', '']), known)).toMatchObject({
      rows: [2],
      merged: false,
    });
  });

  it('uses the rows the user chose', () => {
    expect(findHeader(rows(title, unit, header, data), known, [2])).toMatchObject({ rows: [2], names: unit });
    const upper = ['序号', '姓名', '户籍地址', ''];
    const lower = ['', '', '街道', '社区'];
    expect(findHeader(rows(upper, lower, data), () => false, [1, 2])).toMatchObject({
      rows: [1, 2],
      names: ['序号', '姓名', '户籍地址-街道', '户籍地址-社区'],
    });
    expect(findHeader(rows(header, data), known, [9])).toBeNull();
  });
});

describe('trailerKind', () => {
  it('tells totals and notes rows by their first filled cell', () => {
    expect(trailerKind(['合计', '3人'])).toBe('total');
    expect(trailerKind(['', '小 计', '2'])).toBe('total');
    expect(trailerKind(['总计：', '5'])).toBe('total');
    expect(trailerKind(['填表人：李四', '', '审核人：王五'])).toBe('note');
    expect(trailerKind(['审核人：王五'])).toBe('note');
    expect(trailerKind(['备注：本表由街道汇总'])).toBe('note');
    expect(trailerKind(['说明：1. 身份证号须为18位'])).toBe('note');
    expect(trailerKind(['注：以上数据截至5月'])).toBe('note');
  });

  it('leaves data rows, even one whose name starts like a note', () => {
    expect(trailerKind(data)).toBeNull();
    expect(trailerKind(['', '注明', '430102199001011238'])).toBeNull();
    expect(trailerKind(['', '', ''])).toBeNull();
  });
});
