import type { Ctx } from '../../../core/context.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import type { ApplicationStatus, DecisionInput } from '../contract.ts';
import { type Directory, departmentName, loadDirectory, type SharingDeps } from '../directory.ts';
import { issueGrant } from '../grants/issue.ts';
import type { Notice, NotificationService } from '../notifications/service.ts';
import { sharingPolicy } from '../policy.ts';
import * as repo from './repository.ts';
import { narrowScope, type Scope } from './rules.ts';

const pending: ApplicationStatus[] = ['pending_provider', 'pending_center'];

/**
 * Deciding (审批): the providing department, then the center, approve (maybe narrowing) or reject with a reason;
 * the center's approval creates the grant in the same transaction. The applicant may withdraw while pending.
 * Each step moves the application only from the status it was read in, so a second decision gets a 409.
 */
export function createDecideService(deps: SharingDeps & { notifications: NotificationService }) {
  const { audit, notifications } = deps;
  const db = deps.database.db;

  async function load(id: number) {
    const row = await repo.findApplication(db, id);
    if (!row) throw new NotFoundError('application', id);
    return row;
  }

  /** Refuses (and audits) a caller the route's role check let in. */
  const refuse = (ctx: Ctx, row: repo.ApplicationRow, code: string): Promise<never> =>
    audit.deny(
      ctx,
      { targetType: 'application', targetId: row.id, detail: { code, status: row.status } },
      new ForbiddenError(code, 'You may not do this with the application'),
    );

  const notPending = (row: repo.ApplicationRow) =>
    new ConflictError('application_not_pending', `Application ${row.id} is ${row.status}`, {
      id: row.id,
      status: row.status,
    });

  /** What the stage before this one left: the application as asked, or as the provider approved it. */
  async function previousScope(row: repo.ApplicationRow): Promise<Scope> {
    if (row.status === 'pending_provider')
      return { items: row.items, rawItems: row.rawItems, rowFilter: row.rowFilter };
    const approved = (await repo.findDecisions(db, row.id)).filter(
      (d) => d.stage === 'provider' && d.decision === 'approved',
    );
    return { items: approved.at(-1)?.items ?? row.items, rawItems: row.rawItems, rowFilter: row.rowFilter };
  }

  /**
   * The department the decision is made for when the decider does not belong to it (an administrator at the
   * provider stage): the decision must name it, so acting for a department is never implicit; null otherwise.
   */
  function checkOnBehalfOf(
    ctx: Ctx,
    row: repo.ApplicationRow,
    input: DecisionInput,
    dir: Directory,
  ): number | null {
    const expected = sharingPolicy.actsOnBehalfOf(ctx.actor, row);
    if (input.onBehalfOf === expected || (expected === null && input.onBehalfOf === undefined))
      return expected;
    throw new InputError(
      expected === null ? 'not_on_behalf' : 'on_behalf_required',
      expected === null
        ? 'You decide as yourself: omit onBehalfOf'
        : `Deciding for department ${expected}: confirm it in onBehalfOf`,
      [{ field: 'onBehalfOf', reason: expected === null ? 'not_on_behalf' : 'on_behalf_required' }],
      { department: departmentName(dir, expected ?? row.providerDepartmentId) },
    );
  }

  return {
    /** Approves or rejects the stage the application waits at; returns its id. */
    async decide(ctx: Ctx, id: number, input: DecisionInput): Promise<number> {
      const row = await load(id);
      if (!pending.includes(row.status)) {
        if (!sharingPolicy.isApplicationParty(ctx.actor, row))
          await refuse(ctx, row, 'not_application_party');
        throw notPending(row);
      }
      const earlier = (await repo.findDeciders(db, [row.id])).get(row.id) ?? [];
      const refusal = sharingPolicy.decideRefusal(ctx.actor, row, earlier);
      if (refusal) await refuse(ctx, row, refusal);
      const stage = row.status === 'pending_provider' ? 'provider' : 'center';
      const reason = input.reason?.trim() || null;
      if (input.decision === 'reject' && !reason)
        throw new InputError('reason_required', 'A rejection needs a reason', [
          { field: 'reason', reason: 'reason_required' },
        ]);
      const dir = await loadDirectory(deps);
      const onBehalfOf = checkOnBehalfOf(ctx, row, input, dir);
      const resource = dir.resources.get(row.resourceId);
      if (!resource) throw new NotFoundError('resource', row.resourceId);
      const previous = await previousScope(row);
      const scope = input.decision === 'approve' ? narrowScope(resource, previous, input) : null;
      const next: ApplicationStatus = !scope
        ? 'rejected'
        : stage === 'provider'
          ? 'pending_center'
          : 'approved';
      // Read before the transaction: on PGlite a read outside it would wait for it to end.
      const centerApprovers = next === 'pending_center' ? await notifications.centerApprovers() : [];
      const params = {
        resource: resource.name,
        department: dir.departments.byId.get(row.applicantDepartmentId)?.name ?? '',
        stage,
        ...(reason && { reason }),
      };
      const moved = await db.transaction(async (tx) => {
        const updated = await repo.moveApplication(tx, id, [row.status], {
          status: next,
          ...(scope && { rawItems: scope.rawItems, rowFilter: scope.rowFilter }),
        });
        if (!updated) return undefined;
        await repo.insertDecision(tx, {
          applicationId: id,
          stage,
          decision: scope ? 'approved' : 'rejected',
          items: scope?.items ?? null,
          reason,
          decidedBy: ctx.actor!.username,
          onBehalfOf,
        });
        const narrowed = scope ? previous.items.filter((code) => !scope.items.includes(code)) : [];
        await audit.record(tx, ctx, {
          action: scope ? 'sharing.approve' : 'sharing.reject',
          targetType: 'application',
          targetId: id,
          detail: {
            stage,
            resource: resource.code,
            ...(onBehalfOf !== null && {
              onBehalfOf,
              onBehalfOfName: dir.departments.byId.get(onBehalfOf)?.name ?? '',
            }),
            ...(scope && {
              items: scope.items,
              rawItems: scope.rawItems,
              rowFilter: scope.rowFilter,
              narrowed,
            }),
            ...(reason && { reason }),
          },
        });
        const notices: Notice[] = [];
        const applicant = [row.applicantUserId];
        if (next === 'rejected')
          notices.push({ userIds: applicant, kind: 'application_rejected', applicationId: id, params });
        if (next === 'pending_center') {
          notices.push({ userIds: applicant, kind: 'application_forwarded', applicationId: id, params });
          notices.push({
            // Neither the applicant nor the provider stage's decider may decide the center stage.
            userIds: centerApprovers.filter((u) => u !== row.applicantUserId && u !== ctx.actor!.userId),
            kind: 'application_waiting',
            applicationId: id,
            params: { ...params, stage: 'center' },
          });
        }
        if (next === 'approved') {
          const grant = await issueGrant(tx, updated, scope!);
          await audit.record(tx, ctx, {
            action: 'sharing.grant_create',
            targetType: 'grant',
            targetId: grant.id,
            detail: {
              applicationId: id,
              resource: resource.code,
              items: grant.items,
              rawItems: grant.rawItems,
            },
          });
          notices.push({ userIds: applicant, kind: 'application_approved', applicationId: id, params });
        }
        await notifications.send(tx, notices);
        return updated;
      });
      if (!moved) throw notPending(await load(id));
      return id;
    },

    /** The applicant withdraws a pending application. */
    async withdraw(ctx: Ctx, id: number, reason?: string): Promise<number> {
      const row = await load(id);
      if (!sharingPolicy.isApplicant(ctx.actor, row))
        await refuse(
          ctx,
          row,
          sharingPolicy.isApplicationParty(ctx.actor, row) ? 'not_applicant' : 'not_application_party',
        );
      const moved = await db.transaction(async (tx) => {
        const updated = await repo.moveApplication(tx, id, pending, { status: 'withdrawn' });
        if (!updated) return undefined;
        await repo.insertDecision(tx, {
          applicationId: id,
          stage: 'applicant',
          decision: 'withdrawn',
          items: null,
          reason: reason?.trim() || null,
          decidedBy: ctx.actor!.username,
        });
        await audit.record(tx, ctx, {
          action: 'sharing.withdraw',
          targetType: 'application',
          targetId: id,
          detail: { from: row.status },
        });
        return updated;
      });
      if (!moved) throw notPending(await load(id));
      return id;
    },
  };
}
