import type { Ctx } from '../../../core/context.ts';
import type { ObjectionDetail } from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';
import { abilities, auditDetail, detail, loadObjection, type ObjectionDeps, refuse } from './views.ts';

/** Adds a comment to an objection's timeline: any party, at any time. */
export async function commentOnObjection(
  deps: ObjectionDeps,
  ctx: Ctx,
  id: number,
  note: string,
): Promise<ObjectionDetail> {
  const row = await loadObjection(deps, id);
  if (!abilities(ctx, row).comment)
    await refuse(deps, ctx, row, 'not_objection_party', 'Not an objection of your department');
  const audited = await auditDetail(deps, ctx, row);
  await deps.database.db.transaction(async (tx) => {
    await repo.insertEvent(tx, {
      objectionId: id,
      action: 'commented',
      actor: ctx.actor!.username,
      note,
    });
    await deps.audit.record(tx, ctx, {
      action: 'registry.objection_comment',
      targetType: 'objection',
      targetId: id,
      detail: audited,
    });
  });
  return detail(deps, ctx, row);
}
