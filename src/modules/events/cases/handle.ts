import { announceChangeIn } from '../../../core/changes.ts';
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import { maskName } from '../../../core/masking.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CategoryService } from '../categories/service.ts';
import { eventsPolicy } from '../policy.ts';
import type { ActionInput, CaseAction, CaseStatus, Satisfaction } from './contract.ts';
import { clockColumns, extendedColumns } from './due.ts';
import { rateableStatuses } from './reporter-contract.ts';
import { pendingRating, ratedSinceReply } from './reporter-view.ts';
import * as repo from './repository.ts';
import { allowedFrom, moves, openStatuses } from './transitions.ts';

// Spelled out, not built from the action's name, so the audit page's label check finds every code.
const auditAction: Record<CaseAction, string> = {
  dispatch: 'events.case_dispatch',
  transfer: 'events.case_transfer',
  accept: 'events.case_accept',
  start: 'events.case_start',
  return: 'events.case_return',
  reply: 'events.case_reply',
  review: 'events.case_review',
  callback: 'events.case_callback',
  close: 'events.case_close',
  request_extension: 'events.case_request_extension',
  decide_extension: 'events.case_decide_extension',
  suspend: 'events.case_suspend',
  resume: 'events.case_resume',
  reopen: 'events.case_reopen',
  merge: 'events.case_merge',
  supervise: 'events.case_supervise',
};

/** Notes another module writes on a case's history (see annotate): the sensing layer's alarm cleared. */
export const annotationActions = ['alarm_cleared'] as const;
export type AnnotationAction = (typeof annotationActions)[number];

type Change = {
  values: Partial<repo.CaseInsert>;
  note?: string | null;
  detail?: Record<string, unknown>;
  departmentId?: number | null;
  /** Also written on another case's history (the case a merge joins). */
  alsoOn?: { caseId: number; detail: Record<string, unknown> };
};

/** The field an action cannot go without, or an input error naming it. */
function need<T>(value: T | undefined, field: string, action: CaseAction): T {
  if (value === undefined || value === null || value === '')
    throw new InputError(
      'action_field_required',
      `${action} needs ${field}`,
      [{ field, reason: 'required' }],
      {
        action,
      },
    );
  return value;
}

/**
 * Handling a case: every move of the 12345 flow (dispatch, accept, return, reply, review, callback, close, extension,
 * suspension, reopening, merging, supervision). Each move is checked against who may take it and the status it
 * starts from, made in one conditional statement, written to the case's history with who, when and why, and
 * audited.
 */
