/**
 * A case as the resident who reported it sees it: the stage in the resident's words, and a timeline of the steps
 * that concern them. Staff names, internal notes, reviews, returns, extensions and supervision stay out.
 */
import type { DepartmentDirectory } from '../../org/index.ts';
import { toChinaIso } from '../clock/china-time.ts';
import type { CaseStatus, Satisfaction } from './codes.ts';
import type { ReporterStage, ReporterStep } from './reporter-contract.ts';
import { rateableStatuses } from './reporter-contract.ts';
import type { StepRow } from './repository.ts';

/** The resident's stage of a case status. */
export function stageOf(status: CaseStatus): ReporterStage {
  switch (status) {
    case 'received':
    case 'returned':
      return 'received';
    case 'dispatched':
      return 'dispatched';
    case 'accepted':
    case 'in_progress':
      return 'handling';
    case 'suspended':
      return 'paused';
    case 'replied':
    case 'reviewed':
      return 'replied';
    case 'closed':
      return 'closed';
    case 'merged':
      return 'merged';
  }
}

/** Whether a step was written by the resident's own rating (the app's 回访). */
const byReporter = (s: Pick<StepRow, 'detail'>) => s.detail?.byReporter === true;

/** The steps since the latest reply (all of them when there is none). */
function sinceLastReply<S extends Pick<StepRow, 'action'>>(steps: readonly S[]): readonly S[] {
  let last = -1;
  steps.forEach((s, i) => {
    if (s.action === 'reply') last = i;
  });
  return steps.slice(last + 1);
}

/** Whether the resident has rated the latest reply already (a rating counts once per reply). */
export function ratedSinceReply(steps: readonly Pick<StepRow, 'action' | 'detail'>[]): boolean {
  return sinceLastReply(steps).some(byReporter);
}

/**
 * The resident's rating given while the reply still waited for the desk's review, not yet turned into the
 * callback: the desk's approval of the reply carries it on.
 */
export function pendingRating(
  steps: readonly Pick<StepRow, 'action' | 'detail' | 'note'>[],
): { satisfaction: Satisfaction; comment: string | null } | null {
  const since = sinceLastReply(steps);
  if (since.some((s) => s.action === 'callback')) return null;
  const rating = since.find((s) => s.action === 'rating' && byReporter(s));
  const satisfaction = rating?.detail?.satisfaction;
  return rating && typeof satisfaction === 'string'
    ? { satisfaction: satisfaction as Satisfaction, comment: rating.note }
    : null;
}

/** Whether a case in `status` with `reply` and these steps may be rated by its reporter now. */
export function canRate(
  c: { status: string; reply: string | null },
  steps: readonly Pick<StepRow, 'action' | 'detail'>[],
): boolean {
  return !!c.reply && (rateableStatuses as readonly string[]).includes(c.status) && !ratedSinceReply(steps);
}

/** The timeline a resident sees, oldest first. */
export function reporterSteps(steps: readonly StepRow[], departments: DepartmentDirectory): ReporterStep[] {
  const out: ReporterStep[] = [];
  const department = (s: StepRow) =>
    s.departmentId ? (departments.byId.get(s.departmentId)?.name ?? null) : null;
  const push = (s: StepRow, kind: ReporterStep['kind'], more: Partial<ReporterStep> = {}) =>
    out.push({
      kind,
      at: toChinaIso(s.at),
      departmentName: department(s),
      text: null,
      satisfaction: null,
      ...more,
    });
  const satisfactionOf = (s: StepRow) =>
    typeof s.detail?.satisfaction === 'string' ? (s.detail.satisfaction as Satisfaction) : null;
  for (const s of steps) {
    switch (s.action) {
      case 'receive':
        push(s, 'received');
        break;
      case 'dispatch':
        push(s, 'dispatched');
        break;
      case 'transfer':
        push(s, 'transferred');
        break;
      case 'accept':
        push(s, 'accepted');
        break;
      case 'start':
        push(s, 'handling');
        break;
      case 'reply':
        push(s, 'replied', { text: s.note });
        break;
      case 'review':
        // A reply the desk sent back was never the answer: the resident sees the one that passes.
        if (s.detail?.approved === false) {
          const last = out.findLastIndex((x) => x.kind === 'replied');
          if (last >= 0) out.splice(last, 1);
        }
        break;
      case 'rating':
        push(s, 'rated', { satisfaction: satisfactionOf(s), text: s.note });
        break;
      case 'callback':
        // The desk's callback that carried the resident's app rating on repeats nothing the resident said.
        if (!s.detail?.fromRating)
          push(s, 'rated', {
            satisfaction: satisfactionOf(s),
            text: byReporter(s) ? s.note : null,
            departmentName: null,
          });
        if (s.detail?.reopened) push(s, 'reopened', { departmentName: null });
        else if (s.toStatus === 'closed') push(s, 'closed', { departmentName: null });
        break;
      case 'close':
        push(s, 'closed', { departmentName: null });
        break;
      case 'reopen':
        push(s, 'reopened', { departmentName: null });
        break;
      case 'suspend':
        push(s, 'paused', { departmentName: null });
        break;
      case 'resume':
        push(s, 'resumed', { departmentName: null });
        break;
      case 'merge':
        push(s, 'merged', { departmentName: null });
        break;
    }
  }
  return out;
}
