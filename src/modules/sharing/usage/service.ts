import { type Ctx, lookupCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { InputError, NotFoundError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import type { CatalogService, Resource } from '../../catalog/index.ts';
import type { OrgService } from '../../org/index.ts';
import { shareMasker } from '../api/masking.ts';
import { sharingPolicy } from '../policy.ts';
import type {
  DailyQuery,
  DailyUsage,
  OutcomeUsage,
  RecentCall,
  RecentCalls,
  RecentCallsQuery,
  TopConsumers,
  TopConsumersQuery,
  UsageChoices,
  UsageFilter,
} from './contract.ts';
import './messages.ts';
import type { CallFilter, UsageScope } from './repository.ts';
import * as repo from './repository.ts';

/** The Asia/Shanghai days of a window ending today, oldest first. */
export function windowDays(days: number, now = new Date()): string[] {
  const today = Date.parse(`${todayInShanghai(now)}T12:00:00+08:00`);
  return Array.from({ length: days }, (_, i) =>
    todayInShanghai(new Date(today - (days - 1 - i) * 86_400_000)),
  );
}

/**
 * A logged query as people may see it: the key and filter values of personal items masked, as the API would
 * show them to a grant without raw items. The log keeps them as sent, for audits.
 */
function shownQuery(resource: Resource | undefined, query: Record<string, unknown> | null) {
  if (!query || !resource) return query;
  const masker = shareMasker(resource, []);
  const shown: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (name === 'key' && typeof value === 'string') shown[name] = masker.key(value);
    else if (typeof value === 'string' && resource.items.some((i) => i.code === name))
      shown[name] = masker.values({ [name]: value }, [name])[name];
    else shown[name] = value;
  }
  return shown;
}

type ConsumerRow = Awaited<ReturnType<typeof repo.findTopConsumers>>[number];

/** Top consumers with the counted refusals added to the caller-less row (department null), most calls first. */
function withRefusals(rows: ConsumerRow[], refused: { calls: number; lastAt: string } | undefined) {
  if (!refused) return rows;
  const none = rows.find((r) => r.departmentId === null);
  const merged: ConsumerRow = none
    ? {
        ...none,
        calls: none.calls + refused.calls,
        lastAt: [none.lastAt, refused.lastAt].sort()[1]!,
      }
    : { departmentId: null, systems: null, calls: refused.calls, served: 0, rows: 0, lastAt: refused.lastAt };
  return [...rows.filter((r) => r !== none), merged].sort(
    (a, b) => b.calls - a.calls || (a.departmentId ?? -1) - (b.departmentId ?? -1),
  );
}

/**
 * Usage statistics of the sharing API for the console: calls per day by resource or consumer, outcomes, top
 * consumers and the recent calls. Center staff see every call; a department user sees the calls its department
 * made and the calls to resources it provides (who uses its data).
 */
export function createUsageService(deps: { database: Database; catalog: CatalogService; org: OrgService }) {
  const db = deps.database.db;

  async function scopeOf(ctx: Ctx): Promise<UsageScope> {
    if (sharingPolicy.isCenter(ctx.actor)) return { all: true };
    const departmentId = ctx.actor?.departmentId ?? null;
    const provided = departmentId
      ? (await deps.catalog.listAll(lookupCtx, { departmentId })).map((r) => r.id)
      : [];
    return { all: false, departmentId, provided };
  }

  /** The resources by id and department names by id, to name what the log holds as numbers. */
  async function directory() {
    const [resources, departments] = await Promise.all([
      deps.catalog.listAll(lookupCtx, {}),
      deps.org.departmentDirectory(),
    ]);
    return {
      resource: (id: number | null) => (id === null ? undefined : resources.find((r) => r.id === id)),
      department: (id: number | null) => (id === null ? undefined : departments.byId.get(id)?.name),
    };
  }

  /** The call filter of a query: its window and, if given, one resource (code or alias) and consumer. */
  async function filterOf(q: Partial<UsageFilter> & { outcome?: string }): Promise<CallFilter> {
    const filter: CallFilter = {};
    if (q.days) filter.since = new Date(Date.parse(`${windowDays(q.days)[0]}T00:00:00+08:00`));
    if (q.resource) {
      const resource = await deps.catalog.get(lookupCtx, q.resource).catch((error: unknown) => {
        if (!(error instanceof NotFoundError)) throw error;
        throw new InputError('invalid_input', 'Unknown resource', [
          { field: 'resource', reason: 'unknown_resource_ref', params: { resource: q.resource } },
        ]);
      });
      filter.resourceId = resource.id;
    }
    if (q.consumer) filter.consumerId = q.consumer;
    if (q.outcome) filter.outcome = q.outcome;
    return filter;
  }

  return {
    /** Calls per day of the window, one series per resource or consumer department. */
    async daily(ctx: Ctx, q: DailyQuery): Promise<DailyUsage> {
      const [scope, filter, names] = await Promise.all([scopeOf(ctx), filterOf(q), directory()]);
      const [rows, refused] = await Promise.all([
        repo.countDaily(db, scope, filter, q.by),
        repo.countRefusalsDaily(db, scope, filter),
      ]);
      const days = windowDays(q.days);
      const index = new Map(days.map((d, i) => [d, i]));
      const series = new Map<number | null, number[]>();
      for (const row of rows) {
        const calls = series.get(row.id) ?? days.map(() => 0);
        const at = index.get(row.day);
        if (at !== undefined) calls[at] = row.calls;
        series.set(row.id, calls);
      }
      // Refusals without a credential concern no resource and no consumer: the series of neither.
      for (const row of refused) {
        const calls = series.get(null) ?? days.map(() => 0);
        const at = index.get(row.day);
        if (at !== undefined) calls[at] = (calls[at] ?? 0) + row.calls;
        series.set(null, calls);
      }
      const nameOf = (id: number | null) =>
        (q.by === 'resource' ? names.resource(id)?.name : names.department(id)) ?? '-';
      return {
        days,
        series: [...series].map(([id, calls]) => ({ id, name: nameOf(id), calls })),
      };
    },

    /** Calls per outcome (ok and each refusal code). */
    async outcomes(ctx: Ctx, q: UsageFilter): Promise<OutcomeUsage> {
      const [scope, filter] = await Promise.all([scopeOf(ctx), filterOf(q)]);
      const [logged, refused] = await Promise.all([
        repo.countOutcomes(db, scope, filter),
        repo.countRefusalOutcomes(db, scope, filter),
      ]);
      const counts = new Map<string, number>();
      for (const r of [...logged, ...refused]) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + r.calls);
      const items = [...counts]
        .map(([outcome, calls]) => ({ outcome, calls }))
        .sort((a, b) => b.calls - a.calls || a.outcome.localeCompare(b.outcome));
      return { total: items.reduce((sum, r) => sum + r.calls, 0), items };
    },

    /** The consumer departments calling the most, with their systems and the rows they received. */
    async topConsumers(ctx: Ctx, q: TopConsumersQuery): Promise<TopConsumers> {
      const [scope, filter, names] = await Promise.all([scopeOf(ctx), filterOf(q), directory()]);
      const [found, refused] = await Promise.all([
        repo.findTopConsumers(db, scope, filter, q.limit),
        repo.totalRefusals(db, scope, filter),
      ]);
      const rows = withRefusals(found, refused).slice(0, q.limit);
      return {
        items: rows.map((r) => ({
          departmentId: r.departmentId,
          department: names.department(r.departmentId) ?? '-',
          systems: r.systems ?? [],
          calls: r.calls,
          served: r.served,
          rows: r.rows,
          lastAt: r.lastAt,
        })),
      };
    },

    /** One page of logged calls, newest first; personal keys and filter values masked. */
    async recent(ctx: Ctx, q: RecentCallsQuery): Promise<RecentCalls> {
      const [scope, filter, names] = await Promise.all([scopeOf(ctx), filterOf(q), directory()]);
      const page = await repo.findCalls(db, scope, filter, q);
      const items: RecentCall[] = page.items.map((r) => {
        const resource = names.resource(r.resourceId);
        return {
          id: Number(r.id),
          at: r.at,
          keyId: r.keyId,
          resource: resource ? (resource.alias ?? resource.code) : null,
          resourceName: resource?.name ?? null,
          department: names.department(r.consumerDepartmentId) ?? null,
          system: r.system,
          endpoint: r.endpoint,
          items: r.items,
          query: shownQuery(resource, r.query),
          rows: r.rows,
          outcome: r.outcome,
          status: r.status,
          ms: r.ms === null ? null : Math.round(Number(r.ms) * 10) / 10,
          ip: r.ip,
        };
      });
      return { items, total: page.total };
    },

    /**
     * The sharing API's calls in [start, end) in the whole district, by consumer department (for the operations
     * center's briefings; the caller checks who may read them). `refused` counts the calls refused without a live
     * credential (counted per minute, not logged); they are part of `calls`.
     */
    async periodCalls(q: { start: Date; end: Date }): Promise<SharingPeriodCalls> {
      const filter: CallFilter = { since: q.start, until: q.end };
      const [rows, refused, names] = await Promise.all([
        repo.findTopConsumers(db, { all: true }, filter, 1000),
        repo.totalRefusals(db, { all: true }, filter),
        directory(),
      ]);
      const logged = rows.reduce((sum, r) => sum + r.calls, 0);
      return {
        calls: logged + (refused?.calls ?? 0),
        served: rows.reduce((sum, r) => sum + r.served, 0),
        refused: refused?.calls ?? 0,
        byDepartment: rows
          .filter((r) => r.departmentId !== null)
          .map((r) => ({
            departmentId: r.departmentId!,
            departmentName: names.department(r.departmentId) ?? String(r.departmentId),
            calls: r.calls,
            served: r.served,
          }))
          .sort((a, b) => b.calls - a.calls || a.departmentId - b.departmentId),
      };
    },

    /**
     * Served calls per day of the last `days` days (oldest first) and consumer department, read from the grants'
     * daily usage windows rather than the call log (cheap on a year of calls): the operations screen's figures.
     * Center staff see every department; anyone else its own department's calls.
     */
    async servedDaily(
      ctx: Ctx,
      days: number,
    ): Promise<{ days: string[]; byConsumer: { departmentId: number; name: string; calls: number[] }[] }> {
      const window = windowDays(days);
      const since = new Date(Date.parse(`${window[0]}T00:00:00+08:00`));
      const consumer = sharingPolicy.isCenter(ctx.actor) ? undefined : (ctx.actor?.departmentId ?? -1);
      const [rows, departments] = await Promise.all([
        repo.servedPerDay(db, since, consumer),
        deps.org.departmentDirectory(),
      ]);
      const index = new Map(window.map((d, i) => [d, i]));
      const series = new Map<number, number[]>();
      for (const row of rows) {
        const at = index.get(row.day);
        if (at === undefined) continue;
        const calls = series.get(row.department_id) ?? window.map(() => 0);
        calls[at] = (calls[at] ?? 0) + row.calls;
        series.set(row.department_id, calls);
      }
      return {
        days: window,
        byConsumer: [...series].map(([departmentId, calls]) => ({
          departmentId,
          name: departments.byId.get(departmentId)?.name ?? String(departmentId),
          calls,
        })),
      };
    },

    /** What the caller may filter by, and whether it sees all calls or its department's. */
    async choices(ctx: Ctx): Promise<UsageChoices> {
      const scope = await scopeOf(ctx);
      const [{ resourceIds, consumerIds }, names] = await Promise.all([
        repo.findChoices(db, scope),
        directory(),
      ]);
      return {
        scope: scope.all ? 'all' : 'department',
        resources: resourceIds
          .map((id) => names.resource(id))
          .filter((r) => r !== undefined)
          .map((r) => ({ id: r.id, code: r.code, alias: r.alias, name: r.name }))
          .sort((a, b) => a.code.localeCompare(b.code)),
        consumers: consumerIds
          .map((id) => ({ id, name: names.department(id) ?? String(id) }))
          .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      };
    },
  };
}

export type UsageService = ReturnType<typeof createUsageService>;

/** The sharing API's calls in a period (see periodCalls). */
export type SharingPeriodCalls = {
  calls: number;
  served: number;
  refused: number;
  byDepartment: { departmentId: number; departmentName: string; calls: number; served: number }[];
};