export function createHandleService(deps: {
  db: Db;
  audit: AuditService;
  categories: CategoryService;
  now: () => Date;
}) {
  const { db, audit, categories } = deps;
  // Told of every case that closes, after it is committed: the sensing layer acknowledges the alarm behind it.
  const closedListeners: ((number: string) => Promise<void>)[] = [];

  /** What the action changes, given the case as it is now. */
  async function changeFor(row: repo.CaseRow, input: ActionInput, now: Date): Promise<Change> {
    const a = input.action;
    switch (a) {
      case 'dispatch': {
        const category = await categories.require(
          need(input.categoryCode ?? row.categoryCode ?? undefined, 'categoryCode', a),
        );
        const departmentId =
          input.departmentId ?? (await categories.route(category.code, row.subdistrictCode));
        await checkDepartments([departmentId, ...(input.assistDepartmentIds ?? [])]);
        const recount = category.code !== row.categoryCode || !row.dueAt;
        return {
          values: {
            status: 'dispatched',
            categoryCode: category.code,
            departmentId,
            assistDepartmentIds: (input.assistDepartmentIds ?? []).filter((id) => id !== departmentId),
            dispatchedAt: now,
            acceptedAt: null,
            escalated: false,
            ...(recount ? clockColumns(row.receivedAt, category.timeLimit) : {}),
          },
          departmentId,
          note: input.note ?? null,
          detail: { category: category.code, assist: input.assistDepartmentIds ?? [] },
        };
      }
      case 'transfer': {
        const departmentId = need(input.departmentId, 'departmentId', a);
        await checkDepartments([departmentId]);
        if (departmentId === row.departmentId)
          throw new InputError('same_department', 'The case is already with that department', [
            { field: 'departmentId', reason: 'same_department' },
          ]);
        return {
          values: { status: 'dispatched', departmentId, acceptedAt: null, dispatchedAt: now },
          departmentId,
          note: need(input.reason, 'reason', a),
          detail: { from: row.departmentId },
        };
      }
      case 'accept':
        return { values: { status: 'accepted', acceptedAt: now } };
      case 'start':
        return { values: { status: 'in_progress' }, note: input.note ?? null };
      case 'return':
        return { values: { status: 'returned' }, note: need(input.reason, 'reason', a) };
      case 'reply': {
        const reply = need(input.reply, 'reply', a);
        return { values: { status: 'replied', reply, repliedAt: now, extensionRequest: null }, note: reply };
      }
      case 'review': {
        if (need(input.approve, 'approve', a))
          return { values: { status: 'reviewed' }, note: input.note ?? null };
        return {
          values: { status: 'in_progress', repliedAt: null },
          note: need(input.reason, 'reason', a),
          detail: { approved: false },
        };
      }
      case 'callback': {
        const satisfaction = need(input.satisfaction, 'satisfaction', a);
        const detail = { satisfaction };
        if (satisfaction !== 'unsatisfied')
          return {
            values: { status: 'closed', satisfaction, closedAt: now },
            note: input.note ?? null,
            detail,
          };
        if (row.reopenCount === 0) {
          // Unsatisfied the first time: back to the same department once (重办), on a new clock.
          const category = row.categoryCode ? await categories.find(row.categoryCode) : undefined;
          return {
            values: {
              status: 'dispatched',
              satisfaction,
              reopenCount: 1,
              acceptedAt: null,
              repliedAt: null,
              dispatchedAt: now,
              ...(category ? clockColumns(now, category.timeLimit) : {}),
            },
            note: input.note ?? null,
            detail: { ...detail, reopened: true },
          };
        }
        // Unsatisfied again: the center decides (re-dispatch or close with its reasons).
        return {
          values: { status: 'received', satisfaction, escalated: true },
          note: input.note ?? null,
          detail: { ...detail, escalated: true },
        };
      }
      case 'close':
        return {
          values: { status: 'closed', closedAt: now, escalated: false },
          note:
            row.status === 'reviewed'
              ? (input.reason ?? input.note ?? null)
              : need(input.reason, 'reason', a),
        };
      case 'request_extension': {
        const limit = need(input.limit, 'limit', a);
        const reason = need(input.reason, 'reason', a);
        return {
          values: { extensionRequest: { limit, reason, by: '', at: now.toISOString() } },
          note: reason,
          detail: { limit },
        };
      }
      case 'decide_extension': {
        const approve = need(input.approve, 'approve', a);
        const asked = row.extensionRequest!;
        if (!approve)
          return {
            values: { extensionRequest: null },
            note: need(input.reason, 'reason', a),
            detail: { approved: false, limit: asked.limit },
          };
        const category = row.categoryCode ? await categories.find(row.categoryCode) : undefined;
        const clock = extendedColumns(
          { clockFrom: row.clockFrom ?? row.receivedAt, dueAt: row.dueAt ?? now },
          asked.limit,
          category?.timeLimit,
        );
        const due = clock.dueAt;
        return {
          values: { extensionRequest: null, ...clock },
          note: input.note ?? null,
          detail: { approved: true, limit: asked.limit, dueAt: due.toISOString() },
        };
      }
      case 'suspend':
        return {
          values: { status: 'suspended', suspendedAt: now, suspendedFrom: row.status },
          note: need(input.reason, 'reason', a),
        };
      case 'resume': {
        const stopped = now.getTime() - (row.suspendedAt ?? now).getTime();
        return {
          values: {
            status: row.suspendedFrom ?? 'dispatched',
            suspendedAt: null,
            suspendedFrom: null,
            dueAt: row.dueAt ? new Date(row.dueAt.getTime() + stopped) : null,
            warnAt: row.warnAt ? new Date(row.warnAt.getTime() + stopped) : null,
          },
          note: input.note ?? null,
          detail: { suspendedMinutes: Math.round(stopped / 60_000) },
        };
      }
      case 'reopen': {
        const category = row.categoryCode ? await categories.find(row.categoryCode) : undefined;
        return {
          values: {
            status: 'dispatched',
            reopenCount: row.reopenCount + 1,
            closedAt: null,
            repliedAt: null,
            acceptedAt: null,
            satisfaction: null,
            dispatchedAt: now,
            ...(category ? clockColumns(now, category.timeLimit) : {}),
          },
          note: need(input.reason, 'reason', a),
        };
      }
      case 'merge': {
        const into = await repo.findCaseByNumber(db, need(input.intoNumber, 'intoNumber', a));
        if (
          !into ||
          into.id === row.id ||
          !openStatuses.includes(into.status as CaseStatus) ||
          into.mergedInto
        )
          throw new InputError('bad_merge_target', 'Merge into another open case', [
            { field: 'intoNumber', reason: 'bad_merge_target' },
          ]);
        return {
          values: { status: 'merged', mergedInto: into.id, closedAt: now },
          note: input.reason ?? null,
          detail: { into: into.number },
          alsoOn: { caseId: into.id, detail: { from: row.number } },
        };
      }
      case 'supervise':
        return { values: { supervised: true }, note: need(input.reason ?? input.note, 'reason', a) };
    }
  }

  async function checkDepartments(ids: number[]) {
    const departments = await categories.departments();
    const bad = ids.find((id) => !departments.byId.get(id)?.active);
    if (bad !== undefined)
      throw new InputError('unknown_department', 'Unknown department', [
        { field: 'departmentId', reason: 'invalid' },
      ]);
  }

  /** Takes one action on the case `number`; returns the case's new row. */
  async function act(ctx: Ctx, number: string, input: ActionInput): Promise<repo.CaseRow> {
    const row = await repo.findCaseByNumber(db, number);
    const subject = ctx.actor;
    if (!row || !eventsPolicy.maySee(subject, row)) throw new NotFoundError('case', number);
    const move = moves[input.action];
    const mayAct = move.by === 'desk' ? eventsPolicy.atDesk(subject) : eventsPolicy.mayHandle(subject, row);
    if (!mayAct)
      await audit.deny(
        ctx,
        { targetType: 'case', targetId: number, detail: { action: input.action } },
        new ForbiddenError(
          move.by === 'desk' ? 'desk_only' : 'not_lead_department',
          'You may not do this to this case',
          {
            action: input.action,
          },
        ),
      );
    const status = row.status as CaseStatus;
    if (!allowedFrom(input.action, status))
      throw new ConflictError('wrong_status', `Cannot ${input.action} a case that is ${status}`, {
        action: input.action,
        status,
      });
    if (input.action === 'decide_extension' && !row.extensionRequest)
      throw new ConflictError('no_extension_request', 'No extension is asked for', {});
    if (input.action === 'request_extension' && row.extensionRequest)
      throw new ConflictError('extension_pending', 'An extension is already asked for', {});
    const now = deps.now();
    const change = await changeFor(row, input, now);
    if (input.action === 'request_extension')
      change.values.extensionRequest = {
        ...change.values.extensionRequest!,
        by: ctx.actor?.displayName ?? '',
      };
    if (move.by === 'department') change.departmentId ??= row.departmentId;
    const moved = await apply(ctx, row, status, input.action, auditAction[input.action], change);
    // The reporter rated the reply in the app before the desk approved it: the approval calls back with that.
    if (input.action === 'review' && moved.status === 'reviewed') {
      const rating = pendingRating(await repo.findSteps(db, row.id));
      if (rating) {
        const callback = await changeFor(
          moved,
          { action: 'callback', satisfaction: rating.satisfaction, note: rating.comment ?? undefined },
          deps.now(),
        );
        return apply(ctx, moved, 'reviewed', 'callback', auditAction.callback, {
          ...callback,
          detail: { ...callback.detail, fromRating: true },
        });
      }
    }
    return moved;
  }

  /**
   * Makes a change to the case `row` that is in `status` (one conditional statement), writes the step `action` on
   * its history and the audit entry `auditCode`, in one transaction; tells the close listeners after the commit.
   */
  async function apply(
    ctx: Ctx,
    row: repo.CaseRow,
    status: CaseStatus,
    action: string,
    auditCode: string,
    change: Change,
  ): Promise<repo.CaseRow> {
    const number = row.number;
    const now = deps.now();
    // A resident is named on the history as the console shows reporters: masked.
    const actorName = ctx.actor?.roles.includes('citizen')
      ? maskName(ctx.actor.displayName)
      : (ctx.actor?.displayName ?? 'system');
    const moved = await db.transaction(async (tx) => {
      const moved = await repo.moveCase(tx, row.id, [status], change.values);
      if (!moved)
        throw new ConflictError('case_changed', 'The case was changed meanwhile; reload it', { number });
      const step = { action, actorUserId: ctx.actor?.userId ?? null, actorName, at: now };
      await repo.insertStep(tx, {
        ...step,
        caseId: row.id,
        fromStatus: status,
        toStatus: moved.status,
        departmentId: change.departmentId ?? null,
        note: change.note ?? null,
        detail: change.detail ?? null,
      });
      if (change.alsoOn)
        await repo.insertStep(tx, {
          ...step,
          action: 'merged_in',
          caseId: change.alsoOn.caseId,
          fromStatus: null,
          toStatus: 'merged_in',
          detail: change.alsoOn.detail,
        });
      await audit.record(tx, ctx, {
        action: auditCode,
        targetType: 'case',
        targetId: number,
        detail: { from: status, to: moved.status, note: change.note ?? null, ...(change.detail ?? {}) },
      });
      await announceChangeIn(tx, 'cases');
      return moved;
    });
    if (moved.status === 'closed' && status !== 'closed')
      for (const listener of closedListeners) await listener(number);
    return moved;
  }

  return {
    /** Calls `listener` with the number of each case that closes (after the close is committed). */
    onClosed(listener: (number: string) => Promise<void>) {
      closedListeners.push(listener);
    },

    /**
     * Writes a note on the case's history that moves nothing (another module's news about the case: the sensor
     * alarm behind it cleared); audited. NotFoundError when there is no such case.
     */
    async annotate(
      ctx: Ctx,
      number: string,
      input: { action: AnnotationAction; note: string; detail?: Record<string, unknown> },
    ) {
      const row = await repo.findCaseByNumber(db, number);
      if (!row) throw new NotFoundError('case', number);
      await db.transaction(async (tx) => {
        await repo.insertStep(tx, {
          caseId: row.id,
          action: input.action,
          fromStatus: row.status,
          toStatus: row.status,
          actorUserId: ctx.actor?.userId || null,
          actorName: ctx.actor?.displayName ?? 'system',
          note: input.note,
          detail: input.detail ?? null,
          at: deps.now(),
        });
        await audit.record(tx, ctx, {
          action: 'events.case_annotate',
          targetType: 'case',
          targetId: number,
          detail: { step: input.action, note: input.note, ...(input.detail ?? {}) },
        });
      });
    },

    /** Takes one action on the case `number`; returns the case's new row. */
    act,

    /**
     * The reporter's own rating of the reply, from the citizen app (回访 by the resident), once per reply. A
     * reviewed reply is called back with it at once (closed, or back to the department when unsatisfied, as the
     * desk's callback does); a reply not yet reviewed keeps it until the desk approves the reply; a closed case
     * records it. Refused (NotFoundError) to anyone but the resident who reported the case from the app.
     */
    async rateAsReporter(ctx: Ctx, number: string, input: { satisfaction: Satisfaction; comment?: string }) {
      const row = await repo.findCaseByNumber(db, number);
      if (!row || !eventsPolicy.isReporter(ctx.actor, row)) throw new NotFoundError('case', number);
      const status = row.status as CaseStatus;
      if (!row.reply || !(rateableStatuses as readonly string[]).includes(status))
        throw new ConflictError('not_rateable', 'The case has no reply to rate yet', { number });
      if (ratedSinceReply(await repo.findSteps(db, row.id)))
        throw new ConflictError('already_rated', 'This reply is rated already', { number });
      const now = deps.now();
      const comment = input.comment || null;
      const mark = { satisfaction: input.satisfaction, byReporter: true };
      if (status === 'reviewed') {
        const change = await changeFor(
          row,
          { action: 'callback', satisfaction: input.satisfaction, note: comment ?? undefined },
          now,
        );
        return apply(ctx, row, status, 'callback', auditAction.callback, {
          ...change,
          detail: { ...change.detail, ...mark },
        });
      }
      // A closed case keeps the desk's own callback, if it made one; the resident's rating is on the history.
      const values =
        status === 'closed' && row.satisfaction === null ? { satisfaction: input.satisfaction } : {};
      return apply(ctx, row, status, 'rating', 'events.case_rating', { values, note: comment, detail: mark });
    },
  };
}
