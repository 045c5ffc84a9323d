import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { InputError } from '../../../core/errors.ts';
import type { LayoutChoice, SheetReport, SourceLayout } from '../contract.ts';
import {
  type CsvChunk,
  CsvLimitError,
  type CsvLimits,
  chunkRows,
  DEFAULT_CSV_LIMITS,
  recordValues,
  scanCsv,
} from './csv-parser.ts';
import { detectEncoding, type TextEncoding } from './encoding.ts';
import {
  findHeader,
  HEAD_ROWS,
  type Header,
  newLayout,
  rowText,
  type SheetRow,
  skipRow,
  TRAILER_FIRST,
  trailerKind,
} from './layout.ts';
import { type WorkbookInternals, xlsxWorksheets } from './xlsx-sheets.ts';

export type SourceFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';

/** A tabular source: its header row and its data rows in batches, read as a stream. */
export type TabularSource = {
  format: SourceFormat;
  encoding: TextEncoding | null;
  headers: string[];
  batches: AsyncIterable<string[][]>;
  /** The same rows as CSV text with their spans, for CSV files: the loader's fast path reads these instead. */
  csv?: AsyncIterable<CsvChunk>;
  /**
   * For a file opened with `hash`: its SHA-256 (hex), taken from the bytes as the rows were read, plus whatever
   * the reader left unread (an XLSX file's other sheets). Ask once the rows have been read.
   */
  fileHash?: () => Promise<string>;
  /** For CSV and XLSX: the header rows, sheets and skipped rows found so far (complete once the rows are read). */
  layout?: () => SourceLayout;
  /** For CSV and XLSX: the first rows of the file (of its first sheet with rows) as they are, header included. */
  firstRows?: SheetRow[];
};

/** How to find a file's header: which texts name the resource's items, and what the user chose. */
export type LayoutOptions = { known?: (name: string) => boolean; choice?: LayoutChoice };

/** The format of a file from its name. */
export function formatOf(fileName: string): SourceFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.json') return 'json';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  return 'csv';
}

/**
 * Opens a CSV, XLSX, JSON or NDJSON file for streaming; CSV encoding (UTF-8, UTF-16, GBK, GB18030) is detected.
 * With `hash`, the file's SHA-256 is taken from the same read (see TabularSource.fileHash): the file is read once.
 * A CSV field or record (an NDJSON line) longer than `limits` is an InputError naming its row and column.
 */
export async function openFile(
  file: string,
  opts: { hash?: boolean; limits?: CsvLimits; layout?: LayoutOptions } = {},
): Promise<TabularSource> {
  const limits = opts.limits ?? DEFAULT_CSV_LIMITS;
  const layout = opts.layout ?? {};
  const format = formatOf(file);
  const bytes = fileBytes(file, opts.hash ?? false);
  const fileHash = opts.hash ? { fileHash: bytes.digest } : {};
  if (format === 'xlsx')
    return {
      // Read by its zip directory, not as a stream: the hash reads the file itself.
      ...(await openXlsx(file, layout)),
      ...fileHash,
    };
  if (format === 'json') {
    const text = (await bytes.all()).toString('utf8').replace(/^\uFEFF/, '');
    return { ...(await fromRecords('json', JSON.parse(text) as unknown[])), ...fileHash };
  }
  const sample = await bytes.head(64 * 1024);
  const encoding = detectEncoding(sample);
  // Node decodes UTF-8 natively (faster); iconv-lite handles UTF-16 (dropping its BOM) and the GB encodings.
  const text =
    encoding === 'utf-8'
      ? withoutBom(utf8Text(bytes.rest(sample)))
      : Readable.from(bytes.rest(sample), { objectMode: false }).pipe(iconv.decodeStream(encoding));
  if (format === 'ndjson')
    return {
      ...(await fromRecords(
        'ndjson',
        ndjsonRecords(text as AsyncIterable<string>, limits.maxRecord),
        encoding,
      )),
      ...fileHash,
    };
  const delimiter = sniffDelimiter(iconv.decode(sample, encoding));
  const records = scanCsv(text as AsyncIterable<string>, delimiter, 1000, limits);
  return { ...(await csvSource(encoding, records, layout)), ...fileHash };
}

