import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabaseConfig } from '../../test/databases.ts';
import { type Database, openDatabase } from './db.ts';

async function* chunks(...texts: string[]) {
  yield* texts;
}

describe.each(databaseKinds)('copyIn on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabaseConfig(kind);
    drop = fresh.drop;
    database = await openDatabase(fresh.config);
    await database.query('create table copy_target (a text primary key, b integer check (b > 0))');
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  const copy = (...texts: string[]) =>
    database.rawTransaction((tx) => tx.copyIn('copy_target', ['a', 'b'], chunks(...texts)));

  it('loads the rows of every chunk', async () => {
    await copy('x,1\n', 'y,2\n');
    expect(await database.query('select a, b from copy_target order by a')).toEqual([
      { a: 'x', b: 1 },
      { a: 'y', b: 2 },
    ]);
  });

  // The server refuses these only after the last (and only) chunk has been sent.
  it.each([
    ['a check constraint', 'z,-1\n', /check constraint/],
    ['a duplicate key', 'w,1\nw,2\n', /duplicate key/],
  ])('reports %s refused at the end of the data, and keeps nothing of it', async (_, text, message) => {
    await expect(copy(text)).rejects.toThrow(message);
    expect(await database.query('select count(*)::int as n from copy_target')).toEqual([{ n: 2 }]);
  });
});
