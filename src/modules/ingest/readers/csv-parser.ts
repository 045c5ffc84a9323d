/**
 * A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF, LF or CR). Written here because
 * it is the hot loop of aggregation: it finds where records and fields start and end without cutting the
 * text into strings, so the loader can check a clean row in place and pass its text on unchanged.
 */

/** Whole records of a CSV text: where each record's fields start and end in `text`. */
export type CsvChunk = {
  text: string;
  delimiter: string;
  /** Number of records. */
  count: number;
  /** Record r's fields are `firstField[r]` to `firstField[r + 1] - 1` in `fieldStart`/`fieldEnd`. */
  firstField: Int32Array;
  /** Where each field starts and ends in `text`, quotes included. */
  fieldStart: Int32Array;
  fieldEnd: Int32Array;
  /**
   * 1 for a record whose values need unquoting (it has a quoted field) or a check (it holds a NUL or U+FFFD):
   * such a record takes the loader's full path.
   */
  quoted: Uint8Array;
};

/** The value of the field spanning `text[start, end)`: a quoted field is unquoted, "" read as ". */
export function fieldValue(text: string, start: number, end: number): string {
  if (text.charCodeAt(start) !== 34) return text.slice(start, end);
  let value = '';
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0 || quote >= end) return value + text.slice(from, end);
    value += text.slice(from, quote);
    if (quote + 1 < end && text.charCodeAt(quote + 1) === 34) {
      value += '"';
      from = quote + 2;
    } else {
      // Text after the closing quote is kept as it is, as spreadsheet programs do.
      return value + text.slice(quote + 1, end);
    }
  }
}

/** The values of record `r` of a chunk. */
export function recordValues(chunk: CsvChunk, r: number): string[] {
  const first = chunk.firstField[r]!;
  const last = chunk.firstField[r + 1]!;
  const values = new Array<string>(last - first);
  for (let f = first; f < last; f++) {
    const start = chunk.fieldStart[f]!;
    const end = chunk.fieldEnd[f]!;
    values[f - first] = chunk.quoted[r] ? fieldValue(chunk.text, start, end) : chunk.text.slice(start, end);
  }
  return values;
}

/** A growable Int32Array. */
function growable(initial: number) {
  let array = new Int32Array(initial);
  let length = 0;
  return {
    push(value: number) {
      if (length === array.length) {
        const bigger = new Int32Array(array.length * 2);
        bigger.set(array);
        array = bigger;
      }
      array[length++] = value;
    },
    get length() {
      return length;
    },
    truncate(to: number) {
      length = to;
    },
    at(k: number) {
      return array[k]!;
    },
    /** Takes out the first `count` values; the rest move to the front, lowered by `shift`. */
    take(count: number, shift = 0) {
      const out = array.slice(0, count);
      array.copyWithin(0, count, length);
      length -= count;
      for (let k = 0; k < length; k++) array[k]! -= shift;
      return out;
    },
  };
}

/**
 * A field or record longer than the reader's limit. `row` counts as a spreadsheet does (the header is row 1),
 * `column` from 1; `columnName` is the header's name for it, when the header has one.
 */
export class CsvLimitError extends Error {
  readonly reason: 'field_too_long' | 'record_too_long';
  readonly row: number;
  readonly column: number;
  readonly columnName: string | null;
  readonly limit: number;
  constructor(
    reason: 'field_too_long' | 'record_too_long',
    row: number,
    column: number,
    columnName: string | null,
    limit: number,
  ) {
    const what = reason === 'field_too_long' ? `column ${columnName ?? `#${column}`}` : 'the line';
    super(`Row ${row}: ${what} is longer than the limit of ${limit} characters`);
    this.reason = reason;
    this.row = row;
    this.column = column;
    this.columnName = columnName;
    this.limit = limit;
  }
}

/** How long a field and a record may be, in characters (UTF-16 units). */
export type CsvLimits = { maxField: number; maxRecord: number };

