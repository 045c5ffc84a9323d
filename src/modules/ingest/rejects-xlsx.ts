import ExcelJS from 'exceljs';
import { type Lang, message } from '../../core/messages.ts';

/** A workbook of rejected rows: the row number and the reasons beside the raw values, for the department to fix. */
export async function rejectsWorkbook(
  rows: { row: number; reasons: string[]; raw: Record<string, string> }[],
  lang: Lang,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(lang === 'en' ? 'Rejected rows' : '未通过的数据');
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r.raw)))];
  sheet.addRow([lang === 'en' ? 'Row' : '行号', lang === 'en' ? 'Reasons' : '原因', ...headers]).font = {
    bold: true,
  };
  for (const r of rows) {
    const reasons = r.reasons.map((code) => message(code, lang) ?? code).join('；');
    // Values stay text so that ID numbers keep every digit when the sheet is opened in Excel.
    sheet.addRow([r.row, reasons, ...headers.map((h) => r.raw[h] ?? '')]);
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 1 ? 40 : 20;
    if (i >= 2) column.numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
