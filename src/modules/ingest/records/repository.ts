import { type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, queryRows } from '../../../core/db.ts';
import type { Resource } from '../../catalog/index.ts';
import { dataTableName, itemColumn, quoteColumn } from '../data-table.ts';

// A resource's loaded data lives in a table of its own (data.r_<id>), with columns named after its items: no
// schema the query builder knows describes it, so these statements are Drizzle `sql` with bound values, and
// names reach them only through data-table.ts.

/**
 * One page of a resource's loaded records, newest first, whose key items' values start as in `search` (by item
 * code), or equal it for the items in `whole`; undefined when nothing was ever loaded. A resource keyed by one
 * item is searched by its key (indexed); the others by their key items' columns, not by the JSON text their
 * `_key` holds.
 */
export async function findRecords(
  db: Db,
  resource: Resource,
  q: { page: number; pageSize: number; search: Record<string, string>; whole?: string[] },
) {
  const table = dataTableName(resource.id);
  const exists = await queryRows<{ t: string | null }>(db, sql`select to_regclass(${table}) as t`);
  if (!exists[0]?.t) return undefined;
  const matches = (column: string, code: string, value: string) =>
    q.whole?.includes(code)
      ? sql`${sql.raw(column)} = ${value}`
      : sql`${sql.raw(column)} like ${`${escapeLike(value)}%`}`;
  const conditions = Object.entries(q.search).map(([code, value]) =>
    matches(resource.keyItems.length === 1 ? '_key' : itemColumn(resource, code), code, value),
  );
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const columns = sql.raw(
    ['_key', '_updated_at', ...resource.items.map((i) => quoteColumn(i.code))].join(', '),
  );
  const [rows, count] = await Promise.all([
    queryRows<Record<string, string | null>>(
      db,
      sql`select ${columns} from ${sql.raw(table)} ${where} order by _updated_at desc, _key desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)} ${where}`),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}

/** The resources among `resourceIds` whose data table exists (something was loaded), by id. */
export async function findLoadedResources(db: Db, resourceIds: number[]) {
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

/** Row count and last change of the data tables of `resourceIds` (each of which must exist), in one statement. */
export async function countLoadedRows(db: Db, resourceIds: number[]) {
  if (!resourceIds.length) return [];
  return queryRows<{ id: number; rows: number; updated_at: string | Date | null }>(
    db,
    sql.join(
      resourceIds.map(
        (id) =>
          sql`select ${id}::int as id, count(*)::int as rows, max(_updated_at) as updated_at from ${sql.raw(dataTableName(id))}`,
      ),
      sql` union all `,
    ),
  );
}

/** Up to `limit` rows with keys after `after` (null: from the first), in key order, with the key and `itemCodes`. */
export function findRecordsAfterKey(
  db: Db,
  resource: Resource,
  itemCodes: string[],
  after: string | null,
  limit: number,
) {
  const columns = sql.raw(['_key', ...itemCodes.map((c) => itemColumn(resource, c))].join(', '));
  const table = sql.raw(dataTableName(resource.id));
  const where: SQL = after === null ? sql`` : sql`where _key > ${after}`;
  return queryRows<Record<string, string | null>>(
    db,
    sql`select ${columns} from ${table} ${where} order by _key limit ${limit}`,
  );
}
