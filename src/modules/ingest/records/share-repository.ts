import type { Database } from '../../../core/db.ts';
import type { Resource } from '../../catalog/index.ts';
import { dataTableName, itemColumn } from '../data-table.ts';

/** One loaded record as the sharing API reads it: its key, item values, and when it last changed (µs ISO). */
export type ShareRecord = { key: string; values: Record<string, string | null>; at: string };

/** Equality conditions on item values ([item, value] pairs), all of which must hold. */
export type ShareFilter = [item: string, value: string][];

// Microseconds, so a change-feed cursor made from it names one instant exactly (a JS Date keeps milliseconds).
const AT = `to_char(t._updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// No table yet (nothing loaded) or no column yet (an item added to the catalog after the last load): no row can
// match, so the answer is "none" rather than an error.
const NOTHING_THERE = new Set(['42P01', '42703']);
const nothingThere = (error: unknown) =>
  NOTHING_THERE.has(
    (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code ?? '',
  );

/**
 * Reads of a resource's loaded data table (data.r_<id>) for the sharing API (共享接口). Filter values are bound
 * parameters; item codes become column names only through itemColumn.
 *
 * Raw `$n` text on the driver rather than Drizzle's `sql`: this is the sharing API's measured hot path, where
 * statements prepared by their text (database.query) skip parsing and planning, half a point lookup's time.
 */
export function createIngestShareReads(database: Database) {
  /** The WHERE clause of a filter; pushes its values after the parameters already in `params`. */
  function where(resource: Resource, filter: ShareFilter, params: unknown[]): string {
    const conditions = ['true'];
    for (const [item, value] of filter) {
      const column = itemColumn(resource, item);
      params.push(value);
      conditions.push(`t.${column} = $${params.length}::text`);
    }
    return conditions.join(' and ');
  }

  /** The item values of a selected row (columns named after items), without the table's own columns. */
  function toRecord(resource: Resource, row: Record<string, unknown>): ShareRecord {
    const values: Record<string, string | null> = {};
    for (const item of resource.items)
      values[item.code] = (row[item.code] as string | null | undefined) ?? null;
    return { key: row._key as string, values, at: row._at as string };
  }

  async function select(resource: Resource, tail: string, params: unknown[]) {
    const rows = await database
      .query(`select ${AT} as _at, t.* from ${dataTableName(resource.id)} t ${tail}`, params)
      .catch((error: unknown) => {
        if (nothingThere(error)) return [];
        throw error;
      });
    return rows.map((row) => toRecord(resource, row));
  }

  return {
    /** The records with these keys that also meet the filter (missing and filtered-out keys are simply absent). */
    rows(resource: Resource, keys: string[], filter: ShareFilter): Promise<ShareRecord[]> {
      const params: unknown[] = [keys];
      return select(
        resource,
        `where t._key = any($1::text[]) and ${where(resource, filter, params)}`,
        params,
      );
    },

    /** One page of the records meeting the filter, in key order, and how many meet it. */
    async page(
      resource: Resource,
      filter: ShareFilter,
      paging: { page: number; pageSize: number },
    ): Promise<{ rows: ShareRecord[]; total: number }> {
      const params: unknown[] = [];
      const condition = where(resource, filter, params);
      const n = params.length;
      const [rows, [count]] = await Promise.all([
        select(resource, `where ${condition} order by t._key limit $${n + 1}::int offset $${n + 2}::int`, [
          ...params,
          paging.pageSize,
          (paging.page - 1) * paging.pageSize,
        ]),
        database
          .query<{ n: number }>(
            `select count(*)::int as n from ${dataTableName(resource.id)} t where ${condition}`,
            params,
          )
          .catch((error: unknown) => {
            if (nothingThere(error)) return [{ n: 0 }];
            throw error;
          }),
      ]);
      return { rows, total: Number(count?.n ?? 0) };
    },

    /**
     * Records meeting the filter changed after `since` (_updated_at, key) and before `before`, in that order: a
     * change feed. `before` is a moment no transaction still running started earlier than (see the registry's).
     */
    async changes(
      resource: Resource,
      filter: ShareFilter,
      since: { at: string; key: string } | null,
      before: string,
      limit: number,
    ): Promise<ShareRecord[]> {
      const params: unknown[] = [before];
      const conditions = [where(resource, filter, params), 't._updated_at < $1::timestamptz'];
      if (since) {
        params.push(since.at, since.key);
        conditions.push(
          `(t._updated_at, t._key) > ($${params.length - 1}::timestamptz, $${params.length}::text)`,
        );
      }
      params.push(limit);
      return select(
        resource,
        `where ${conditions.join(' and ')} order by t._updated_at, t._key limit $${params.length}::int`,
        params,
      );
    },
  };
}

export type IngestShareReads = ReturnType<typeof createIngestShareReads>;
