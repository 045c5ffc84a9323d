import type { DataItem, Resource } from '../../catalog/index.ts';
import { type CsvChunk, recordValues } from '../readers/csv-parser.ts';
import { previewText } from '../readers/preview.ts';
import { standardizeValue } from '../standardize.ts';
import { rowWarnings, validateValue } from '../validate.ts';
import { createFastPath } from './fast-path.ts';
import { createKeyIndex } from './key-index.ts';
import { hashEnd, hashSpan, hashStart, hashText, rowHash } from './row-hash.ts';

/** Where one reason of a row came from: the data item, and the file column that fed it (null: none did). */
export type IssueField = { reason: string; item: string; column: string | null };

/** A rejected or flagged row, as kept for the report. */
export type RowIssue = {
  row: number;
  kind: 'rejected' | 'warning';
  reasons: string[];
  fields: IssueField[];
  raw: Record<string, string>;
};

/** Per-item counts for the quality report; `supplied` is false for an item no column of the file fed. */
export type ItemQuality = { code: string; name: string; supplied: boolean; filled: number; valid: number };

// The items each row-level warning concerns besides the key's ID number (see rowWarnings in validate.ts).
const ROW_WARNING_ITEMS: Record<string, string> = { birth_date_mismatch: 'birth_date', sex_mismatch: 'sex' };

const NEEDS_QUOTES = /[",\n\r]/;

/** One value as a field of PostgreSQL's CSV format: unquoted empty is NULL, so empty text is quoted. */
function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '' || NEEDS_QUOTES.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** CSV written as UTF-8 straight into a buffer: cheaper than joining thousands of lines into one string. */
function createCsvWriter() {
  let buffer = Buffer.allocUnsafe(1 << 20);
  let length = 0;
  const room = (bytes: number) => {
    if (length + bytes <= buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + bytes));
    buffer.copy(bigger, 0, 0, length);
    buffer = bigger;
  };
  return {
    text(text: string) {
      room(text.length * 3); // a UTF-16 unit takes at most 3 bytes of UTF-8
      length += buffer.write(text, length);
    },
    byte(byte: number) {
      room(1);
      buffer[length++] = byte;
    },
    /** What was written since the last take; later writes go to a new buffer of the same size. */
    take(): Buffer {
      const out = buffer.subarray(0, length);
      buffer = Buffer.allocUnsafe(buffer.length);
      length = 0;
      return out;
    },
  };
}

/**
 * Standardizes, validates and de-duplicates rows of one batch, turning accepted rows into CSV for COPY.
 * Rows are numbered from 1 (the first data row, header excluded). The CSV has the row number first when
 * `withRowNumber`, then key, hash and batch, then the values of `columns` (the items the file supplies,
 * in the file's order, so that a clean CSV line can be passed on as it is).
 */
