/**
 * A streaming CSV parser (RFC 4180: quoted fields, doubled quotes, CRLF or LF). Written here because
 * it is the hot loop of aggregation and a general-purpose parser was several times slower.
 */
export async function* parseCsv(chunks: AsyncIterable<string>, delimiter = ','): AsyncGenerator<string[][]> {
  const sep = delimiter.charCodeAt(0);
  let rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteSeen = false;
  for await (const chunk of chunks) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inQuotes) {
        if (c === 34) {
          if (chunk.charCodeAt(i + 1) === 34) {
            field += chunk.slice(start, i + 1);
            i++;
            start = i + 1;
          } else if (i + 1 === chunk.length) {
            // A quote at the end of a chunk: whether it is doubled is known only with the next chunk.
            field += chunk.slice(start, i);
            start = i + 1;
            inQuotes = false;
            quoteSeen = true;
          } else {
            field += chunk.slice(start, i);
            start = i + 1;
            inQuotes = false;
          }
        }
        continue;
      }
      if (quoteSeen) {
        quoteSeen = false;
        if (c === 34 && i === 0) {
          field += '"';
          inQuotes = true;
          start = 1;
          continue;
        }
      }
      if (c === 34 && start === i && field === '') {
        inQuotes = true;
        start = i + 1;
      } else if (c === sep) {
        row.push(field + chunk.slice(start, i));
        field = '';
        start = i + 1;
      } else if (c === 10 || c === 13) {
        row.push(field + chunk.slice(start, i));
        field = '';
        if (c === 13 && chunk.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
        if (row.length > 1 || row[0] !== '') rows.push(row);
        row = [];
      }
    }
    field += chunk.slice(start);
    if (rows.length >= 1000) {
      yield rows;
      rows = [];
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
  }
  if (rows.length) yield rows;
}