/**
 * A file read front to back once, in chunks of 256 KiB; with `hashed`, each chunk goes through a SHA-256 as it is
 * handed out, and `digest` hashes only what the reader left unread.
 */
function fileBytes(file: string, hashed: boolean) {
  const hash = hashed ? createHash('sha256') : undefined;
  let position = 0; // bytes handed out (and hashed) so far
  let digesting = false;
  const handOut = (chunk: Buffer) => {
    hash?.update(chunk);
    position += chunk.length;
    return chunk;
  };
  return {
    /** The file's first `size` bytes (fewer for a smaller file), without handing them out. */
    async head(size: number) {
      const handle = await fs.promises.open(file);
      try {
        const head = Buffer.alloc(size);
        const { bytesRead } = await handle.read(head, 0, size, 0);
        return head.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    /** The file's bytes: `head` (the file's first bytes, already read), then the rest from the disk. */
    async *rest(head: Buffer): AsyncGenerator<Buffer> {
      if (head.length) yield handOut(head);
      const stream = fs.createReadStream(file, { start: head.length, highWaterMark: 1 << 18 });
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (digesting) return; // digest() reads the rest itself
        yield handOut(chunk);
      }
    },
    /** The whole file at once (JSON, which is parsed whole). */
    async all() {
      return handOut(await fs.promises.readFile(file));
    },
    /** The SHA-256 (hex) of the file: what was handed out, then what was not. */
    async digest() {
      if (!hash) throw new Error(`${file} was not opened to be hashed`);
      digesting = true;
      for await (const chunk of fs.createReadStream(file, { start: position, highWaterMark: 1 << 18 }))
        hash.update(chunk as Buffer);
      return hash.digest('hex');
    },
  };
}

/**
 * A CSV source: the header is found among the first records (title rows above it skipped), totals and notes rows
 * are dropped; rows are read either as values or as spans.
 */
async function csvSource(
  encoding: TextEncoding,
  chunks: AsyncGenerator<CsvChunk>,
  options: LayoutOptions,
): Promise<TabularSource> {
  const first = await chunks.next().catch((error) => {
    throw limitError(error);
  });
  const layout = newLayout();
  if (first.done)
    return { format: 'csv', encoding, headers: [], batches: (async function* () {})(), layout: () => layout };
  const head = first.value;
  const sample: SheetRow[] = [];
  for (let r = 0; r < Math.min(head.count, HEAD_ROWS); r++) {
    const cells = recordValues(head, r);
    if (cells.some((c) => c.trim() !== '')) sample.push({ number: r + 1, cells });
  }
  const header: Header = findHeader(sample, options.known ?? (() => false), options.choice?.headerRows) ?? {
    // A file whose header cannot be told (one column, say) has it first, as it always had.
    rows: [1],
    merged: false,
    names: recordValues(head, 0),
    above: [],
  };
  if (options.choice?.headerRows?.length && header.rows[0] !== options.choice.headerRows[0])
    throw headerRowsError(options.choice.headerRows);
  for (const row of header.above)
    skipRow(layout, { sheet: null, row: row.number, kind: 'title', text: rowText(row.cells) });
  layout.headerRows = header.rows;
  layout.merged = header.merged;
  // A NUL in a header would fail the batch's record (PostgreSQL's JSON cannot hold it).
  const headers = header.names.map((h) => h.trim().replaceAll('\0', ''));
  const dataStart = header.rows[header.rows.length - 1]!;
  const rest: CsvChunk = {
    ...head,
    count: head.count - dataStart,
    firstField: head.firstField.subarray(dataStart),
    quoted: head.quoted.subarray(dataStart),
  };
  async function* csv() {
    let before = dataStart; // records of the file before the chunk's first
    if (rest.count) yield withoutTrailers(rest, before, layout);
    before += rest.count;
    try {
      for await (const chunk of { [Symbol.asyncIterator]: () => chunks }) {
        yield withoutTrailers(chunk, before, layout);
        before += chunk.count;
      }
    } catch (error) {
      throw limitError(error);
    }
  }
  async function* rows() {
    for await (const chunk of csv()) yield chunkRows(chunk);
  }
  return {
    format: 'csv',
    encoding,
    headers,
    batches: rows(),
    csv: csv(),
    layout: () => layout,
    firstRows: sample,
  };
}

/** The chunk without its totals and notes rows (noted in the layout); `before` records of the file precede it. */
function withoutTrailers(chunk: CsvChunk, before: number, layout: SourceLayout): CsvChunk {
  const drop: number[] = [];
  for (let r = 0; r < chunk.count; r++) {
    if (!startsLikeTrailer(chunk, r)) continue;
    const cells = recordValues(chunk, r);
    const kind = trailerKind(cells);
    if (!kind) continue;
    skipRow(layout, { sheet: null, row: before + r + 1, kind, text: rowText(cells) });
    drop.push(r);
  }
  if (!drop.length) return chunk;
  // Rebuilt with the records kept: a record's fields run up to the next record's first field.
  const dropped = new Set(drop);
  const count = chunk.count - drop.length;
  const fields = chunk.firstField[chunk.count]! - chunk.firstField[0]!;
  const firstField = new Int32Array(count + 1);
  const fieldStart = new Int32Array(fields);
  const fieldEnd = new Int32Array(fields);
  const quoted = new Uint8Array(count);
  let k = 0;
  let f = 0;
  for (let r = 0; r < chunk.count; r++) {
    if (dropped.has(r)) continue;
    firstField[k] = f;
    quoted[k] = chunk.quoted[r]!;
    for (let g = chunk.firstField[r]!; g < chunk.firstField[r + 1]!; g++, f++) {
      fieldStart[f] = chunk.fieldStart[g]!;
      fieldEnd[f] = chunk.fieldEnd[g]!;
    }
    k++;
  }
  firstField[count] = f;
  return { ...chunk, count, firstField, fieldStart, fieldEnd, quoted };
}

/** True when the record's first filled field starts with a character a totals or notes row starts with. */
function startsLikeTrailer(chunk: CsvChunk, r: number): boolean {
  for (let f = chunk.firstField[r]!; f < chunk.firstField[r + 1]!; f++) {
    for (let i = chunk.fieldStart[f]!; i < chunk.fieldEnd[f]!; i++) {
      const c = chunk.text.charCodeAt(i);
      if (c === 34 || c === 32 || c === 9 || c === 0x3000) continue; // a quote or space before the text
      return TRAILER_FIRST.has(c);
    }
  }
  return false;
}

function headerRowsError(rows: number[]) {
  const params = { rows: rows.join(',') };
  return new InputError(
    'header_rows_invalid',
    'The chosen header rows hold no header',
    [{ field: 'layout.headerRows', reason: 'header_rows_invalid', params }],
    params,
  );
}

/** A field or record over the limit as the caller's input error, naming its row and column; others as they are. */
function limitError(error: unknown): unknown {
  if (!(error instanceof CsvLimitError)) return error;
  const { reason, row, limit } = error;
  const column = error.columnName ?? `#${error.column}`;
  const params = { row, column, limit };
  return new InputError(reason, error.message, [{ field: column, row, reason, params }], params);
}

async function* withoutBom(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let first = true;
  for await (const chunk of chunks) {
    yield first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    first = false;
  }
}

/** Comma unless the header line has more tabs or semicolons (exports from some systems). */
function sniffDelimiter(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';'].map((d) => [d, line.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

/** The records of NDJSON text; a line longer than `maxLine` is refused as soon as it is read that far. */
async function* ndjsonRecords(text: AsyncIterable<string>, maxLine: number): AsyncGenerator<unknown> {
  let carry = '';
  let lineNumber = 0;
  for await (const chunk of text) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop()!;
    for (const line of lines) {
      lineNumber++;
      if (line.length > maxLine) throw ndjsonTooLong(lineNumber, maxLine);
      if (line.trim()) yield JSON.parse(line);
    }
    if (carry.length > maxLine) throw ndjsonTooLong(lineNumber + 1, maxLine);
  }
  if (carry.trim()) yield JSON.parse(carry);
}

function ndjsonTooLong(row: number, limit: number) {
  const params = { row, column: '#1', limit };
  return new InputError(
    'record_too_long',
    `Line ${row} is longer than ${limit} characters`,
    [{ field: '#1', row, reason: 'record_too_long', params }],
    params,
  );
}

/** Turns records (objects) into rows; the header is the keys of the first records. */
export async function fromRecords(
  format: SourceFormat,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  encoding: TextEncoding | null = null,
): Promise<TabularSource> {
  const iterator = (
    Symbol.asyncIterator in records ? records[Symbol.asyncIterator]() : records[Symbol.iterator]()
  ) as AsyncIterator<unknown> | Iterator<unknown>;
  const head: Record<string, unknown>[] = [];
  for (let i = 0; i < 100; i++) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(asRecord(next.value));
  }
  const headers = [...new Set(head.flatMap((r) => Object.keys(r)))];
  const toRow = (r: Record<string, unknown>) => headers.map((h) => cellText(r[h]));
  async function* batches() {
    if (head.length) yield head.map(toRow);
    let batch: string[][] = [];
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      batch.push(toRow(asRecord(next.value)));
      if (batch.length === 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  return { format, encoding, headers, batches: batches() };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { value };
}

/** The text of a cell or JSON value; Excel dates become ISO dates, numbers keep every digit they still have. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return value
      .toISOString()
      .slice(0, value.getUTCHours() || value.getUTCMinutes() ? 19 : 10)
      .replace('T', ' ');
  // Excel keeps 15 significant digits: a longer number (an ID number typed as a number) has lost digits,
  // and its exponent form lets the standardizer say so.
  if (typeof value === 'number' && Math.abs(value) >= 1e15) return value.toExponential().toUpperCase();
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) >= 1e21 ? value.toFixed(0) : String(value);
  if (typeof value === 'object') {
    const v = value as { text?: string; richText?: { text: string }[]; result?: unknown };
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return cellText(v.result);
    return JSON.stringify(value);
  }
  return String(value);
}

/** Decodes UTF-8 chunks as one stream, so a character split between two chunks comes out whole. */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  // What fs streams decode with when given an encoding.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * exceljs's stream reader decodes each zip chunk on its own and so breaks characters that straddle two chunks
 * (exceljs issues #2084, #2063). Its XML parser takes text as it is: the sheets and shared strings are handed
 * to it already decoded as one stream.
 */
class WholeCharacterWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseSharedStrings(entry: AsyncIterable<Buffer>) {
    // exceljs reads this entry with its stream events: give it a stream of decoded text.
    return readerInternals._parseSharedStrings.call(this, Readable.from(utf8Text(entry)));
  }

  _parseWorksheet(chunks: AsyncIterable<Buffer>, sheetNo: string) {
    return readerInternals._parseWorksheet.call(this, utf8Text(chunks), sheetNo);
  }
}

/** The two (undeclared) methods of exceljs's WorkbookReader that read a sheet's and the shared strings' XML. */
const readerInternals = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as {
  _parseSharedStrings(this: unknown, entry: Readable): unknown;
  _parseWorksheet(this: unknown, chunks: AsyncIterable<string>, sheetNo: string): unknown;
};

type XlsxSheet = ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>;
type OpenSheet = { report: SheetReport; data: SheetRow[]; rest: AsyncGenerator<SheetRow> };

/**
 * An XLSX source: every sheet whose header (found as in findHeader) is the first loaded sheet's is loaded, the
 * others skipped and said why; rows above the header, totals and notes rows are skipped and noted.
 */
async function openXlsx(file: string, options: LayoutOptions): Promise<TabularSource> {
  const reader = new WholeCharacterWorkbookReader(file, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    // Styles tell which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = xlsxWorksheets(file, reader as unknown as WorkbookInternals) as AsyncGenerator<XlsxSheet>;
  const layout = newLayout();
  const isItemName = options.known ?? (() => false);
  const chosen = options.choice;
  let headers: string[] | null = null;
  let firstRows: SheetRow[] = [];

  async function* sheetRows(sheet: XlsxSheet): AsyncGenerator<SheetRow> {
    for await (const row of sheet) {
      const cells = Array.from((row.values as unknown[]).slice(1), cellText);
      if (cells.some((c) => c !== '')) yield { number: row.number, cells };
    }
  }

  /** The next sheet to load, past the sheets skipped on the way (noted with why); null after the last. */
  async function nextSheet(): Promise<OpenSheet | null> {
    for (;;) {
      const next = await sheets.next();
      if (next.done) return null;
      const name = next.value.name;
      const rows = sheetRows(next.value);
      const skip = async (reason: SheetReport['reason']) => {
        for await (const _ of rows); // the reader goes on to the next sheet once this one is read
        layout.sheets.push({ name, loaded: false, reason, rows: 0 });
      };
      if (chosen?.sheets && !chosen.sheets.includes(name)) {
        await skip('not_chosen');
        continue;
      }
      const head: SheetRow[] = [];
      while (head.length < HEAD_ROWS) {
        const row = await rows.next();
        if (row.done) break;
        head.push(row.value);
      }
      if (!head.length) {
        await skip('empty');
        continue;
      }
      if (!firstRows.length) firstRows = head;
      // A sheet with no row of text (years as column names, say) has its header first, as it always had.
      const header =
        findHeader(head, isItemName, chosen?.headerRows) ??
        (chosen?.headerRows
          ? null
          : { rows: [head[0]!.number], merged: false, names: head[0]!.cells, above: [] });
      if (!header || (headers && !sameNames(headers, header.names))) {
        await skip(header ? 'different_header' : 'no_header');
        continue;
      }
      if (!headers) {
        headers = header.names;
        layout.headerRows = header.rows;
        layout.merged = header.merged;
      }
      for (const row of header.above)
        skipRow(layout, { sheet: name, row: row.number, kind: 'title', text: rowText(row.cells) });
      const report: SheetReport = { name, loaded: true, rows: 0 };
      layout.sheets.push(report);
      return { report, data: head.slice(header.above.length + header.rows.length), rest: rows };
    }
  }

  async function* rows(sheet: OpenSheet | null): AsyncGenerator<string[][]> {
    let batch: string[][] = [];
    for (; sheet; sheet = await nextSheet()) {
      const { report, data, rest } = sheet;
      for await (const row of (async function* () {
        yield* data;
        yield* rest;
      })()) {
        const kind = trailerKind(row.cells);
        if (kind) {
          skipRow(layout, { sheet: report.name, row: row.number, kind, text: rowText(row.cells) });
          continue;
        }
        report.rows++;
        batch.push(row.cells);
        if (batch.length === 1000) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length) yield batch;
  }
  const first = await nextSheet();
  return {
    format: 'xlsx',
    encoding: null,
    headers: headers ?? [],
    batches: rows(first),
    layout: () => layout,
    firstRows,
  };
}

/** Two sheets share a layout when their columns have the same names in the same order. */
function sameNames(a: string[], b: string[]): boolean {
  const end = (names: string[]) => {
    let n = names.length;
    while (n && !names[n - 1]) n--;
    return n;
  };
  const n = end(a);
  return n === end(b) && a.slice(0, n).every((name, i) => name === b[i]);
}
