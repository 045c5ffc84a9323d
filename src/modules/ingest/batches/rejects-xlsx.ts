import ExcelJS from 'exceljs';
import { type Lang, message } from '../../../core/messages.ts';
import type { DataItem } from '../../catalog/index.ts';
import '../messages.ts';
import type { IssueField } from './row-processor.ts';

/**
 * A workbook of rejected rows for the department to fix: the row number, the reasons, the columns they concern
 * (one entry per reason, in the same order) and the raw values in the file's column order (`headers`; columns it
 * does not name follow).
 */
export async function rejectsWorkbook(
  rows: { row: number; reasons: string[]; fields: IssueField[]; raw: Record<string, string> }[],
  file: { headers: string[] | null; items: DataItem[] },
  lang: Lang,
): Promise<Buffer> {
  const en = lang === 'en';
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(en ? 'Rejected rows' : '未通过的数据');
  const headers = [...new Set([...(file.headers ?? []), ...rows.flatMap((r) => Object.keys(r.raw))])];
  const itemName = (code: string) => file.items.find((i) => i.code === code)?.name ?? code;
  // A reason about an item no column fed (a required item left unmapped) names the item instead.
  const where = (f: IssueField) =>
    f.column ?? (en ? `${itemName(f.item)} (no column)` : `${itemName(f.item)}（无对应列）`);
  sheet.addRow([en ? 'Row' : '行号', en ? 'Reasons' : '原因', en ? 'Columns' : '问题列', ...headers]).font = {
    bold: true,
  };
  const separator = en ? '; ' : '；';
  for (const r of rows) {
    const reasons = r.reasons.map((code) => message(code, lang, {}, 'ingest') ?? code).join(separator);
    // Batches loaded before reasons were placed have no fields.
    const columns = r.fields.length
      ? r.reasons
          .map((code) =>
            [...new Set(r.fields.filter((f) => f.reason === code).map(where))].join(en ? ', ' : '、'),
          )
          .join(separator)
      : '';
    // Values stay text so that ID numbers keep every digit when the sheet is opened in Excel.
    sheet.addRow([r.row, reasons, columns, ...headers.map((h) => r.raw[h] ?? '')]);
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 1 ? 40 : i === 2 ? 24 : 20;
    if (i >= 3) column.numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
