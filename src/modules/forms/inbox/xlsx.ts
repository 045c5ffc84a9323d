import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

// The submissions export: one sheet, a title row, a header row of labels, then one row per submission, streamed
// (exceljs's streaming writer commits each row and sends the zip out as it is made).

/** One column of the export: its header and how a row fills it. */
export type ExportColumn<R> = { header: string; width?: number; value: (row: R) => string | number | null };

/**
 * A workbook of one sheet, streamed: `title` in the first row, the columns' headers in the second (both frozen),
 * then the rows as `batches` yields them.
 */
export function submissionsWorkbook<R>(
  sheetName: string,
  title: string,
  columns: ExportColumn<R>[],
  batches: AsyncIterable<R[]>,
): Readable {
  const out = new PassThrough();
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    // Sheet names are at most 31 characters and cannot hold : \ / ? * [ ].
    const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 2 }],
    });
    sheet.columns = columns.map((c, i) => ({
      key: `c${i}`,
      width: c.width ?? Math.min(40, Math.max(10, [...c.header].length * 2 + 2)),
    }));
    const head = sheet.addRow([title]);
    head.font = { bold: true };
    head.commit();
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for await (const batch of batches)
      for (const r of batch) sheet.addRow(columns.map((c) => c.value(r))).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => out.destroy(error));
  return out;
}
