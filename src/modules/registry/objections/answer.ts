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

/**
 * The source department (or a steward) accepts an open objection (the fix is theirs to deliver next time) or
 * rejects it, with its answer.
 */
export async function answerObjection(
  deps: ObjectionDeps,
  ctx: Ctx,
  id: number,
  verdict: 'accepted' | 'rejected',
  text: string,
): Promise<ObjectionDetail> {
  const row = await loadObjection(deps, id);
  if (!abilities(ctx, row).isSource)
    await refuse(deps, ctx, row, 'not_objection_source', 'Only the source department may answer');
  // Read before the transaction: on PGlite a read outside it would wait for it to end.
  const audited = await auditDetail(deps, ctx, row);
  const moved = await deps.database.db.transaction(async (tx) => {
    const next = await repo.moveObjection(tx, id, ['open'], {
      status: verdict,
      answer: text,
      answeredBy: ctx.actor!.username,
      answeredAt: new Date(),
    });
    if (!next) return undefined;
    await repo.insertEvent(tx, {
      objectionId: id,
      action: verdict,
      actor: ctx.actor!.username,
      note: text,
    });
    await deps.audit.record(tx, ctx, {
      action: verdict === 'accepted' ? 'registry.objection_accept' : 'registry.objection_reject',
      targetType: 'objection',
      targetId: id,
      detail: audited,
    });
    return next;
  });
  if (!moved) throw notInState('objection_not_open', await loadObjection(deps, id));
  return detail(deps, ctx, moved);
}
