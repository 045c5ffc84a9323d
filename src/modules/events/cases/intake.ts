import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ConflictError, InputError, NotFoundError } from '../../../core/errors.ts';
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

  return {
    /** Opens a case from `channel`; returns its stored row. */
    async receive(ctx: Ctx, channel: CaseChannel, input: IntakeInput, extra: IntakeExtra = {}) {
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
      const actorName = ctx.actor?.displayName ?? channel;
      return db.transaction(async (tx) => {
        const day = chinaDay(receivedAt);
        const number = `${day}${String(await repo.nextSequence(tx, day)).padStart(5, '0')}`;
        const row = await repo.insertCase(tx, {
          number,
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
        });
        const step = { caseId: row.id, actorUserId: ctx.actor?.userId ?? null, actorName, at: receivedAt };
        await repo.insertStep(tx, {
          ...step,
          action: 'receive',
          fromStatus: null,
          toStatus: 'received',
          detail: { channel },
        });
        if (dispatch)
          await repo.insertStep(tx, {
            ...step,
            action: 'dispatch',
            fromStatus: 'received',
            toStatus: 'dispatched',
            departmentId,
            note: input.dispatch ? null : 'auto',
          });
        if (target) {
          await repo.insertStep(tx, {
            ...step,
            action: 'merge',
            fromStatus: 'received',
            toStatus: 'merged',
            detail: { into: target.number },
          });
          await repo.insertStep(tx, {
            ...step,
            caseId: target.id,
            action: 'merged_in',
            fromStatus: target.status,
            toStatus: target.status,
            detail: { from: number },
          });
        }
        await audit.record(tx, ctx, {
          action: 'events.case_receive',
          targetType: 'case',
          targetId: number,
          detail: {
            channel,
            category: category?.code ?? null,
            departmentId,
            mergedInto: target?.number ?? null,
          },
        });
        return row;
      });
    },
  };
}
