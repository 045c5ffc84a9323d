import type { Database } from '../../../core/db.ts';

/**
 * Whose calls a caller may see: all (center staff), or those of a department as consumer plus those of the
 * resources it provides (department users: consumers see their own calls, providers who uses their data).
 */
export type UsageScope = { all: true } | { all: false; departmentId: number | null; provided: number[] };

/** Which calls a usage view counts. */
export type CallFilter = { since?: Date; resourceId?: number; consumerId?: number; outcome?: string };

/** The SQL of usage statistics, read from the call log (sharing.calls). */
export function createUsageRepository(database: Database) {
  /** The WHERE clause on `sharing.calls c` of a scope and filter; pushes its parameters onto `params`. */
  function where(scope: UsageScope, filter: CallFilter, params: unknown[]): string {
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const conditions = ['true'];
    if (!scope.all)
      conditions.push(
        `(c.consumer_department_id = ${add(scope.departmentId ?? -1)}::int or c.resource_id = any(${add(scope.provided)}::int[]))`,
      );
    if (filter.since) conditions.push(`c.at >= ${add(filter.since.toISOString())}::timestamptz`);
    if (filter.resourceId !== undefined) conditions.push(`c.resource_id = ${add(filter.resourceId)}::int`);
    if (filter.consumerId !== undefined)
      conditions.push(`c.consumer_department_id = ${add(filter.consumerId)}::int`);
    if (filter.outcome !== undefined) conditions.push(`c.outcome = ${add(filter.outcome)}::text`);
    return conditions.join(' and ');
  }

  return {
    /** Calls per Asia/Shanghai day and resource or consumer department. */
    async daily(scope: UsageScope, filter: CallFilter, by: 'resource' | 'consumer') {
      const params: unknown[] = [];
      const group = by === 'resource' ? 'c.resource_id' : 'c.consumer_department_id';
      return database.query<{ day: string; id: number | null; calls: number }>(
        `select to_char(c.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, ${group} as id,
           count(*)::int as calls
         from sharing.calls c where ${where(scope, filter, params)} group by 1, 2 order by 1, 2`,
        params,
      );
    },

    /** Calls per outcome (ok or the refusal code). */
    async outcomes(scope: UsageScope, filter: CallFilter) {
      const params: unknown[] = [];
      return database.query<{ outcome: string; calls: number }>(
        `select c.outcome, count(*)::int as calls from sharing.calls c where ${where(scope, filter, params)}
         group by 1 order by 2 desc, 1`,
        params,
      );
    },

    /** The consumer departments with the most calls, with their systems, served calls, rows and last call. */
    async topConsumers(scope: UsageScope, filter: CallFilter, limit: number) {
      const params: unknown[] = [];
      const condition = where(scope, filter, params);
      params.push(limit);
      return database.query<{
        department_id: number | null;
        systems: string[] | null;
        calls: number;
        served: number;
        rows: number;
        last_at: string;
      }>(
        `select c.consumer_department_id as department_id,
           array_remove(array_agg(distinct g.consuming_system), null) as systems,
           count(*)::int as calls, count(*) filter (where c.outcome = 'ok')::int as served,
           coalesce(sum(c.rows), 0)::int as rows, to_char(max(c.at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_at
         from sharing.calls c left join sharing.grants g on g.id = c.grant_id
         where ${condition} group by 1 order by 3 desc, 1 limit $${params.length}::int`,
        params,
      );
    },

    /** One page of calls, newest first, with the consuming system of each call's grant. */
    async recent(scope: UsageScope, filter: CallFilter, paging: { page: number; pageSize: number }) {
      const params: unknown[] = [];
      const condition = where(scope, filter, params);
      const n = params.length;
      const [rows, [count]] = await Promise.all([
        database.query<{
          id: number;
          at: string;
          key_id: string | null;
          resource_id: number | null;
          consumer_department_id: number | null;
          system: string | null;
          endpoint: string;
          items: string[] | null;
          query: Record<string, unknown> | null;
          rows: number;
          outcome: string;
          status: number;
          ms: number | null;
          ip: string | null;
        }>(
          `select c.id::int as id, to_char(c.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, c.key_id,
             c.resource_id, c.consumer_department_id, g.consuming_system as system, c.endpoint, c.items, c.query,
             c.rows, c.outcome, c.status, c.ms, c.ip
           from sharing.calls c left join sharing.grants g on g.id = c.grant_id
           where ${condition} order by c.id desc limit $${n + 1}::int offset $${n + 2}::int`,
          [...params, paging.pageSize, (paging.page - 1) * paging.pageSize],
        ),
        database.query<{ n: number }>(
          `select count(*)::int as n from sharing.calls c where ${condition}`,
          params,
        ),
      ]);
      return { rows, total: Number(count?.n ?? 0) };
    },

    /**
     * The resources and consumer departments a scope's calls can concern, from the grants (a handful of rows; the
     * call log may hold millions): the grants' resources and consumers, plus the resources the department provides.
     */
    async choices(scope: UsageScope) {
      const params: unknown[] = [];
      let condition = 'true';
      if (!scope.all) {
        params.push(scope.departmentId ?? -1, scope.provided);
        condition = 'g.consumer_department_id = $1::int or g.resource_id = any($2::int[])';
      }
      const rows = await database.query<{ resource_id: number; consumer_department_id: number }>(
        `select distinct g.resource_id, g.consumer_department_id from sharing.grants g where ${condition}`,
        params,
      );
      const provided = scope.all ? [] : scope.provided;
      return {
        resourceIds: [...new Set([...rows.map((r) => r.resource_id), ...provided])],
        consumerIds: [...new Set(rows.map((r) => r.consumer_department_id))],
      };
    },
  };
}

export type UsageRepository = ReturnType<typeof createUsageRepository>;
