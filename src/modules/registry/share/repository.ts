/**
 * The SQL of the sharing API's reads of merged entities (共享接口). They are the sharing API's measured hot path, so
 * they are `$n` statements on the driver (`Database.query`, prepared per connection on PostgreSQL: a point lookup
 * skips parsing and planning, half its time) rather than the query builder; their texts come from a bounded set
 * of shapes (the filter's length varies, never its text).
 */
import type { Database } from '../../../core/db.ts';
import { isRegistryName } from '../feeds.ts';

/** One merged entity as the sharing API reads it: key, all merged values, and when it last changed (µs ISO). */
export type ShareEntity = { key: string; values: Record<string, string>; at: string };

/** Equality conditions on item values ([item, value] pairs), all of which must hold. */
export type ShareFilter = [item: string, value: string][];

// Microseconds, so a change-feed cursor made from it names one instant exactly (a JS Date keeps milliseconds).
const AT = `to_char(e.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Reads of the base registries' merged entities for the sharing API (共享接口). Every filter value and item code
 * is a bound parameter; the sharing module decides which items a caller may filter on and see.
 */
export function createRegistryShareReads(database: Database) {
  /** The WHERE clause of a registry and filter; pushes its parameters after those already in `params`. */
  function where(registry: string, filter: ShareFilter, params: unknown[]): string {
    if (!isRegistryName(registry)) throw new Error(`Not a registry: ${registry}`);
    params.push(registry);
    const conditions = [`e.registry = $${params.length}`];
    for (const [item, value] of filter) {
      params.push(item, value);
      conditions.push(`e.values ->> $${params.length - 1}::text = $${params.length}::text`);
    }
    return conditions.join(' and ');
  }

  return {
    /** The entities with these keys that also meet the filter (missing and filtered-out keys are simply absent). */
    async rows(registry: string, keys: string[], filter: ShareFilter): Promise<ShareEntity[]> {
      const params: unknown[] = [keys];
      return database.query<ShareEntity>(
        `select e.key, e.values, ${AT} as at from registry.entities e
         where e.key = any($1::text[]) and ${where(registry, filter, params)}`,
        params,
      );
    },

    /** One page of the entities meeting the filter, in key order, and how many meet it. */
    async page(
      registry: string,
      filter: ShareFilter,
      paging: { page: number; pageSize: number },
    ): Promise<{ rows: ShareEntity[]; total: number }> {
      const params: unknown[] = [];
      const condition = where(registry, filter, params);
      const n = params.length;
      const [rows, [count]] = await Promise.all([
        database.query<ShareEntity>(
          `select e.key, e.values, ${AT} as at from registry.entities e where ${condition}
           order by e.key limit $${n + 1}::int offset $${n + 2}::int`,
          [...params, paging.pageSize, (paging.page - 1) * paging.pageSize],
        ),
        database.query<{ n: number }>(
          `select count(*)::int as n from registry.entities e where ${condition}`,
          params,
        ),
      ]);
      return { rows, total: Number(count?.n ?? 0) };
    },

    /**
     * Entities meeting the filter changed after `since` (updated_at, key) and before `before`, in that order: a
     * change feed. `before` is a moment no transaction still running started earlier than, so a row committed later
     * can never carry a time the feed has already passed.
     */
    async changes(
      registry: string,
      filter: ShareFilter,
      since: { at: string; key: string } | null,
      before: string,
      limit: number,
    ): Promise<ShareEntity[]> {
      const params: unknown[] = [before];
      const conditions = [where(registry, filter, params), 'e.updated_at < $1::timestamptz'];
      if (since) {
        params.push(since.at, since.key);
        conditions.push(
          `(e.updated_at, e.key) > ($${params.length - 1}::timestamptz, $${params.length}::text)`,
        );
      }
      params.push(limit);
      return database.query<ShareEntity>(
        `select e.key, e.values, ${AT} as at from registry.entities e where ${conditions.join(' and ')}
         order by e.updated_at, e.key limit $${params.length}::int`,
        params,
      );
    },
  };
}

export type RegistryShareReads = ReturnType<typeof createRegistryShareReads>;
