import type { Ctx } from '../../../core/context.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { type CaseQuery, caseStatuses } from '../../events/contract.ts';
import type { ApplicationScope, ApplicationStatus } from '../../sharing/contract.ts';
import type { IocSources } from '../ports.ts';

/** Case statuses still on their way (suspended ones too): what 办理中 counts. */
const openCaseStatuses = caseStatuses.filter((s) => s !== 'closed' && s !== 'merged');

const DAY_MS = 86_400_000;

/**
 * The counts the dashboards show, each read through its module's service as the caller, so each module's scoping
 * holds (a department counts only what its lists show it). A to-do's count is its linked list's `total`, asked
 * with the same filter the link carries, so the number on the home page is the number of rows the click opens.
 */
export function dashboardReads(sources: IocSources, now: () => Date) {
  const { events, sharing, registry, ingest, iot, catalog } = sources;

  /** Midnight in China `daysAgo` days before today. */
  const dayStart = (daysAgo: number) =>
    new Date(Date.parse(`${todayInShanghai(now())}T00:00:00+08:00`) - daysAgo * DAY_MS);

  /** Cases the caller's case list shows with this filter. */
  const countCases = async (ctx: Ctx, filter: Partial<CaseQuery>) =>
    (await events.cases.list(ctx, { page: 1, pageSize: 1, sort: 'receivedAt', order: 'desc', ...filter }))
      .total;

  return {
    /** Cases the caller's case list shows with this filter (a clock, an inbox). */
    cases: countCases,
    /** Open cases (suspended too) the caller sees. */
    openCases: (ctx: Ctx) => countCases(ctx, { status: [...openCaseStatuses] }),
    /** Cases received today (China time) that the caller sees. */
    casesToday(ctx: Ctx) {
      const today = todayInShanghai(now());
      return countCases(ctx, { from: today, to: today });
    },
    /** Closed cases the caller sees. */
    closedCases: (ctx: Ctx) => countCases(ctx, { status: ['closed'] }),
    /** The caller's open cases by how soon they are due. */
    casesByDue: (ctx: Ctx) => events.cases.countByDue(ctx),

    /** Sharing applications in one of the caller's scopes, of one status when given. */
    async applications(ctx: Ctx, scope: ApplicationScope, status?: ApplicationStatus) {
      const q = { scope, status, page: 1, pageSize: 1, sort: 'newest' as const };
      return (await sharing.applications.list(ctx, q)).total;
    },
    /** Calls of the sharing API the caller sees (a department: its own and those to its resources), over `days` days. */
    async sharingCalls(ctx: Ctx, days: number) {
      return (await sharing.usage.outcomes(ctx, { days })).total;
    },

    /** Open conflicts between the registries' sources. */
    async openConflicts(ctx: Ctx) {
      return (await registry.conflicts.list(ctx, { status: 'open', page: 1, pageSize: 1 })).total;
    },
    /** Open objections in a scope: all (center staff) or those sent to the caller's department. */
    async openObjections(ctx: Ctx, scope: 'all' | 'assigned') {
      return (await registry.objections.list(ctx, { scope, status: 'open', page: 1, pageSize: 1 })).total;
    },

    /** Failed batches the caller sees. */
    async failedBatches(ctx: Ctx) {
      return (await ingest.service.list(ctx, { status: 'failed', page: 1, pageSize: 1 })).total;
    },
    /** Finished batches the caller sees, since midnight `daysAgo` days ago, with their rows and accepted rows. */
    batchRows: (ctx: Ctx, daysAgo: number) => ingest.service.rowCounts(ctx, dayStart(daysAgo)),

    /** The caller's devices by status and their active alarms. */
    devices: (ctx: Ctx) => iot.devices.overview(ctx),

    /** Resources in the catalog, or those one department provides. */
    async resources(ctx: Ctx, departmentId?: number) {
      if (departmentId === undefined) return catalog.service.count();
      const q = { departmentId, page: 1, pageSize: 1, sort: 'code' as const };
      return (await catalog.service.list(ctx, q)).total;
    },
  };
}

export type DashboardReads = ReturnType<typeof dashboardReads>;
