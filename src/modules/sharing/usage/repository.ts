import { and, desc, eq, gte, inArray, lt, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Db, pageOf, queryRows } from '../../../core/db.ts';
import { calls, grants, refusals, usage } from '../schema.ts';

/**
 * Whose calls a caller may see: all (center staff), or those of a department as consumer plus those of the
 * resources it provides (department users: consumers see their own calls, providers who uses their data).
 */
export type UsageScope = { all: true } | { all: false; departmentId: number | null; provided: number[] };

/** Which calls a usage view counts (`until`: before that instant; the briefings' periods end there). */
export type CallFilter = {
  since?: Date;
  until?: Date;
  resourceId?: number;
  consumerId?: number;
  outcome?: string;
};

// Usage statistics, read from the call log (sharing.calls).

/** The condition on sharing.calls of a scope and filter. */
function callsOf(scope: UsageScope, filter: CallFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (!scope.all)
    conditions.push(
      or(eq(calls.consumerDepartmentId, scope.departmentId ?? -1), inArray(calls.resourceId, scope.provided)),
    );
  if (filter.since) conditions.push(gte(calls.at, filter.since));
  if (filter.until) conditions.push(lt(calls.at, filter.until));
  if (filter.resourceId !== undefined) conditions.push(eq(calls.resourceId, filter.resourceId));
  if (filter.consumerId !== undefined) conditions.push(eq(calls.consumerDepartmentId, filter.consumerId));
  if (filter.outcome !== undefined) conditions.push(eq(calls.outcome, filter.outcome));
  return and(...conditions);
}

const callCount = sql<number>`count(*)::int`;
/** A time as the console shows it: UTC, milliseconds, ISO 8601. */
const isoText = (at: SQLWrapper) =>
  sql<string>`to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Calls per Asia/Shanghai day and resource or consumer department. */
export function countDaily(db: Db, scope: UsageScope, filter: CallFilter, by: 'resource' | 'consumer') {
  const day = sql<string>`to_char(${calls.at} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  const id = by === 'resource' ? calls.resourceId : calls.consumerDepartmentId;
  return db
    .select({ day, id, calls: callCount })
    .from(calls)
    .where(callsOf(scope, filter))
    .groupBy(day, id)
    .orderBy(day, id);
}

/** Calls per outcome (ok or the refusal code), the most frequent first. */
export function countOutcomes(db: Db, scope: UsageScope, filter: CallFilter) {
  return db
    .select({ outcome: calls.outcome, calls: callCount })
    .from(calls)
    .where(callsOf(scope, filter))
    .groupBy(calls.outcome)
    .orderBy(desc(callCount), calls.outcome);
}

/** The consumer departments with the most calls, with their systems, served calls, rows and last call. */
export function findTopConsumers(db: Db, scope: UsageScope, filter: CallFilter, limit: number) {
  return db
    .select({
      departmentId: calls.consumerDepartmentId,
      systems: sql<string[] | null>`array_remove(array_agg(distinct ${grants.consumingSystem}), null)`,
      calls: callCount,
      served: sql<number>`(count(*) filter (where ${calls.outcome} = 'ok'))::int`,
      rows: sql<number>`coalesce(sum(${calls.rows}), 0)::int`,
      lastAt: isoText(sql`max(${calls.at})`),
    })
    .from(calls)
    .leftJoin(grants, eq(grants.id, calls.grantId))
    .where(callsOf(scope, filter))
    .groupBy(calls.consumerDepartmentId)
    .orderBy(desc(callCount), calls.consumerDepartmentId)
    .limit(limit);
}

/** One page of calls, newest first, with the consuming system of each call's grant. */
export function findCalls(
  db: Db,
  scope: UsageScope,
  filter: CallFilter,
  paging: { page: number; pageSize: number },
) {
  const condition = callsOf(scope, filter);
  return pageOf(
    db
      .select({
        id: calls.id,
        at: isoText(calls.at),
        keyId: calls.keyId,
        resourceId: calls.resourceId,
        consumerDepartmentId: calls.consumerDepartmentId,
        system: grants.consumingSystem,
        endpoint: calls.endpoint,
        items: calls.items,
        query: calls.query,
        rows: calls.rows,
        outcome: calls.outcome,
        status: calls.status,
        ms: calls.ms,
        ip: calls.ip,
      })
      .from(calls)
      .leftJoin(grants, eq(grants.id, calls.grantId))
      .where(condition)
      .orderBy(desc(calls.id)),
    db.$count(calls, condition),
    paging,
  );
}

/**
 * The condition on sharing.refusals (calls refused for want of a live credential, counted per minute) of a scope
 * and filter; null when none can match: they concern no resource or consumer, so only center staff see them, and
 * only without a resource or consumer chosen.
 */
