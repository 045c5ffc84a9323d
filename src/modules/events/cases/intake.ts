import { announceChangeIn } from '../../../core/changes.ts';
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ConflictError, InputError, NotFoundError } from '../../../core/errors.ts';
import { maskName } from '../../../core/masking.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CategoryService } from '../categories/service.ts';
import type { CaseChannel, IntakeInput } from './contract.ts';
import { clockColumns } from './due.ts';
import type { Classifier, Place, PlaceResolver } from './ports.ts';
import * as repo from './repository.ts';
import { openStatuses } from './transitions.ts';

/** What a channel adds to a case beyond the desk's form. */
export type IntakeExtra = {
  apiKeyId?: number;
  token?: string;
  reporterEmail?: string;
  /** Dispatch by the rules without an operator (Open311, sensors). */
  autoDispatch?: boolean;
  receivedAt?: Date;
};

/** The China-local day of an instant, as YYYYMMDD. */
function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

export type IntakeDeps = {
  db: Db;
  audit: AuditService;
  categories: CategoryService;
  places: PlaceResolver;
  classifier: Classifier;
  now: () => Date;
};

/**
 * Intake (受理): a case from any channel is placed (address ↔ point ↔ subdistrict and community), given a category
 * (the operator's, else the classifier's best guess), a due time by the category's limit and a number, and is
 * dispatched by the rules when the channel or the operator asks. A call about a case already open can join it
 * (并案) instead.
 */
