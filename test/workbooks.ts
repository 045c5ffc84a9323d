// Workbooks as subdistrict offices really send them, built with exceljs for the tests (no binary fixtures):
// a title row and a unit/date row above the header, a two-row merged header, one sheet per subdistrict,
// totals and notes at the bottom, dates written every way, an ID number typed as a number.
import ExcelJS from 'exceljs';

export const TITLE = '望城区人口登记汇总表';
export const UNIT = ['填报单位：望城区民政局', '', '', '', '日期：2023年5月1日'];
/** The header's upper row: 户籍地址 is merged over the three columns below it. */
export const UPPER = ['序号', '姓名', '身份证号', '出生日期', '户籍地址', '', '', '联系电话'];
export const LOWER = ['', '', '', '', '街道', '社区', '门牌', ''];

/** One person's row in the layout above: the ID number as text, the birth date as given. */
export type Person = [number, string, string, unknown, string, string, string, string];

export const PEOPLE: Record<string, Person[]> = {
  高塘岭街道: [
    [1, '张三', '430102199001011238', '1990年1月1日', '高塘岭街道', '郭亮社区', '1号', '13800138000'],
    [2, '钱七', '11010519491231002X', '1949.12.31', '高塘岭街道', '郭亮社区', '2号', '13900139000'],
    [3, '孙八', '110101199003074477', '1990/3/7', '高塘岭街道', '新康社区', '3号', '13700137000'],
  ],
  乔口镇: [
    [1, '周九', '110101199003075111', '19900307', '乔口镇', '乔口社区', '8号', '13600136000'],
    [2, '吴十', '110101199003070759', 32939, '乔口镇', '乔口社区', '9号', '13500135000'],
    [3, '郑一', '110101199003078654', new Date(Date.UTC(1990, 2, 7)), '乔口镇', '乔口社区', '10号', ''],
  ],
};

/**
 * A workbook with one sheet per subdistrict: title, unit/date row, the two-row merged header, the people,
 * a totals row and notes. `extra` adds sheets as given (rows as they are).
 */
export function subdistrictWorkbook(
  people: Record<string, Person[]> = PEOPLE,
  extra: Record<string, unknown[][]> = {},
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(people)) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([TITLE]);
    sheet.mergeCells('A1:H1');
    sheet.addRow(UNIT);
    sheet.addRow(UPPER);
    sheet.addRow(LOWER);
    sheet.mergeCells('E3:G3');
    for (const col of ['A', 'B', 'C', 'D', 'H']) sheet.mergeCells(`${col}3:${col}4`);
    for (const row of rows) sheet.addRow(row);
    sheet.addRow(['合计', `${rows.length}人`]);
    sheet.addRow(['填表人：李四', '', '审核人：王五', '', '日期：2023年5月2日']);
    sheet.addRow(['备注：本表由街道汇总']);
  }
  for (const [name, rows] of Object.entries(extra)) workbook.addWorksheet(name).addRows(rows);
  return workbook;
}

/** The workbook as the bytes of an .xlsx file. */
export async function xlsxBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
