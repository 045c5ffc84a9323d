import { type Ctx, lookupCtx } from '../../../core/context.ts';
import { ForbiddenError, InputError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import type { ApplicationInput } from '../contract.ts';
import type { SharingDeps } from '../directory.ts';
import { issueGrant } from '../grants/issue.ts';
import type { NotificationService } from '../notifications/service.ts';
import { sharingPolicy } from '../policy.ts';
import * as repo from './repository.ts';
import { checkApplication } from './rules.ts';

/**
 * Applying (共享申请): a department asks for items of a resource. 不予共享 is refused citing its basis; 无条件共享 is
 * approved at once with its grant; 有条件共享 waits for the providing department, whose users are told.
 */
export function createApplyService(deps: SharingDeps & { notifications: NotificationService }) {
  const { audit, catalog, notifications } = deps;
  const db = deps.database.db;

  /** The department the application is for: one's own, or the one center staff name. */
  async function applicantDepartment(ctx: Ctx, input: ApplicationInput) {
    const own = ctx.actor?.departmentId ?? null;
    if (input.applicantDepartmentId !== undefined && input.applicantDepartmentId !== own) {
      if (!sharingPolicy.isCenter(ctx.actor))
        await audit.deny(
          ctx,
          { targetType: 'application', detail: { applicantDepartmentId: input.applicantDepartmentId } },
          new ForbiddenError('not_for_other_department', 'Department users apply for their own department'),
        );
      const directory = await deps.org.departmentDirectory();
      if (!directory.byId.has(input.applicantDepartmentId))
        throw new InputError(
          'unknown_department',
          'Unknown department',
          [{ field: 'applicantDepartmentId', reason: 'invalid' }],
          { department: input.applicantDepartmentId },
        );
      return input.applicantDepartmentId;
    }
    if (own === null)
      throw new InputError('no_applicant_department', 'No department to apply for', [
        { field: 'applicantDepartmentId', reason: 'required' },
      ]);
    return own;
  }

  return {
    /** Applies for a resource; returns the application's id (the read service shows it). */
    async apply(ctx: Ctx, input: ApplicationInput): Promise<number> {
      const resource = await catalog.get(lookupCtx, input.resource);
      if (resource.shareType === 'none')
        await audit.deny(
          ctx,
          { targetType: 'resource', targetId: resource.code, detail: { code: 'not_shareable' } },
          new ForbiddenError('not_shareable', 'This resource is not shared', {
            basis: resource.shareBasis ?? '—',
            resource: resource.code,
          }),
        );
      const applicantDepartmentId = await applicantDepartment(ctx, input);
      const asked = { ...input, items: [...new Set(input.items)], rawItems: [...new Set(input.rawItems)] };
      checkApplication(resource, asked, todayInShanghai());
      const automatic = resource.shareType === 'unconditional';
      // Read before the transaction: on PGlite a read outside it would wait for it to end.
      const approvers = automatic ? [] : await notifications.providerApprovers(resource.providerDepartmentId);
      const departments = await deps.org.departmentDirectory();
      return db.transaction(async (tx) => {
        const row = await repo.insertApplication(tx, {
          resourceId: resource.id,
          providerDepartmentId: resource.providerDepartmentId,
          applicantDepartmentId,
          applicantUserId: ctx.actor!.userId,
          applicantName: ctx.actor!.displayName,
          onBehalf: applicantDepartmentId !== (ctx.actor?.departmentId ?? null),
          purpose: asked.purpose,
          legalBasis: asked.legalBasis,
          // 无条件共享 has no approver to decide on raw personal items: they are served masked.
          items: asked.items,
          rawItems: automatic ? [] : asked.rawItems,
          rowFilter: asked.rowFilter,
          consumingSystem: asked.consumingSystem,
          periodFrom: asked.periodFrom,
          periodTo: asked.periodTo,
          expectedDailyCalls: asked.expectedDailyCalls,
          status: automatic ? 'approved' : 'pending_provider',
        });
        const detail = {
          resource: resource.code,
          applicantDepartmentId,
          // Center staff applying for a department they do not belong to: said in the entry, as in the request.
          ...(row.onBehalf && {
            onBehalfOf: applicantDepartmentId,
            onBehalfOfName: departments.byId.get(applicantDepartmentId)?.name ?? '',
          }),
          items: row.items,
          rawItems: row.rawItems,
          rowFilter: row.rowFilter,
          status: row.status,
        };
        await audit.record(tx, ctx, {
          action: 'sharing.apply',
          targetType: 'application',
          targetId: row.id,
          detail,
        });
        if (automatic) {
          await repo.insertDecision(tx, {
            applicationId: row.id,
            stage: 'auto',
            decision: 'approved',
            items: row.items,
            reason: null,
            decidedBy: 'system',
          });
          const grant = await issueGrant(tx, row, {
            items: row.items,
            rawItems: [],
            rowFilter: row.rowFilter,
          });
          await audit.record(tx, ctx, {
            action: 'sharing.grant_create',
            targetType: 'grant',
            targetId: grant.id,
            detail: { applicationId: row.id, resource: resource.code, items: grant.items, stage: 'auto' },
          });
        } else {
          await notifications.send(tx, [
            {
              // Not the applicant: they may not decide their own application.
              userIds: approvers.filter((id) => id !== ctx.actor!.userId),
              kind: 'application_waiting',
              applicationId: row.id,
              params: {
                resource: resource.name,
                department: departments.byId.get(applicantDepartmentId)?.name ?? '',
                stage: 'provider',
              },
            },
          ]);
        }
        return row.id;
      });
    },
  };
}
