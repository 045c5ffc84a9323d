import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { NotFoundError } from '../../../core/errors.ts';
import type { OrgService } from '../../org/index.ts';
import type { CategoryService } from '../categories/service.ts';
import { toChinaIso } from '../clock/china-time.ts';
import { mediaNameOf } from '../media/contract.ts';
import { eventsPolicy } from '../policy.ts';
import type { CaseStatus } from './codes.ts';
import type { createHandleService } from './handle.ts';
import type {
  ReporterCaseDetail,
  ReporterCaseSummary,
  ReporterRating,
  ReporterStage,
} from './reporter-contract.ts';
import { canRate, ratedSinceReply, reporterSteps, stageOf } from './reporter-view.ts';
import * as repo from './repository.ts';

/** The case statuses of each of the resident's stages, for filtering their list. */
const statusesOf: Record<ReporterStage, CaseStatus[]> = {
  received: ['received', 'returned'],
  dispatched: ['dispatched'],
  handling: ['accepted', 'in_progress'],
  paused: ['suspended'],
  replied: ['replied', 'reviewed'],
  closed: ['closed'],
  merged: ['merged'],
};

/**
 * The cases a resident reported from the citizen app (随手拍), as the resident sees them: their list, one case with
 * its timeline, and their rating of the reply (回访). Only the reporter sees a case here; anyone else is told it
 * does not exist.
 */
export function createReporterService(deps: {
  db: Db;
  categories: CategoryService;
  org: OrgService;
  handle: ReturnType<typeof createHandleService>;
}) {
  const { db, categories } = deps;

  async function names() {
    const [list, departments, divisions] = await Promise.all([
      categories.list(),
      categories.departments(),
      deps.org.listDivisions({ actor: null, ip: null, requestId: null }, {}),
    ]);
    return {
      categories: new Map(list.map((c) => [c.code, c.name])),
      departments,
      divisions: new Map(divisions.map((d) => [d.code, d.name])),
    };
  }
  type Names = Awaited<ReturnType<typeof names>>;

  function summaryOf(row: repo.CaseRow, steps: repo.StepRow[] | null, n: Names): ReporterCaseSummary {
    return {
      number: row.number,
      stage: stageOf(row.status as CaseStatus),
      categoryName: row.categoryCode ? (n.categories.get(row.categoryCode) ?? null) : null,
      departmentName: row.departmentId ? (n.departments.byId.get(row.departmentId)?.name ?? null) : null,
      content: row.content,
      address: row.address,
      subdistrictName: row.subdistrictCode ? (n.divisions.get(row.subdistrictCode) ?? null) : null,
      communityName: row.communityCode ? (n.divisions.get(row.communityCode) ?? null) : null,
      receivedAt: toChinaIso(row.receivedAt),
      photos: row.mediaUrls.flatMap((url) => mediaNameOf(url) ?? []),
      canRate: steps ? canRate(row, steps) : false,
    };
  }

  /** The case `number` when the caller reported it from the app; NotFoundError otherwise. */
  async function own(ctx: Ctx, number: string) {
    const row = await repo.findCaseByNumber(db, number);
    if (!row || !eventsPolicy.isReporter(ctx.actor, row)) throw new NotFoundError('case', number);
    return row;
  }

  async function get(ctx: Ctx, number: string): Promise<ReporterCaseDetail> {
    const row = await own(ctx, number);
    const [steps, n] = await Promise.all([repo.findSteps(db, row.id), names()]);
    const stage = stageOf(row.status as CaseStatus);
    const answered = stage === 'replied' || stage === 'closed';
    const rated = ratedSinceReply(steps);
    const mine = rated ? [...steps].reverse().find((s) => s.detail?.byReporter === true) : undefined;
    return {
      ...summaryOf(row, steps, n),
      lng: row.lng,
      lat: row.lat,
      reply: answered ? row.reply : null,
      repliedAt: answered && row.repliedAt ? toChinaIso(row.repliedAt) : null,
      closedAt: row.closedAt && stage === 'closed' ? toChinaIso(row.closedAt) : null,
      satisfaction: (mine?.detail?.satisfaction as ReporterCaseDetail['satisfaction']) ?? null,
      steps: reporterSteps(steps, n.departments),
    };
  }

  return {
    /** One page of the caller's own reports, newest first; `stage` narrows it. */
    async list(ctx: Ctx, q: { page: number; pageSize: number; stage?: ReporterStage }) {
      const userId = ctx.actor?.userId;
      if (userId === undefined || !eventsPolicy.isReporter(ctx.actor, { ...noParties, createdBy: userId }))
        return { items: [], total: 0 };
      const page = await repo.listReporterCases(db, userId, q.stage ? statusesOf[q.stage] : undefined, q);
      const [steps, n] = await Promise.all([
        repo.findStepsOfCases(
          db,
          page.items.filter((r) => r.reply).map((r) => r.id),
        ),
        names(),
      ]);
      return {
        items: page.items.map((r) =>
          summaryOf(
            r,
            steps.filter((s) => s.caseId === r.id),
            n,
          ),
        ),
        total: page.total,
      };
    },

    /** One of the caller's own reports with its timeline; NotFoundError for anyone else's. */
    get,

    /** Rates the reply of the caller's own report (once per reply); returns the report as the caller sees it. */
    async rate(ctx: Ctx, number: string, input: ReporterRating): Promise<ReporterCaseDetail> {
      await deps.handle.rateAsReporter(ctx, number, input);
      return get(ctx, number);
    },
  };
}
export type ReporterService = ReturnType<typeof createReporterService>;

// The parties of a report yet to be read, to ask the policy whether the caller reports from the app at all.
const noParties = { departmentId: null, assistDepartmentIds: [], channel: 'app' };