export function createRowProcessor(
  resource: Resource,
  headers: string[],
  mapping: Record<string, string | null>,
  batchId: number,
) {
  const items = resource.items;
  const index = new Map(items.map((item, i) => [item.code, i]));
  // For each item, the column of the file it comes from (-1: not in the file).
  const sourceColumn = items.map((item) => headers.findIndex((h) => mapping[h] === item.code));
  // The items supplied by the file, in file order: the CSV's value columns.
  const outputItems = items
    .map((_, i) => i)
    .filter((i) => sourceColumn[i]! >= 0)
    .sort((a, b) => sourceColumn[a]! - sourceColumn[b]!);
  const keyIndexes = resource.keyItems.map((code) => index.get(code)!);
  const idNumberCode = items.find((i) => i.type === 'id_number' && resource.keyItems.includes(i.code))?.code;
  const seen = createKeyIndex();
  const quality: ItemQuality[] = items.map((i: DataItem, n) => ({
    code: i.code,
    name: i.name,
    supplied: sourceColumn[n]! >= 0,
    filled: 0,
    valid: 0,
  }));
  // Birth dates are checked against the district's calendar day.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const stats = {
    total: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    warnings: 0,
    rejectedByReason: {} as Record<string, number>,
  };
  const issues: RowIssue[] = [];
  let rowNumber = 0;

  // The row being checked for consistency, read through one getter made once.
  let current: (string | null)[] = [];
  const currentValue = (code: string) => current[index.get(code) ?? -1];
  // Warnings of the row being processed; set through `warn` by the standardizers.
  let warnings: string[] | undefined;
  const warn = (code: string) => {
    warnings ??= [];
    warnings.push(code);
  };
  // Parsed values are slices of 1 MB chunks of the file: a kept value would keep its whole chunk alive,
  // so what outlives the row (issues, later versions) is copied through JSON into fresh strings.
  const detached = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  // Shown back short (a cell may be a megabyte long) and without NUL, which PostgreSQL's JSON cannot hold.
  const rawOf = (row: string[]) =>
    detached(Object.fromEntries(headers.map((h, i) => [h, previewText(row[i] ?? '')])));

  /**
   * Which item and file column each reason of an issue row came from. Worked out again for the row (issues
   * are few), so that the loop every row goes through stays as it is: per item, what standardizing noticed and
   * what the check found; then the row-level warnings (disagreeing with the ID number, a key seen before).
   */
  function fieldsOf(row: string[], values: (string | null)[], reasons: string[]): IssueField[] {
    const fields: IssueField[] = [];
    const add = (reason: string, i: number) =>
      fields.push({ reason, item: items[i]!.code, column: headers[sourceColumn[i]!] ?? null });
    for (let i = 0; i < items.length; i++) {
      const column = sourceColumn[i]!;
      standardizeValue(column < 0 ? undefined : row[column], items[i]!, (code) => add(code, i));
      const reason = validateValue(values[i] ?? null, items[i]!, today);
      if (reason) add(reason, i);
    }
    for (const reason of new Set(reasons)) {
      if (fields.some((f) => f.reason === reason)) continue;
      const concerned =
        reason === 'duplicate_key'
          ? resource.keyItems
          : [ROW_WARNING_ITEMS[reason], idNumberCode].filter((code): code is string => !!code);
      for (const code of concerned) if (index.has(code)) add(reason, index.get(code)!);
    }
    return fields;
  }
  const out = createCsvWriter();
  const fast = createFastPath(resource, headers, sourceColumn, outputItems, today);

  /** One row of values: standardized, validated, de-duplicated; its CSV line goes to `lines`. */
  function processRow(row: string[], withRowNumber: boolean, laterVersions: string[][]) {
    rowNumber++;
    stats.total++;
    const values: (string | null)[] = new Array(items.length);
    let reasons: string[] | undefined;
    warnings = undefined;
    for (let i = 0; i < items.length; i++) {
      const column = sourceColumn[i]!;
      const item = items[i]!;
      const value = standardizeValue(column < 0 ? undefined : row[column], item, warn);
      values[i] = value;
      const reason = validateValue(value, item, today);
      if (value !== null) quality[i]!.filled++;
      if (reason) {
        reasons ??= [];
        if (!reasons.includes(reason)) reasons.push(reason);
      } else if (value !== null) {
        quality[i]!.valid++;
      }
    }
    if (reasons) {
      stats.rejected++;
      for (const r of reasons) stats.rejectedByReason[r] = (stats.rejectedByReason[r] ?? 0) + 1;
      // What standardizing noticed (a number Excel cut short) explains the rejection, so it is kept beside it.
      const all = [...reasons, ...(warnings ?? [])];
      issues.push({
        row: rowNumber,
        kind: 'rejected',
        reasons: all,
        fields: fieldsOf(row, values, all),
        raw: rawOf(row),
      });
      return;
    }
    stats.accepted++;
    const key =
      keyIndexes.length === 1 ? values[keyIndexes[0]!]! : JSON.stringify(keyIndexes.map((i) => values[i]));
    const hash = rowHash(values);
    const keyHash = rowHash([key]);
    const previous = seen.get(keyHash);
    if (idNumberCode) {
      current = values;
      const consistency = rowWarnings(currentValue, idNumberCode);
      for (const code of consistency) warn(code);
    }
    // A key met again with other values: this later row wins, and the clash is flagged for the department.
    if (previous !== undefined && previous !== hash) warn('duplicate_key');
    if (warnings) {
      stats.warnings++;
      issues.push({
        row: rowNumber,
        kind: 'warning',
        reasons: warnings,
        fields: fieldsOf(row, values, warnings),
        raw: rawOf(row),
      });
    }
    if (previous !== undefined) stats.duplicates++;
    if (previous === hash) return;
    seen.set(keyHash, hash);
    if (previous !== undefined && !withRowNumber) {
      laterVersions.push(
        detached([key, hashText(hash), String(batchId), ...outputItems.map((i) => values[i]!)]),
      );
      return;
    }
    let line = withRowNumber
      ? `${rowNumber},${csvField(key)},${hashText(hash)},${batchId}`
      : `${csvField(key)},${hashText(hash)},${batchId}`;
    for (const i of outputItems) line += `,${csvField(values[i]!)}`;
    out.text(line);
    out.byte(10);
  }

  /**
   * A clean CSV record (every value already standard and valid, no warning) whose key is new: counted and
   * passed on as its own text. Returns false for any other record, which then takes the full path.
   */
  function processCleanRecord(chunk: CsvChunk, r: number, withRowNumber: boolean) {
    if (!fast.isClean(chunk, r)) return false;
    const key = fast.key();
    hashStart();
    hashSpan(key, 0, key.length);
    const keyHash = hashEnd();
    if (seen.get(keyHash) !== undefined) return false;
    rowNumber++;
    stats.total++;
    stats.accepted++;
    const hash = fast.hash();
    seen.set(keyHash, hash);
    const first = chunk.firstField[r]!;
    for (const i of outputItems) {
      const f = first + sourceColumn[i]!;
      if (chunk.fieldEnd[f]! > chunk.fieldStart[f]!) {
        quality[i]!.filled++;
        quality[i]!.valid++;
      }
    }
    const prefix = withRowNumber
      ? `${rowNumber},${csvField(key)},${hashText(hash)},${batchId}`
      : `${csvField(key)},${hashText(hash)},${batchId}`;
    out.text(prefix);
    fast.writeValues(out);
    out.byte(10);
    return true;
  }

  return {
    stats,
    issues,
    quality,
    /** Keys seen so far, each with the hash of its latest version. */
    seen,
    /** The data items of the CSV's value columns, in order. */
    columns: outputItems.map((i) => items[i]!.code),
    /**
     * Processes rows (values, or CSV records with their spans); returns the CSV lines for the accepted rows
     * and the rows that are later versions of a key already in this file.
     */
    process(rows: string[][] | CsvChunk, withRowNumber: boolean) {
      const laterVersions: string[][] = [];
      if (Array.isArray(rows)) {
        for (const row of rows) processRow(row, withRowNumber, laterVersions);
      } else {
        const usable = fast.usable(rows);
        for (let r = 0; r < rows.count; r++)
          if (!usable || rows.quoted[r] || !processCleanRecord(rows, r, withRowNumber))
            processRow(recordValues(rows, r), withRowNumber, laterVersions);
      }
      return { csv: out.take(), laterVersions };
    },
  };
}
