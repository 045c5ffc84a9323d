import { describe, expect, it } from 'vitest';
import { pageOf } from './db.ts';

/** A stand-in for a Drizzle select that records the limit and offset it was given. */
function fakeQuery(rows: number[]) {
  const asked: { limit?: number; offset?: number } = {};
  const query = {
    limit(limit: number) {
      asked.limit = limit;
      return {
        offset: async (offset: number) => {
          asked.offset = offset;
          return rows.slice(offset, offset + limit);
        },
      };
    },
  };
  return { query, asked };
}

describe('pageOf', () => {
  const rows = Array.from({ length: 23 }, (_, i) => i);

  it('asks for the rows of the page wanted and returns them with the total', async () => {
    const { query, asked } = fakeQuery(rows);
    const page = await pageOf(query, Promise.resolve(rows.length), { page: 3, pageSize: 10 });
    expect(asked).toEqual({ limit: 10, offset: 20 });
    expect(page).toEqual({ items: [20, 21, 22], total: 23 });
  });

  it('starts the first page at the first row', async () => {
    const { query, asked } = fakeQuery(rows);
    expect((await pageOf(query, Promise.resolve(23), { page: 1, pageSize: 5 })).items).toEqual([
      0, 1, 2, 3, 4,
    ]);
    expect(asked.offset).toBe(0);
  });
});
