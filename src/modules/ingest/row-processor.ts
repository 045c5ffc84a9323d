import type { DataItem, Resource } from '../catalog/index.ts';
import { createKeyIndex } from './key-index.ts';
import { standardizeValue } from './standardize.ts';
import { rowWarnings, validateValue } from './validate.ts';

/** A rejected or flagged row, as kept for the report. */
export type RowIssue = {
  row: number;
  kind: 'rejected' | 'warning';
  reasons: string[];
  raw: Record<string, string>;
};

/** Per-item counts for the quality report. */
export type ItemQuality = { code: string; name: string; filled: number; valid: number };

const NEEDS_QUOTES = /[",\n\r]/;

/** One value as a field of PostgreSQL's CSV format: unquoted empty is NULL, so empty text is quoted. */
function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '' || NEEDS_QUOTES.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/**
 * A 53-bit hash of a row's values (cyrb53, fed value by value), to tell versions of a key apart. A plain
 * number keeps a million keys small in memory, and hashing here is several times faster than MD5.
 */
export function rowHash(values: readonly (string | null)[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const value of values) {
    const text = value ?? '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A separator, so that ("ab", "c") and ("a", "bc") differ; null and empty text hash alike, as they load alike.
    h1 = Math.imul(h1 ^ 1, 2654435761);
    h2 = Math.imul(h2 ^ 1, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Standardizes, validates and de-duplicates rows of one batch, turning accepted rows into CSV for COPY.
 * Rows are numbered from 1 (the first data row, header excluded).
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
  const keyIndexes = resource.keyItems.map((code) => index.get(code)!);
  const idNumberCode = items.find((i) => i.type === 'id_number' && resource.keyItems.includes(i.code))?.code;
  const seen = createKeyIndex();
  const quality: ItemQuality[] = items.map((i: DataItem) => ({
    code: i.code,
    name: i.name,
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
  const rawOf = (row: string[]) => detached(Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])));

  return {
    stats,
    issues,
    quality,
    /** Keys seen so far, each with the hash of its latest version. */
    seen,
    /**
     * Processes rows; returns CSV lines for the accepted rows (the row number first when `withRowNumber`,
     * then key, hash, batch and the items) and the rows that are later versions of a key already in this file.
     */
    process(rows: string[][], withRowNumber: boolean) {
      const lines: string[] = [];
      const laterVersions: string[][] = [];
      for (const row of rows) {
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
          issues.push({
            row: rowNumber,
            kind: 'rejected',
            reasons: [...reasons, ...(warnings ?? [])],
            raw: rawOf(row),
          });
          continue;
        }
        stats.accepted++;
        const key =
          keyIndexes.length === 1
            ? values[keyIndexes[0]!]!
            : JSON.stringify(keyIndexes.map((i) => values[i]));
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
          issues.push({ row: rowNumber, kind: 'warning', reasons: warnings, raw: rawOf(row) });
        }
        if (previous !== undefined) stats.duplicates++;
        if (previous === hash) continue;
        seen.set(keyHash, hash);
        if (previous !== undefined && !withRowNumber) {
          laterVersions.push(detached([key, String(hash), String(batchId), ...(values as string[])]));
          continue;
        }
        let line = withRowNumber
          ? `${rowNumber},${csvField(key)},${hash},${batchId}`
          : `${csvField(key)},${hash},${batchId}`;
        for (let i = 0; i < values.length; i++) line += `,${csvField(values[i]!)}`;
        lines.push(line);
      }
      const csv = lines.length ? `${lines.join('\n')}\n` : '';
      return { csv, laterVersions };
    },
  };
}
