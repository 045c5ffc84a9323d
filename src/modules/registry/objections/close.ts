import type { Ctx } from '../../../core/context.ts';
import type { ObjectionDetail } from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';
import {
  abilities,
  auditDetail,
  detail,
  loadObjection,
  notInState,
  type ObjectionDeps,
  refuse,
} from './views.ts';

/** The raising department (or a steward) closes an answered objection. */
export async function closeObjection(
  deps: ObjectionDeps,
  ctx: Ctx,
  id: number,
  note?: string,
): Promise<ObjectionDetail> {
  const row = await loadObjection(deps, id);
  if (!abilities(ctx, row).isRaiser)
    await refuse(deps, ctx, row, 'not_objection_raiser', 'Only the raising department may close');
  const audited = await auditDetail(deps, ctx, row);
  const moved = await deps.database.db.transaction(async (tx) => {
    const next = await repo.moveObjection(tx, id, ['accepted', 'rejected'], {
      status: 'closed',
      closedBy: ctx.actor!.username,
      closedAt: new Date(),
    });
    if (!next) return undefined;
    await repo.insertEvent(tx, {
      objectionId: id,
      action: 'closed',
      actor: ctx.actor!.username,
      note: note || null,
    });
    await deps.audit.record(tx, ctx, {
      action: 'registry.objection_close',
      targetType: 'objection',
      targetId: id,
      detail: audited,
    });
    return next;
  });
  if (!moved) throw notInState('objection_not_answered', await loadObjection(deps, id));
  return detail(deps, ctx, moved);
}
