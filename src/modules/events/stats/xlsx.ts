import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Figures } from './contract.ts';

// The statistics export: one sheet per department and one per subdistrict, Chinese headers, rates as percent
// cells. exceljs's streaming writer commits each row and streams the zip out as it is made.

/** One table of the export: its sheet name, the header of its name column, and its named rows. */
export type FigureSheet = { name: string; label: string; rows: { name: string; figures: Figures }[] };

const columns: { header: string; value: (f: Figures) => number | null; percent?: boolean }[] = [
  { header: '受理量', value: (f) => f.received },
  { header: '办结量', value: (f) => f.closed },
  { header: '按时办结量', value: (f) => f.onTime },
  { header: '按时办结率', value: (f) => f.onTimeRate, percent: true },
  { header: '回访量', value: (f) => f.calledBack },
  { header: '满意量', value: (f) => f.satisfied },
  { header: '满意率', value: (f) => f.satisfactionRate, percent: true },
  { header: '重办量', value: (f) => f.reopened },
  { header: '重办率', value: (f) => f.reopenRate, percent: true },
  { header: '平均办理时长（小时）', value: (f) => f.meanHandlingHours },
];

/** The export's headers after the name column, in order (tests read them back). */
export const figureHeaders = columns.map((c) => c.header);

/** A workbook of the given sheets, streamed; `title` goes in the first row of each sheet. */
export function figuresWorkbook(title: string, sheets: FigureSheet[]): Readable {
  const out = new PassThrough();
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    for (const s of sheets) {
      const sheet = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 2 }] });
      sheet.columns = [
        { key: 'name', width: 22 },
        ...columns.map((c, i) => ({ key: `c${i}`, width: Math.max(10, c.header.length * 2 + 2) })),
      ];
      const head = sheet.addRow([title]);
      head.font = { bold: true };
      head.commit();
      const header = sheet.addRow([s.label, ...figureHeaders]);
      header.font = { bold: true };
      header.commit();
      for (const r of s.rows) {
        const row = sheet.addRow([r.name, ...columns.map((c) => c.value(r.figures))]);
        columns.forEach((c, i) => {
          if (c.percent) row.getCell(i + 2).numFmt = '0.0%';
        });
        row.commit();
      }
      sheet.commit();
    }
    await workbook.commit();
  })().catch((error: Error) => out.destroy(error));
  return out;
}
