import type { Resource } from '../../catalog/index.ts';
import type { CsvChunk } from '../readers/csv-parser.ts';
import { isStandard } from '../standardize.ts';
import { rowWarnings, validateValue } from '../validate.ts';
import { hashEnd, hashSpan, hashStart } from './row-hash.ts';

/**
 * The loader's fast path for CSV records: a record is checked in place, and when it is clean (every value
 * already standard and valid, no warning) its key, hash and value text are taken from the file's text
 * without building a row. Most rows of a department's file are clean, so this is where the time goes.
 * The full path (standardize → validate) stays the reference: a clean record loads exactly as it would there.
 */
export function createFastPath(
  resource: Resource,
  headers: string[],
  sourceColumn: number[],
  outputItems: number[],
  today: string,
) {
  const items = resource.items;
  const columnOf = new Map(items.map((item, i) => [item.code, sourceColumn[i]!]));
  const keyColumns = resource.keyItems.map((code) => columnOf.get(code) ?? -1);
  const idNumberCode = items.find((i) => i.type === 'id_number' && resource.keyItems.includes(i.code))?.code;
  // Runs of adjacent file columns that are loaded: each run is passed on as one piece of text.
  const runs: [number, number][] = [];
  for (const i of outputItems) {
    const column = sourceColumn[i]!;
    const last = runs.at(-1);
    if (last && last[1] === column - 1) last[1] = column;
    else runs.push([column, column]);
  }
  // Only a plain string without a validator needs no check beyond being standard.
  const validated = items.map((item) => item.type !== 'string' || !!item.validator);
  const requiredMissing = items.some((item, i) => item.required && sourceColumn[i]! < 0);

  // The record being checked, read by code through one getter made once.
  let text = '';
  let first = 0;
  let starts: Int32Array = new Int32Array(0);
  let ends: Int32Array = new Int32Array(0);
  const valueAt = (code: string) => {
    const column = columnOf.get(code) ?? -1;
    if (column < 0) return null;
    const start = starts[first + column]!;
    const end = ends[first + column]!;
    return start === end ? null : text.slice(start, end);
  };
  function select(chunk: CsvChunk, r: number) {
    text = chunk.text;
    first = chunk.firstField[r]!;
    starts = chunk.fieldStart;
    ends = chunk.fieldEnd;
  }

  return {
    /** False when no record of the chunk can take the fast path (so the caller need not try each). */
    usable(chunk: CsvChunk) {
      return chunk.delimiter === ',' && !requiredMissing && keyColumns.every((c) => c >= 0);
    },

    /** True when record r (unquoted) is clean; selects it for `key`, `hash` and `valuesText`. */
    isClean(chunk: CsvChunk, r: number): boolean {
      if (chunk.firstField[r + 1]! - chunk.firstField[r]! !== headers.length) return false;
      select(chunk, r);
      for (const i of outputItems) {
        const item = items[i]!;
        const f = first + sourceColumn[i]!;
        if (starts[f] === ends[f]) {
          if (item.required) return false;
          continue;
        }
        if (!isStandard(text, starts[f]!, ends[f]!, item)) return false;
        if (validated[i] && validateValue(text.slice(starts[f], ends[f]), item, today) !== null) return false;
      }
      return rowWarnings(valueAt, idNumberCode).length === 0;
    },

    /** The selected record's key, as the full path makes it. */
    key(): string {
      if (keyColumns.length === 1) return valueAt(resource.keyItems[0]!)!;
      return JSON.stringify(resource.keyItems.map(valueAt));
    },

    /** The selected record's hash, over the items in catalog order as `rowHash` takes them. */
    hash(): number {
      hashStart();
      for (let i = 0; i < items.length; i++) {
        const column = sourceColumn[i]!;
        if (column < 0) hashSpan(text, 0, 0);
        else hashSpan(text, starts[first + column]!, ends[first + column]!);
      }
      return hashEnd();
    },

    /** Writes the selected record's loaded values as CSV, each preceded by a comma. */
    writeValues(out: { text(text: string): void; byte(byte: number): void }) {
      for (const [from, to] of runs) {
        out.byte(44);
        out.text(text.slice(starts[first + from], ends[first + to]));
      }
    },
  };
}
