import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import type { Resource } from '../../catalog/index.ts';
import { dataTableName, itemColumn } from '../data-table.ts';

// Reads of loaded data for publishing (open data): only the item columns the caller names, in key order, so a
// whole dataset can be streamed page by page without holding it and without reading the columns left out.

/** How much of a resource's data is loaded: row count and when a row last changed (null: nothing loaded). */
export type DataStats = { rows: number; updatedAt: string | null };

/** The data tables that exist among the resources', by resource id. */
async function existingTables(db: Db, resourceIds: number[]) {
  if (!resourceIds.length) return new Set<number>();
  const names = resourceIds.map((id) => dataTableName(id).slice('data.'.length));
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'data' and c.relname in (${sql.join(
          names.map((name) => sql`${name}`),
          sql`, `,
        )})`,
  );
  return new Set(rows.map((r) => Number(r.name.slice('r_'.length))));
}

/** Reads of loaded data for publication; see the comment at the top of the file. */
export function createOpenReads(db: Db) {
  return {
    /** Row count and last change of each resource's loaded data, by resource id. */
    async stats(resourceIds: number[]): Promise<Map<number, DataStats>> {
      const stats = new Map<number, DataStats>(resourceIds.map((id) => [id, { rows: 0, updatedAt: null }]));
      const tables = [...(await existingTables(db, resourceIds))];
      if (!tables.length) return stats;
      const rows = await queryRows<{ id: number; rows: number; updated_at: string | Date | null }>(
        db,
        sql.join(
          tables.map(
            (id) =>
              sql`select ${id}::int as id, count(*)::int as rows, max(_updated_at) as updated_at from ${sql.raw(dataTableName(id))}`,
          ),
          sql` union all `,
        ),
      );
      for (const r of rows)
        stats.set(Number(r.id), {
          rows: Number(r.rows),
          updatedAt: r.updated_at === null ? null : new Date(r.updated_at).toISOString(),
        });
      return stats;
    },

    /**
     * The resource's rows in key order, `pageSize` at a time, with the values of `itemCodes` only (as stored),
     * at most `limit` rows. Pages are found by key (not offset), so reading a million rows stays linear.
     */
    async *rows(
      resource: Resource,
      itemCodes: string[],
      opts: { pageSize?: number; limit?: number } = {},
    ): AsyncGenerator<(string | null)[][]> {
      const columns = sql.raw(['_key', ...itemCodes.map((c) => itemColumn(resource, c))].join(', '));
      if (!(await existingTables(db, [resource.id])).size) return;
      const table = sql.raw(dataTableName(resource.id));
      const pageSize = opts.pageSize ?? 1000;
      let left = opts.limit ?? Number.POSITIVE_INFINITY;
      let after: string | null = null;
      while (left > 0) {
        const take = Math.min(pageSize, left);
        const where: SQL = after === null ? sql`` : sql`where _key > ${after}`;
        const page: Record<string, string | null>[] = await queryRows<Record<string, string | null>>(
          db,
          sql`select ${columns} from ${table} ${where} order by _key limit ${take}`,
        );
        if (!page.length) return;
        yield page.map((row) => itemCodes.map((code) => row[code] ?? null));
        if (page.length < take) return;
        after = page.at(-1)!._key!;
        left -= page.length;
      }
    },
  };
}

export type OpenReads = ReturnType<typeof createOpenReads>;
