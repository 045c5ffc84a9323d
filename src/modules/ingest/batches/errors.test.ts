import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.ts';
import { fromRecords } from '../readers/open-source.ts';
import { batchErrorOf, SourceReadError, withReadErrors } from './errors.ts';

describe('batchErrorOf', () => {
  it('calls what reading the source threw an unreadable file, keeping its words as the detail', async () => {
    // Past the records the header is taken from, which are read before loading starts.
    async function* records() {
      for (let i = 0; i < 150; i++) yield { id: String(i) };
      throw new SyntaxError('Unexpected token } in JSON at position 7');
    }
    const source = withReadErrors(await fromRecords('ndjson', records()));
    const read = (async () => {
      for await (const _ of source.batches);
    })();
    const error = await read.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceReadError);
    expect(batchErrorOf(error)).toEqual({
      code: 'unreadable_file',
      detail: 'Unexpected token } in JSON at position 7',
    });
  });

  it('calls an error the database reported a database error', async () => {
    const pglite = await PGlite.create();
    const error = await pglite.query('select * from no_such_table').catch((e: unknown) => e);
    await pglite.close();
    expect(batchErrorOf(error)).toMatchObject({ code: 'database_error' });
    expect(batchErrorOf(error).detail).toContain('no_such_table');
  });

  it('calls a lost connection a database error', () => {
    const lost = Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), {
      code: 'CONNECTION_CLOSED',
    });
    expect(batchErrorOf(lost).code).toBe('database_error');
  });

  it('keeps the code of an input error it knows, and calls anything else internal', () => {
    expect(batchErrorOf(new InputError('unmapped_key', 'A key item has no column')).code).toBe(
      'unmapped_key',
    );
    expect(batchErrorOf(new InputError('something_else', 'x')).code).toBe('internal');
    expect(batchErrorOf(new TypeError('x is not a function'))).toEqual({
      code: 'internal',
      detail: 'x is not a function',
    });
  });
});

describe('withReadErrors', () => {
  it('passes the rows through unchanged', async () => {
    const source = withReadErrors(await fromRecords('json', [{ a: '1' }, { a: '2' }]));
    const rows: string[][] = [];
    for await (const batch of source.batches) rows.push(...batch);
    expect(source.headers).toEqual(['a']);
    expect(rows).toEqual([['1'], ['2']]);
  });
});
