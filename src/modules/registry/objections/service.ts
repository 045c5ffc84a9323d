import type { Ctx } from '../../../core/context.ts';
import { createRawViews } from '../../../core/raw-views.ts';
import { answerObjection } from './answer.ts';
import { closeObjection } from './close.ts';
import { commentOnObjection } from './comment.ts';
import type { ObjectionInput, ObjectionQuery, ObjectionViewQuery } from './contract.ts';
import { raiseObjection } from './raise.ts';
import { listObjections, listResidentObjections, readObjection } from './read.ts';
import type { ObjectionDeps } from './views.ts';

/**
 * Objections (数据纠错): a department, or a resident about their own entry, says a registry value is wrong; the department the value came from accepts
 * or rejects it with an answer; the raising department closes it. Accepting changes nothing in the registry by
 * itself: the fix arrives with the source department's next delivery. Every step is an event and is audited.
 * One file per use case (raise, answer, close, comment, read); this puts them together.
 */
export function createObjectionService(deps: ObjectionDeps) {
  const rawViews = createRawViews();
  return {
    /** Raises an objection on one item of an entity, open for the source's department to answer. */
    raise: (ctx: Ctx, input: ObjectionInput) => raiseObjection(deps, ctx, input),

    /** The source department (or a steward) accepts: the fix is theirs to deliver next time. */
    accept: (ctx: Ctx, id: number, text: string) => answerObjection(deps, ctx, id, 'accepted', text),

    /** The source department (or a steward) rejects, saying why. */
    reject: (ctx: Ctx, id: number, text: string) => answerObjection(deps, ctx, id, 'rejected', text),

    /** The raising department (or a steward) closes an answered objection. */
    close: (ctx: Ctx, id: number, note?: string) => closeObjection(deps, ctx, id, note),

    /** Adds a comment: any party, at any time. */
    comment: (ctx: Ctx, id: number, note: string) => commentOnObjection(deps, ctx, id, note),

    /** One objection with its timeline, for its parties and center staff; raw only when asked with a reason. */
    get: (ctx: Ctx, id: number, q: ObjectionViewQuery = {}) => readObjection(deps, rawViews, ctx, id, q),

    /** A resident's own objections on one of their entries (registry and key), newest first, unmasked. */
    listResident: (ctx: Ctx, entry: { registry: string; key: string }) =>
      listResidentObjections(deps, ctx, entry),

    /** A page of objections, newest first, always masked. */
    list: (ctx: Ctx, q: ObjectionQuery) => listObjections(deps, ctx, q),
  };
}

export type ObjectionService = ReturnType<typeof createObjectionService>;
