import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DataItem } from '../catalog/index.ts';
import type { DownloadFormat } from './contract.ts';

// Writers that turn pages of rows (values in column order, as stored) into a download, pulling the next page only
// when the client has taken the previous one: a whole dataset is never held in memory.

/** Pages of rows, each row the values of the columns in order. */
export type RowPages = AsyncIterable<(string | null)[][]>;

export const contentTypes: Record<DownloadFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

/**
 * Column headers for people: the items' Chinese names, made unique (an item name given twice gets its code),
 * since a spreadsheet whose columns share a name cannot be read back.
 */
export function headersOf(items: Pick<DataItem, 'code' | 'name'>[]) {
  const seen = new Map<string, number>();
  for (const i of items) seen.set(i.name, (seen.get(i.name) ?? 0) + 1);
  return items.map((i) => (seen.get(i.name)! > 1 ? `${i.name}（${i.code}）` : i.name));
}

const numeric = /^-?\d+(\.\d+)?$/;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @ at the start, and not a
 * number) gets a leading apostrophe, as OWASP advises against CSV injection; XLSX and JSON keep it unchanged.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const text = /^[=+\-@\t\r]/.test(value) && !numeric.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV in UTF-8 with a byte-order mark, so Excel opens the Chinese text right; lines end with CRLF. */
export function csvStream(headers: string[], pages: RowPages): Readable {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${headers.map(csvField).join(',')}\r\n`;
      for await (const rows of pages) yield rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
    })(),
    { objectMode: false },
  );
}

/** A JSON array of objects keyed by item code, values as stored (text or null), one object per line. */
export function jsonStream(codes: string[], pages: RowPages): Readable {
  return Readable.from(
    (async function* () {
      let first = true;
      yield '[';
      for await (const rows of pages) {
        let chunk = '';
        for (const row of rows) {
          const record = Object.fromEntries(codes.map((c, i) => [c, row[i] ?? null]));
          chunk += `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
          first = false;
        }
        yield chunk;
      }
      yield first ? ']\n' : '\n]\n';
    })(),
    { objectMode: false },
  );
}

/** Resolves when the stream wants more or has closed; the listener not fired is removed. */
async function drainedOrClosed(out: PassThrough) {
  const done = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: done.signal }),
      once(out, 'close', { signal: done.signal }),
    ]);
  } finally {
    done.abort();
  }
}

/**
 * An XLSX workbook written by exceljs's streaming writer: rows are committed as they come and the zip is
 * streamed out. Numbers of integer and decimal items become number cells when the text reads back the same;
 * everything else is a text cell (never a formula).
 */
export function xlsxStream(
  sheetName: string,
  items: Pick<DataItem, 'code' | 'name' | 'type'>[],
  pages: RowPages,
): Readable {
  const out = new PassThrough();
  const numberColumns = items.map((i) => i.type === 'integer' || i.type === 'decimal');
  const cell = (value: string | null, i: number) => {
    if (value === null) return null;
    if (numberColumns[i] && numeric.test(value) && String(Number(value)) === value) return Number(value);
    return value;
  };
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
    const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'data', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = headersOf(items).map((header, i) => ({
      header,
      key: items[i]!.code,
      width: Math.min(40, Math.max(10, header.length * 2 + 2)),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const rows of pages) {
      for (const row of rows) sheet.addRow(row.map(cell)).commit();
      // Wait for the client while the zip's output piles up, so a slow download does not fill memory.
      // A client gone (the stream closed) ends the reading.
      if (out.writableNeedDrain) await drainedOrClosed(out);
      if (out.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => out.destroy(error));
  return out;
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII `filename` for old clients and the real name in
 * `filename*` (RFC 5987: UTF-8, percent-encoded; encodeURIComponent leaves ' ( ) * as they are, which
 * RFC 5987 does not allow).
 */
export function attachment(name: string, asciiName: string) {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
