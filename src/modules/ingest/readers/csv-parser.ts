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
  /** 1 for a record with a quoted field, whose values need unquoting. */
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
    take() {
      const out = array.slice(0, length);
      length = 0;
      return out;
    },
  };
}

/**
 * Reads CSV text given in chunks as runs of whole records, at least `minRecords` at a time (all at the end).
 * Blank lines are skipped. A record cut by a chunk boundary is read again whole with the next chunk.
 */
export async function* scanCsv(
  chunks: AsyncIterable<string>,
  delimiter = ',',
  minRecords = 1000,
): AsyncGenerator<CsvChunk> {
  const sep = delimiter.charCodeAt(0);
  const starts = growable(1 << 14);
  const ends = growable(1 << 14);
  const firstField = growable(1 << 10);
  const quoted: number[] = [];
  let text = '';
  // Where scanning goes on: the start of the first record not yet complete.
  let from = 0;

  /** Scans complete records from `from`; with `final`, the text's end also ends the last record. */
  function scan(final: boolean) {
    const n = text.length;
    let i = from;
    while (i < n) {
      const recordFields = starts.length;
      let isQuoted = 0;
      let fieldStart = i;
      let fieldEnd = i;
      let complete = false;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 34 && i === fieldStart) {
          isQuoted = 1;
          // Inside quotes until a quote that is not doubled.
          let j = i + 1;
          for (;;) {
            j = text.indexOf('"', j);
            if (j < 0) {
              j = n;
              break;
            }
            if (text.charCodeAt(j + 1) === 34) j += 2;
            else if (j + 1 === n && !final) {
              j = n; // a quote at the end: whether it is doubled is known only with more text
              break;
            } else break;
          }
          if (j >= n) {
            i = n;
            break;
          }
          i = j + 1;
          continue;
        }
        if (c === sep) {
          starts.push(fieldStart);
          ends.push(i);
          fieldStart = ++i;
        } else if (c === 10 || c === 13) {
          starts.push(fieldStart);
          ends.push(i);
          fieldEnd = i;
          i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
          complete = true;
          break;
        } else i++;
      }
      if (!complete) {
        if (!final) {
          starts.truncate(recordFields);
          ends.truncate(recordFields);
          return;
        }
        starts.push(fieldStart);
        ends.push(n);
        fieldEnd = n;
      }
      from = i;
      // A blank line is one empty field.
      if (starts.length - recordFields === 1 && fieldValue(text, fieldStart, fieldEnd) === '') {
        starts.truncate(recordFields);
        ends.truncate(recordFields);
        continue;
      }
      firstField.push(recordFields);
      quoted.push(isQuoted);
    }
  }

  function take(): CsvChunk {
    firstField.push(starts.length);
    const chunk: CsvChunk = {
      text,
      delimiter,
      count: quoted.length,
      firstField: firstField.take(),
      fieldStart: starts.take(),
      fieldEnd: ends.take(),
      quoted: Uint8Array.from(quoted),
    };
    quoted.length = 0;
    text = text.slice(from);
    from = 0;
    return chunk;
  }

  for await (const chunk of chunks) {
    text += chunk;
    scan(false);
    if (quoted.length >= minRecords) yield take();
  }
  scan(true);
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
