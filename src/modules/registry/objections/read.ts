import { type Ctx, lookupCtx } from '../../../core/context.ts';
import { ForbiddenError } from '../../../core/errors.ts';
import { type RawViews, rawReasonOf } from '../../../core/raw-views.ts';
import { registryPolicy } from '../policy.ts';
import { visibilityFor } from '../visibility.ts';
import type { ObjectionDetail, ObjectionQuery, ObjectionStatus, ObjectionViewQuery } from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';
import { abilities, detail, loadObjection, type ObjectionDeps, refuse, toViews } from './views.ts';

/**
 * One objection with its timeline, for its parties and center staff. Masked unless asked raw with a reason
 * (400 without one) by a party that may see it raw; a raw view is audited once, with its reason. The raising
 * department always sees the value it proposed, which it wrote itself.
 */
export async function readObjection(
  deps: ObjectionDeps,
  rawViews: RawViews,
  ctx: Ctx,
  id: number,
  q: ObjectionViewQuery,
): Promise<ObjectionDetail> {
  const reason = rawReasonOf(q);
  const row = await loadObjection(deps, id);
  if (!abilities(ctx, row).comment)
    await refuse(deps, ctx, row, 'not_objection_party', 'Not an objection of your department');
  const raw = reason !== null && abilities(ctx, row).seesRaw;
  const shown = await detail(deps, ctx, row, raw);
  const resource = await deps.catalog.get(lookupCtx, row.registry);
  const personal = visibilityFor(ctx, resource, false);
  const who = ctx.actor?.username ?? 'anonymous';
  if (
    raw &&
    (personal.personal.includes(row.item) || personal.key(row.key) !== row.key) &&
    rawViews.first(who, JSON.stringify(['objection', id]), reason)
  )
    await deps.audit.recordNow(ctx, {
      action: 'data.read_personal',
      targetType: 'objection',
      targetId: id,
      detail: { registry: row.registry, item: row.item, reason },
    });
  return shown;
}

/**
 * A page of objections, newest first, always masked (the detail unmasks for those who may): those the
 * caller's department raised or was sent, or all of them for center staff.
 */
export async function listObjections(deps: ObjectionDeps, ctx: Ctx, q: ObjectionQuery) {
  const all = registryPolicy.seesAllObjections(ctx.actor);
  const scope = q.scope ?? (all ? 'all' : 'raised');
  if (scope === 'all' && !all) {
    await deps.audit.deny(
      ctx,
      { targetType: 'objection', detail: { scope } },
      new ForbiddenError('objections_all_for_stewards', 'Only stewards see all objections'),
    );
  }
  const department = ctx.actor?.departmentId ?? null;
  if (scope !== 'all' && department === null) return { items: [], total: 0 };
  const { items, total } = await repo.findObjections(deps.database.db, {
    status: q.status as ObjectionStatus | undefined,
    registry: q.registry,
    ...(scope === 'raised' && { raisedBy: department! }),
    ...(scope === 'assigned' && { assignedTo: department! }),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: await toViews(deps, ctx, items, () => false), total };
}

/**
 * The objections the signed-in resident raised on one of their entries (their person, or a company they
 * represent), newest first, with the source department's answers; unmasked, as the values are theirs. The caller
 * names the entry it has checked is theirs.
 */
export async function listResidentObjections(
  deps: ObjectionDeps,
  ctx: Ctx,
  entry: { registry: string; key: string },
) {
  if (!registryPolicy.isResident(ctx.actor)) return [];
  const rows = await repo.findResidentObjections(deps.database.db, {
    raisedBy: ctx.actor!.username,
    ...entry,
    limit: 200,
  });
  return toViews(deps, ctx, rows, (row) => abilities(ctx, row).seesRaw);
}