/** Defaults: far above any real cell or row, far below what would strain the server's memory. */
export const DEFAULT_CSV_LIMITS: CsvLimits = { maxField: 1 << 20, maxRecord: 4 << 20 };

// Scanned text is handed on once this long even with fewer than `minRecords` records (rows of long fields).
const MAX_CHUNK_TEXT = 1 << 22;

/** The first NUL or U+FFFD (what the decoder put for bytes it could not read) at or after `from`, or -1. */
function nextSuspect(text: string, from: number): number {
  const nul = text.indexOf('\0', from);
  const bad = text.indexOf('\uFFFD', from);
  if (nul < 0) return bad;
  return bad < 0 || nul < bad ? nul : bad;
}

/**
 * Reads CSV text given in chunks as runs of whole records, at least `minRecords` at a time (all at the end).
 * Blank lines are skipped. A record cut by a chunk boundary is read on from where it stopped when the next
 * chunk comes, never from its start again: one long line must not cost its length squared. A field or record
 * longer than `limits` throws CsvLimitError as soon as the text read shows it. A record holding a NUL or
 * U+FFFD is marked `quoted`, so that it takes the loader's full path, which rejects such values.
 */
export async function* scanCsv(
  chunks: AsyncIterable<string>,
  delimiter = ',',
  minRecords = 1000,
  limits: CsvLimits = DEFAULT_CSV_LIMITS,
): AsyncGenerator<CsvChunk> {
  const sep = delimiter.charCodeAt(0);
  const { maxField, maxRecord } = limits;
  const starts = growable(1 << 14);
  const ends = growable(1 << 14);
  const firstField = growable(1 << 10);
  const quoted: number[] = [];
  let text = '';
  // Where scanning goes on, and the state of the record it is in (recordStart -1: between records).
  let pos = 0;
  let recordStart = -1;
  let recordFields = 0;
  let fieldStart = 0;
  let isQuoted = 0;
  let inQuotes = false;
  // The text from `pos` to the end, left by the last scan (at most a quote whose pair is not known yet).
  let rest = '';
  // Records completed so far, the header included: the number of the record being read.
  let records = 0;

  // The header's names, for errors.
  const headerNames: string[] = [];
  const limitError = (reason: 'field_too_long' | 'record_too_long', column: number, limit: number) =>
    new CsvLimitError(reason, records + 1, column, headerNames[column - 1]?.trim() || null, limit);
  const tooLong = (reason: 'field_too_long' | 'record_too_long', limit: number) =>
    limitError(reason, starts.length - recordFields + 1, limit);

  /**
   * Scans `window`, the text from `pos` on (what the last scan left plus the new chunk), so that the text
   * gathered while a long record is open is never read (nor copied whole by V8) again; positions kept are in
   * `text`. With `final`, the text's end also ends the last record.
   */
  function scan(window: string, final: boolean) {
    const base = pos;
    const n = window.length;
    let i = 0;
    // Where the field being read starts, in the window (below 0: it began before).
    let start = fieldStart - base;
    let suspect = nextSuspect(window, 0);
    for (;;) {
      if (recordStart < 0) {
        if (i >= n) break;
        recordStart = base + i;
        start = i;
        recordFields = starts.length;
        isQuoted = 0;
      }
      let complete = false;
      while (i < n) {
        if (inQuotes) {
          // Inside quotes until a quote that is not doubled.
          let j = i;
          for (;;) {
            j = window.indexOf('"', j);
            if (j < 0 || window.charCodeAt(j + 1) !== 34) break;
            j += 2;
          }
          if (j < 0) {
            i = n;
            break;
          }
          if (j + 1 === n && !final) {
            i = j; // a quote at the end: whether it is doubled is known only with more text
            break;
          }
          inQuotes = false;
          i = j + 1;
          continue;
        }
        const c = window.charCodeAt(i);
        if (c === 34 && i === start) {
          isQuoted = 1;
          inQuotes = true;
          i++;
        } else if (c === sep) {
          if (i - start > maxField) throw tooLong('field_too_long', maxField);
          starts.push(base + start);
          ends.push(base + i);
          start = ++i;
        } else if (c === 10 || c === 13) {
          if (i - start > maxField) throw tooLong('field_too_long', maxField);
          starts.push(base + start);
          ends.push(base + i);
          i += c === 13 && window.charCodeAt(i + 1) === 10 ? 2 : 1;
          complete = true;
          break;
        } else i++;
      }
      if (!complete) {
        // The text ends inside the record: too long already, or read on with the next chunk.
        if (n - start > maxField) throw tooLong('field_too_long', maxField);
        if (base + n - recordStart > maxRecord) throw tooLong('record_too_long', maxRecord);
        if (!final) {
          if (suspect >= 0) isQuoted = 1;
          fieldStart = base + start;
          pos = base + i;
          rest = window.slice(i);
          return;
        }
        starts.push(base + start);
        ends.push(base + n);
        inQuotes = false;
        i = n;
      }
      const last = starts.length - 1;
      const end = ends.at(last);
      // The record's last field is pushed already: it is the column named. The line end does not count.
      if (end - recordStart > maxRecord)
        throw limitError('record_too_long', last - recordFields + 1, maxRecord);
      if (suspect >= 0 && suspect < i) {
        isQuoted = 1;
        suspect = nextSuspect(window, i);
      }
      recordStart = -1;
      // A blank line is one empty field ("" at most: a longer field is not empty, and is not read again here).
      if (last === recordFields && end - starts.at(last) <= 2 && fieldText(starts.at(last), end) === '') {
        starts.truncate(recordFields);
        ends.truncate(recordFields);
        continue;
      }
      if (records === 0)
        for (let f = recordFields; f <= last; f++) headerNames.push(fieldText(starts.at(f), ends.at(f)));
      records++;
      firstField.push(recordFields);
      quoted.push(isQuoted);
    }
    pos = base + i;
    rest = '';

    /** The value of a field of the record just read; it may have begun before the window. */
    function fieldText(from: number, to: number) {
      return from >= base ? fieldValue(window, from - base, to - base) : fieldValue(text, from, to);
    }
  }

  /** The records scanned so far; the text from the record still open on is kept. */
  function take(): CsvChunk {
    const open = recordStart >= 0;
    const cut = open ? recordStart : pos;
    const fields = open ? recordFields : starts.length;
    firstField.push(fields);
    const chunk: CsvChunk = {
      text,
      delimiter,
      count: quoted.length,
      firstField: firstField.take(firstField.length),
      fieldStart: starts.take(fields, cut),
      fieldEnd: ends.take(fields, cut),
      quoted: Uint8Array.from(quoted),
    };
    quoted.length = 0;
    text = text.slice(cut);
    pos -= cut;
    if (open) {
      recordStart = 0;
      fieldStart -= cut;
      recordFields = 0;
    }
    return chunk;
  }

  for await (const chunk of chunks) {
    // Appending makes a rope that is not read while a record stays open; take() flattens it once.
    text += chunk;
    scan(rest + chunk, false);
    if (quoted.length >= minRecords || (quoted.length && pos > MAX_CHUNK_TEXT)) yield take();
  }
  scan(rest, true);
  if (quoted.length) yield take();
}

/** Reads CSV text as rows of values, at least 1000 rows at a time (all at the end). */
export async function* parseCsv(chunks: AsyncIterable<string>, delimiter = ','): AsyncGenerator<string[][]> {
  for await (const chunk of scanCsv(chunks, delimiter)) yield chunkRows(chunk);
}

/** All records of a chunk as rows of values. */
export function chunkRows(chunk: CsvChunk): string[][] {
  const rows = new Array<string[]>(chunk.count);
  for (let r = 0; r < chunk.count; r++) rows[r] = recordValues(chunk, r);
  return rows;
}
