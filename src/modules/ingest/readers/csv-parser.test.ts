import { describe, expect, it } from 'vitest';
import { CsvLimitError, chunkRows, parseCsv, scanCsv } from './csv-parser.ts';

async function* chunksOf(parts: string[]): AsyncGenerator<string> {
  for (const part of parts) yield part;
}

/** Parses text given as these chunks; returns all rows and the size of each batch yielded. */
async function parseParts(parts: string[], delimiter?: string) {
  const rows: string[][] = [];
  const batches: number[] = [];
  for await (const batch of parseCsv(chunksOf(parts), delimiter)) {
    batches.push(batch.length);
    rows.push(...batch);
  }
  return { rows, batches };
}

const parse = async (text: string, delimiter?: string) => (await parseParts([text], delimiter)).rows;

describe('parseCsv: fields and lines', () => {
  it('reads plain rows', async () => {
    expect(await parse('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('reads CRLF, LF and lone CR line ends alike', async () => {
    const expected = [
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ];
    expect(await parse('a,b\r\n1,2\r\n3,4\r\n')).toEqual(expected);
    expect(await parse('a,b\n1,2\n3,4\n')).toEqual(expected);
    expect(await parse('a,b\r1,2\r3,4\r')).toEqual(expected);
    expect(await parse('a,b\r\n1,2\n3,4\r\n')).toEqual(expected);
  });

  it('reads the last row without a final newline', async () => {
    expect(await parse('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(await parse('a,b\n1,')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
    expect(await parse('a,b\n1,"x"')).toEqual([
      ['a', 'b'],
      ['1', 'x'],
    ]);
    expect(await parse('a,b\n1,""')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });

  it('keeps empty fields', async () => {
    expect(await parse(',,\na,,c\n,b,\n')).toEqual([
      ['', '', ''],
      ['a', '', 'c'],
      ['', 'b', ''],
    ]);
  });

  it('skips blank lines', async () => {
    expect(await parse('a,b\n\n1,2\r\n\r\n\n3,4\n\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(await parse('\n\na\n')).toEqual([['a']]);
  });

  it('keeps spaces around unquoted fields', async () => {
    expect(await parse(' a , b \n')).toEqual([[' a ', ' b ']]);
  });

  it('reads nothing from empty input', async () => {
    expect(await parse('')).toEqual([]);
    expect(await parse('\n\r\n')).toEqual([]);
    expect((await parseParts([])).rows).toEqual([]);
  });

  it('keeps rows of different lengths as they are', async () => {
    expect(await parse('a,b,c\n1\n1,2,3,4\n')).toEqual([['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']]);
  });
});

describe('parseCsv: quoted fields', () => {
  it('keeps commas inside quotes', async () => {
    expect(await parse('"长沙市,岳麓区",b\n')).toEqual([['长沙市,岳麓区', 'b']]);
  });

  it('reads doubled quotes as one quote', async () => {
    expect(await parse('"他说""好""",x\n')).toEqual([['他说"好"', 'x']]);
    expect(await parse('"""",x\n')).toEqual([['"', 'x']]);
    expect(await parse('"a""""b"\n')).toEqual([['a""b']]);
  });

  it('keeps LF and CRLF inside quotes', async () => {
    expect(await parse('"第一行\n第二行",b\r\n"x\r\ny",z\r\n')).toEqual([
      ['第一行\n第二行', 'b'],
      ['x\r\ny', 'z'],
    ]);
  });

  it('reads an empty quoted field as empty', async () => {
    expect(await parse('"",b,""\n')).toEqual([['', 'b', '']]);
  });

  it('keeps a quote inside an unquoted field as text', async () => {
    expect(await parse('ab"c,d\n')).toEqual([['ab"c', 'd']]);
  });

  it('appends text that follows a closing quote', async () => {
    expect(await parse('"a"b,c\n')).toEqual([['ab', 'c']]);
  });

  it('reads an unterminated quote to the end of the input', async () => {
    expect(await parse('a,"bc\nd')).toEqual([['a', 'bc\nd']]);
  });
});

describe('parseCsv: delimiters', () => {
  it('reads tab-separated text', async () => {
    expect(await parse('姓名\t地址\n张三\t"长沙市\t岳麓区"\n', '\t')).toEqual([
      ['姓名', '地址'],
      ['张三', '长沙市\t岳麓区'],
    ]);
  });

  it('treats commas as text with another delimiter', async () => {
    expect(await parse('a,b;c\n', ';')).toEqual([['a,b', 'c']]);
  });
});

describe('parseCsv: batches', () => {
  it('yields rows in batches of at least 1000 while reading, and the rest at the end', async () => {
    const line = '430102199001011238,张三\n';
    const { rows, batches } = await parseParts(Array.from({ length: 2500 }, () => line));
    expect(rows.length).toBe(2500);
    expect(batches).toEqual([1000, 1000, 500]);
    expect(rows[2499]).toEqual(['430102199001011238', '张三']);
  });

  it('yields nothing for input without rows', async () => {
    expect((await parseParts(['\n', '\r\n'])).batches).toEqual([]);
  });
});

// The text that exercises every state of the parser at a chunk boundary.
const tricky = [
  'id,name,note,"",x',
  '1,"张,三","他说""好""",,"""" ',
  '2,"line1\r\nline2","a""""b","",end',
  '',
  '3,ab"c,"x""","""y",',
  '"4","",""""""",last"\r',
  '5,"\n","\r",",",""',
].join('\r\n');

describe('parseCsv: chunk boundaries', () => {
  const texts: [string, string][] = [
    ['the tricky text (CRLF)', `${tricky}\r\n`],
    ['the tricky text (LF)', `${tricky.replaceAll('\r\n', '\n')}\n`],
    ['the tricky text without a final newline', tricky],
    ['a quoted field ending the text', 'a,"b""c"'],
    ['a doubled quote ending a field', 'a,"b"""\n'],
    ['an empty quoted field ending the text', 'a,""'],
    ['tab-separated quoted fields', 'a\t"b\t""c"""\r\n"d"\t\r\n'],
  ];

  for (const [label, text] of texts) {
    const delimiter = text.includes('\t') ? '\t' : ',';

    it(`${label}: any split into two chunks reads as the whole`, async () => {
      const whole = await parse(text, delimiter);
      expect(whole.length).toBeGreaterThan(0);
      for (let cut = 0; cut <= text.length; cut++) {
        const { rows } = await parseParts([text.slice(0, cut), text.slice(cut)], delimiter);
        expect(rows, `cut at ${cut}: ${JSON.stringify(text.slice(0, cut))}`).toEqual(whole);
      }
    });

    it(`${label}: any split into three chunks reads as the whole`, async () => {
      const whole = await parse(text, delimiter);
      for (let a = 0; a <= text.length; a++)
        for (let b = a; b <= text.length; b++) {
          const parts = [text.slice(0, a), text.slice(a, b), text.slice(b)];
          const { rows } = await parseParts(parts, delimiter);
          expect(rows, `cut at ${a} and ${b}`).toEqual(whole);
        }
    });

    it(`${label}: one-character chunks read as the whole`, async () => {
      const whole = await parse(text, delimiter);
      expect((await parseParts([...text], delimiter)).rows).toEqual(whole);
    });
  }

  it('reads the tricky text as expected', async () => {
    expect(await parse(`${tricky}\r\n`)).toEqual([
      ['id', 'name', 'note', '', 'x'],
      ['1', '张,三', '他说"好"', '', '" '],
      ['2', 'line1\r\nline2', 'a""b', '', 'end'],
      ['3', 'ab"c', 'x"', '"y', ''],
      ['4', '', '""",last'],
      ['5', '\n', '\r', ',', ''],
    ]);
  });

  it('reads a doubled quote split across chunks as one quote', async () => {
    expect((await parseParts(['"a"', '"b"\n'])).rows).toEqual([['a"b']]);
    expect((await parseParts(['"a""', 'b"\n'])).rows).toEqual([['a"b']]);
    expect((await parseParts(['"a"', '', '"b"\n'])).rows).toEqual([['a"b']]);
  });

  it('reads a closing quote at the end of a chunk followed by a delimiter', async () => {
    expect((await parseParts(['"a"', ',b\n'])).rows).toEqual([['a', 'b']]);
    expect((await parseParts(['"a"', '\r\n"b"'])).rows).toEqual([['a'], ['b']]);
  });

  it('reads a CRLF split between chunks as one line end', async () => {
    expect((await parseParts(['a,b\r', '\n1,2\r', '\n'])).rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

/** Scans text given as these chunks with small batches (so records still open are carried between batches). */
async function scanParts(
  parts: string[],
  minRecords = 1,
  limits = { maxField: 1 << 20, maxRecord: 1 << 22 },
) {
  const rows: string[][] = [];
  const quoted: number[] = [];
  for await (const chunk of scanCsv(chunksOf(parts), ',', minRecords, limits)) {
    rows.push(...chunkRows(chunk));
    quoted.push(...chunk.quoted);
  }
  return { rows, quoted };
}

describe('scanCsv: records still open when a batch is handed on', () => {
  const text = `${tricky}\r\n`;

  it('reads any split into two chunks as the whole, handing on every record at once', async () => {
    const whole = await parse(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const { rows } = await scanParts([text.slice(0, cut), text.slice(cut)]);
      expect(rows, `cut at ${cut}`).toEqual(whole);
    }
    expect((await scanParts([...text])).rows).toEqual(whole);
  });
});

describe('scanCsv: limits', () => {
  const limits = { maxField: 10, maxRecord: 25 };
  const scan = (parts: string[]) => scanParts(parts, 1000, limits);
  const refusal = async (parts: string[]) => {
    const error = await scan(parts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvLimitError);
    const { reason, row, column, columnName, limit } = error as CsvLimitError;
    return { reason, row, column, columnName, limit };
  };

  it('reads fields and records as long as the limits', async () => {
    const field = 'x'.repeat(10);
    const record = `${field},${field},123`; // 25 characters
    expect((await scan([`a,b,c\n${record}\n`])).rows).toEqual([
      ['a', 'b', 'c'],
      [field, field, '123'],
    ]);
    expect((await scan([`"${'y'.repeat(8)}"\n`])).rows).toEqual([['y'.repeat(8)]]);
  });

  it('refuses a field one character longer, naming its row (1: the header) and column', async () => {
    expect(await refusal([`a,b\n1,2\n3,${'x'.repeat(11)}\n`])).toEqual({
      reason: 'field_too_long',
      row: 3,
      column: 2,
      columnName: 'b',
      limit: 10,
    });
    // Last in its line, in the header, at the end of the text, quoted and unterminated.
    expect(await refusal([`${'x'.repeat(11)},b\n`])).toMatchObject({ row: 1, columnName: null });
    expect((await refusal([`a,b\n1,${'x'.repeat(11)}`])).column).toBe(2);
    expect(await refusal([`a,b\n1,"${'x'.repeat(20)}`])).toMatchObject({
      reason: 'field_too_long',
      column: 2,
    });
    expect(await refusal(['a,b\n', `"${'x'.repeat(5)}`, `${'x'.repeat(5)}",b\n`])).toMatchObject({
      reason: 'field_too_long',
      row: 2,
      column: 1,
      columnName: 'a',
    });
  });

  it('refuses a record longer than its limit though every field is short', async () => {
    const long = Array.from({ length: 9 }, () => 'xx').join(','); // 26 characters
    expect(await refusal([`a\n${long}\n`])).toEqual({
      reason: 'record_too_long',
      row: 2,
      column: 9,
      columnName: null,
      limit: 25,
    });
    expect(await refusal([`a\n${long}`])).toMatchObject({ reason: 'record_too_long' });
  });

  it('refuses a long line as soon as the text read shows it, without reading to its end', async () => {
    let pulled = 0;
    async function* endless() {
      yield 'a,b\n1,';
      for (;;) {
        pulled++;
        yield 'x'.repeat(1000);
      }
    }
    const error = await (async () => {
      for await (const _ of scanCsv(endless(), ',', 1000, { maxField: 100_000, maxRecord: 400_000 }));
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'field_too_long', row: 2, column: 2, columnName: 'b' });
    expect(pulled).toBe(101);
  });
});

describe('scanCsv: NUL and U+FFFD', () => {
  it('marks only the records holding them for the full path, their text kept', async () => {
    const text = 'a,b\n1,2\n3,x\0y\n5,6\n7,\uFFFD\n9,10\n';
    const { rows, quoted } = await scanParts([text], 1000);
    expect(rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', 'x\0y'],
      ['5', '6'],
      ['7', '\uFFFD'],
      ['9', '10'],
    ]);
    expect(quoted).toEqual([0, 0, 1, 0, 1, 0]);
    for (let cut = 0; cut <= text.length; cut++) {
      const split = await scanParts([text.slice(0, cut), text.slice(cut)]);
      expect(split.quoted, `cut at ${cut}`).toEqual(quoted);
    }
  });
});
