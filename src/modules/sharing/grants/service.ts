import { type Ctx, lookupCtx } from '../../../core/context.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import { findApplication } from '../applications/repository.ts';
import type { GrantDetail, GrantPage, GrantQuery, GrantScope, LimitsInput } from '../contract.ts';
import { type Directory, itemsOf, loadDirectory, type SharingDeps } from '../directory.ts';
import type { NotificationService } from '../notifications/service.ts';
import { sharingPolicy } from '../policy.ts';
import * as repo from './repository.ts';
import { grantProvider, toGrant } from './views.ts';

/**
 * Grants (授权): what approved applications allow. The consumer department sees its own, the providing department
 * those on its resources, the center all. Revoking (center or provider, with a reason) takes effect at once;
 * expiry needs no job, since every check compares expiresAt with now.
 */
export function createGrantService(
  deps: SharingDeps & { notifications: NotificationService; credentialsChanged: () => void },
) {
  const { audit, catalog, notifications } = deps;
  const db = deps.database.db;

  /** A grant the caller may see, with the directory its view needs; others are refused and audited. */
  async function loadVisible(ctx: Ctx, id: number) {
    const row = await repo.findGrant(db, id);
    if (!row) throw new NotFoundError('grant', id);
    const dir = await loadDirectory(deps);
    if (!sharingPolicy.isGrantParty(ctx.actor, row, grantProvider(dir, row)))
      await audit.deny(
        ctx,
        { targetType: 'grant', targetId: id, detail: { code: 'not_grant_party' } },
        new ForbiddenError('not_grant_party', 'Not a grant of your department'),
      );
    return { row, dir };
  }

  const detailOf = (ctx: Ctx, dir: Directory, row: repo.GrantRow): GrantDetail => ({
    ...toGrant(ctx, dir, row),
    resourceItems: itemsOf(dir.resources.get(row.resourceId)),
  });

  return {
    /** A page of grants in the scope asked (by default: all for the center, else the department's own). */
    async list(ctx: Ctx, q: GrantQuery): Promise<GrantPage> {
      const center = sharingPolicy.isCenter(ctx.actor);
      const scope: GrantScope = q.scope ?? (center ? 'all' : 'consumer');
      if (scope === 'all' && !center)
        await audit.deny(
          ctx,
          { targetType: 'grant', detail: { scope } },
          new ForbiddenError('grants_all_for_center', 'Only the center sees all grants'),
        );
      const department = ctx.actor?.departmentId ?? null;
      if (scope !== 'all' && department === null) return { items: [], total: 0 };
      const dir = await loadDirectory(deps);
      let resourceIds: number[] | undefined;
      if (scope === 'provider')
        resourceIds = [...dir.resources.values()]
          .filter((r) => r.providerDepartmentId === department)
          .map((r) => r.id);
      if (q.resource) {
        const named = await catalog.get(lookupCtx, q.resource).catch(() => undefined);
        const ids = named ? [named.id] : [];
        resourceIds = resourceIds ? resourceIds.filter((id) => ids.includes(id)) : ids;
      }
      const now = new Date();
      const { items, total } = await repo.findGrants(db, {
        ...(scope === 'consumer' && { consumerDepartmentId: department! }),
        resourceIds,
        status: q.status,
        now,
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: items.map((row) => toGrant(ctx, dir, row, now)), total };
    },

    /** One grant, for its consumer, its provider and the center. */
    async get(ctx: Ctx, id: number): Promise<GrantDetail> {
      const { row, dir } = await loadVisible(ctx, id);
      return detailOf(ctx, dir, row);
    },

    /** Revokes a grant at once (the center or the providing department, with a reason); the consumer is told. */
    async revoke(ctx: Ctx, id: number, reason: string): Promise<GrantDetail> {
      const { row, dir } = await loadVisible(ctx, id);
      if (!sharingPolicy.mayRevokeGrant(ctx.actor, grantProvider(dir, row)))
        await audit.deny(
          ctx,
          { targetType: 'grant', targetId: id, detail: { code: 'not_grant_revoker' } },
          new ForbiddenError('not_grant_revoker', 'Only the center or the provider revokes'),
        );
      const resource = dir.resources.get(row.resourceId);
      const application = await findApplication(db, row.applicationId);
      const revoked = await db.transaction(async (tx) => {
        const done = await repo.revokeGrant(tx, id, ctx.actor!.username, reason, new Date());
        if (!done) return undefined;
        await audit.record(tx, ctx, {
          action: 'sharing.grant_revoke',
          targetType: 'grant',
          targetId: id,
          detail: {
            resource: resource?.code ?? row.resourceId,
            consumerDepartmentId: row.consumerDepartmentId,
            reason,
          },
        });
        if (application)
          await notifications.send(tx, [
            {
              userIds: [application.applicantUserId],
              kind: 'grant_revoked',
              applicationId: application.id,
              params: { resource: resource?.name ?? String(row.resourceId), reason, grantId: id },
            },
          ]);
        return done;
      });
      deps.credentialsChanged();
      if (!revoked) throw new ConflictError('grant_already_revoked', `Grant ${id} is revoked`, { id });
      return detailOf(ctx, dir, revoked);
    },

    /** Changes a grant's rate limit and daily quota (center staff). */
    async setLimits(ctx: Ctx, id: number, input: LimitsInput): Promise<GrantDetail> {
      const { row, dir } = await loadVisible(ctx, id);
      if (input.ratePerMinute === undefined && input.dailyQuota === undefined)
        throw new InputError('limits_empty', 'Nothing to change', [
          { field: 'ratePerMinute', reason: 'limits_empty' },
        ]);
      const updated = await db.transaction(async (tx) => {
        const next = await repo.updateGrantLimits(tx, id, input);
        await audit.record(tx, ctx, {
          action: 'sharing.grant_limits',
          targetType: 'grant',
          targetId: id,
          detail: {
            from: { ratePerMinute: row.ratePerMinute, dailyQuota: row.dailyQuota },
            to: { ratePerMinute: next!.ratePerMinute, dailyQuota: next!.dailyQuota },
          },
        });
        return next!;
      });
      deps.credentialsChanged();
      return detailOf(ctx, dir, updated);
    },
  };
}

export type GrantService = ReturnType<typeof createGrantService>;