export function createIntakeService(deps: IntakeDeps) {
  const { db, audit, categories, places, classifier } = deps;

  /** The place of a case: its point's divisions when it has one, else its address resolved. */
  async function placeOf(input: { address?: string; lng?: number; lat?: number }): Promise<Partial<Place>> {
    if (input.lng !== undefined && input.lat !== undefined) {
      const at = await places.locate(input.lng, input.lat);
      return { lng: input.lng, lat: input.lat, ...(at ?? {}) };
    }
    if ((input.lng === undefined) !== (input.lat === undefined))
      throw new InputError('point_incomplete', 'Give both longitude and latitude', [
        { field: input.lng === undefined ? 'lng' : 'lat', reason: 'required' },
      ]);
    return input.address ? ((await places.resolveAddress(input.address)) ?? {}) : {};
  }

  /** The category code: the one given (checked), else the classifier's first choice. */
  async function categoryOf(input: { categoryCode?: string; content: string }) {
    if (input.categoryCode) return categories.require(input.categoryCode);
    const best = classifier.classify(input.content).top[0];
    return best ? categories.find(best.category) : undefined;
  }

  /**
   * Everything about a new case that needs no lock: merge target, place, category, department, the row without its
   * number, its first steps and its audit entry. Runs outside the transaction that writes it.
   */
  async function prepare(ctx: Ctx, channel: CaseChannel, input: IntakeInput, extra: IntakeExtra = {}) {
    const receivedAt = extra.receivedAt ?? deps.now();
    const target = input.mergeInto ? await repo.findCaseByNumber(db, input.mergeInto) : undefined;
    if (input.mergeInto && !target) throw new NotFoundError('case', input.mergeInto);
    if (target && !openStatuses.includes(target.status as never))
      throw new ConflictError(
        'merge_target_closed',
        'That case is no longer open',
        { number: target.number },
        [{ field: 'mergeInto', reason: 'merge_target_closed' }],
      );
    const [place, category] = await Promise.all([placeOf(input), categoryOf(input)]);
    const dispatch = !target && category && (input.dispatch || extra.autoDispatch);
    const departmentId = dispatch
      ? await categories.route(category.code, place.subdistrictCode ?? null)
      : null;
    // A resident reporting from the app is named on the history as the console shows reporters: masked.
    const actorName =
      channel === 'app' && ctx.actor ? maskName(ctx.actor.displayName) : (ctx.actor?.displayName ?? channel);
    const values: Omit<repo.CaseInsert, 'number'> = {
      channel,
      status: target ? 'merged' : dispatch ? 'dispatched' : 'received',
      categoryCode: category?.code ?? null,
      departmentId: target ? target.departmentId : departmentId,
      title: input.title ?? null,
      content: input.content,
      address: input.address ?? null,
      lng: place.lng ?? null,
      lat: place.lat ?? null,
      subdistrictCode: place.subdistrictCode ?? null,
      communityCode: place.communityCode ?? null,
      urgency: input.urgency,
      reporterName: input.reporterName ?? null,
      reporterPhone: input.reporterPhone ?? null,
      reporterEmail: extra.reporterEmail ?? null,
      wantsReply: input.wantsReply,
      mediaUrls: input.mediaUrls,
      receivedAt,
      ...(category ? clockColumns(receivedAt, category.timeLimit) : {}),
      dispatchedAt: dispatch ? receivedAt : null,
      closedAt: target ? receivedAt : null,
      mergedInto: target?.id ?? null,
      token: extra.token ?? null,
      apiKeyId: extra.apiKeyId ?? null,
      createdBy: ctx.actor?.userId ?? null,
    };
    /** The case's first steps (and the merge target's), once its id and number are known. */
    const steps = (caseId: number, number: string): repo.StepInsert[] => {
      const step = { caseId, actorUserId: ctx.actor?.userId ?? null, actorName, at: receivedAt };
      const out: repo.StepInsert[] = [
        { ...step, action: 'receive', fromStatus: null, toStatus: 'received', detail: { channel } },
      ];
      if (dispatch)
        out.push({
          ...step,
          action: 'dispatch',
          fromStatus: 'received',
          toStatus: 'dispatched',
          departmentId,
          note: input.dispatch ? null : 'auto',
        });
      if (target)
        out.push(
          {
            ...step,
            action: 'merge',
            fromStatus: 'received',
            toStatus: 'merged',
            detail: { into: target.number },
          },
          {
            ...step,
            caseId: target.id,
            action: 'merged_in',
            fromStatus: target.status,
            toStatus: target.status,
            detail: { from: number },
          },
        );
      return out;
    };
    const detail = {
      channel,
      category: category?.code ?? null,
      departmentId,
      mergedInto: target?.number ?? null,
    };
    return { ctx, day: chinaDay(receivedAt), values, steps, detail };
  }

  /**
   * Writes prepared cases in the transaction `tx`, each with its number, steps and audit entry, with one statement
   * of each kind for all of them: the day's number and the audit chain's head are locks held until the commit, so
   * the fewer the statements after them, the more cases a second.
   */
  async function write(tx: Db, prepared: PreparedCase[]): Promise<repo.CaseRow[]> {
    const numbers: string[] = [];
    const days = [...new Set(prepared.map((p) => p.day))];
    const lastOf = new Map<string, number>();
    for (const day of days)
      lastOf.set(day, await repo.takeSequence(tx, day, prepared.filter((p) => p.day === day).length));
    // Numbers in the order the cases came, each day's block ending at the day's new last number.
    const taken = new Map(days.map((d) => [d, lastOf.get(d)! - prepared.filter((p) => p.day === d).length]));
    for (const p of prepared) {
      const n = taken.get(p.day)! + 1;
      taken.set(p.day, n);
      numbers.push(`${p.day}${String(n).padStart(5, '0')}`);
    }
    const rows = await repo.insertCases(
      tx,
      prepared.map((p, i) => ({ ...p.values, number: numbers[i]! })),
    );
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    const ordered = numbers.map((n) => byNumber.get(n)!);
    await repo.insertSteps(
      tx,
      prepared.flatMap((p, i) => p.steps(ordered[i]!.id, numbers[i]!)),
    );
    await audit.recordMany(
      tx,
      prepared.map((p, i) => ({
        ctx: p.ctx,
        event: { action: 'events.case_receive', targetType: 'case', targetId: numbers[i], detail: p.detail },
      })),
    );
    await announceChangeIn(tx, 'cases');
    return ordered;
  }

  return {
    /** Opens a case from `channel`; returns its stored row. */
    async receive(ctx: Ctx, channel: CaseChannel, input: IntakeInput, extra: IntakeExtra = {}) {
      const p = await prepare(ctx, channel, input, extra);
      const [row] = await db.transaction((tx) => write(tx, [p]));
      return row!;
    },
    prepare,
    write,
  };
}

export type PreparedCase = {
  ctx: Ctx;
  day: string;
  values: Omit<repo.CaseInsert, 'number'>;
  steps: (caseId: number, number: string) => repo.StepInsert[];
  detail: Record<string, unknown>;
};