function refusalsOf(scope: UsageScope, filter: CallFilter): SQL | undefined | null {
  if (!scope.all || filter.resourceId !== undefined || filter.consumerId !== undefined) return null;
  return and(
    filter.since ? gte(refusals.minute, filter.since) : undefined,
    filter.until ? lt(refusals.minute, filter.until) : undefined,
    filter.outcome !== undefined ? eq(refusals.outcome, filter.outcome) : undefined,
  );
}

const refusedCount = sql<number>`coalesce(sum(${refusals.calls}), 0)::int`;

/** Counted refusals per Asia/Shanghai day (no resource, no consumer). */
export async function countRefusalsDaily(db: Db, scope: UsageScope, filter: CallFilter) {
  const where = refusalsOf(scope, filter);
  if (where === null) return [];
  const day = sql<string>`to_char(${refusals.minute} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  return db.select({ day, calls: refusedCount }).from(refusals).where(where).groupBy(day);
}

/** Counted refusals per outcome. */
export async function countRefusalOutcomes(db: Db, scope: UsageScope, filter: CallFilter) {
  const where = refusalsOf(scope, filter);
  if (where === null) return [];
  return db
    .select({ outcome: refusals.outcome, calls: refusedCount })
    .from(refusals)
    .where(where)
    .groupBy(refusals.outcome);
}

/** All counted refusals and the last of them; undefined when there are none. */
export async function totalRefusals(db: Db, scope: UsageScope, filter: CallFilter) {
  const where = refusalsOf(scope, filter);
  if (where === null) return undefined;
  const [row] = await db
    .select({ calls: refusedCount, lastAt: isoText(sql`max(${refusals.lastAt})`) })
    .from(refusals)
    .where(where);
  return row && row.calls > 0 ? row : undefined;
}

/**
 * The resources and consumer departments a scope's calls can concern, from the grants (a handful of rows; the
 * call log may hold millions): the grants' resources and consumers, plus the resources the department provides.
 */
export async function findChoices(db: Db, scope: UsageScope) {
  const rows = await db
    .selectDistinct({ resourceId: grants.resourceId, consumerDepartmentId: grants.consumerDepartmentId })
    .from(grants)
    .where(
      scope.all
        ? undefined
        : or(
            eq(grants.consumerDepartmentId, scope.departmentId ?? -1),
            inArray(grants.resourceId, scope.provided),
          ),
    );
  const provided = scope.all ? [] : scope.provided;
  return {
    resourceIds: [...new Set([...rows.map((r) => r.resourceId), ...provided])],
    consumerIds: [...new Set(rows.map((r) => r.consumerDepartmentId))],
  };
}

/**
 * Served calls per Asia/Shanghai day and consumer department since `since`, summed from the grants' daily usage
 * windows (sharing.usage, written with each flush of the call log): one row per grant and day, each grant's read
 * by its primary key, so a year of calls costs no scan of the call log.
 */
export function servedPerDay(db: Db, since: Date, consumerId?: number) {
  return queryRows<{ day: string; department_id: number; calls: number }>(
    db,
    sql`
      select to_char(u.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
        g.consumer_department_id as department_id, sum(u.calls)::int as calls
      from ${grants} g
        cross join lateral (
          select starts_at, calls from ${usage} w
          where w.grant_id = g.id and w.period = 'day' and w.starts_at >= ${since.toISOString()}::timestamptz
        ) u
      ${consumerId === undefined ? sql`` : sql`where g.consumer_department_id = ${consumerId}`}
      group by 1, 2`,
  );
}

// The import of past calls (import.ts).

/** The Asia/Shanghai days since `since` on which a grant has logged calls. */
export async function daysWithCalls(db: Db, grantId: number, since: Date): Promise<Set<string>> {
  const day = sql<string>`to_char(${calls.at} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  const rows = await db
    .selectDistinct({ day })
    .from(calls)
    .where(and(eq(calls.grantId, grantId), gte(calls.at, since)));
  return new Set(rows.map((r) => r.day));
}

// Rows per statement: 13 columns each stay well under the 65,535 parameters of one statement.
const CALL_SLICE = 2000;

/** Appends past calls to the call log, oldest first. */
export async function insertCalls(db: Db, rows: (typeof calls.$inferInsert)[]) {
  const sorted = [...rows].sort((a, b) => a.at!.getTime() - b.at!.getTime());
  for (let i = 0; i < sorted.length; i += CALL_SLICE)
    await db.insert(calls).values(sorted.slice(i, i + CALL_SLICE));
}

/** Adds calls to a grant's daily usage windows (the daily quota counts the calls of the window it is in). */
export async function addDailyUsage(db: Db, grantId: number, days: { startsAt: Date; calls: number }[]) {
  if (!days.length) return;
  await db
    .insert(usage)
    .values(days.map((d) => ({ grantId, period: 'day' as const, startsAt: d.startsAt, calls: d.calls })))
    .onConflictDoUpdate({
      target: [usage.grantId, usage.period, usage.startsAt],
      set: { calls: sql`${usage.calls} + excluded.calls` },
    });
}
