import type { Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import type { ForbiddenError } from '../../core/errors.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import type { AuditEntry, AuditQuery, VerifyResult } from './contract.ts';
import * as repo from './repository.ts';

/** What happened, for one audit entry. */
export type AuditEvent = {
  action: string;
  targetType?: string;
  targetId?: string | number;
  outcome?: 'ok' | 'denied' | 'failed';
  detail?: Record<string, unknown>;
};

export type AuditService = ReturnType<typeof createAuditService>;

/** Writing, listing and verifying the audit log. */
export function createAuditService(deps: { db: Db }) {
  return {
    /**
     * Records an event. Pass the transaction of the write it describes, so both commit or neither does.
     */
    record(db: Db, ctx: Ctx, event: AuditEvent): Promise<number> {
      return repo.appendEntry(db, {
        at: new Date(),
        actorId: ctx.actor?.userId || null,
        actorName: ctx.actor?.username ?? 'anonymous',
        action: event.action,
        targetType: event.targetType ?? null,
        targetId: event.targetId === undefined ? null : String(event.targetId),
        outcome: event.outcome ?? 'ok',
        clientIp: ctx.ip,
        detail: event.detail ?? {},
      });
    },

    /** Records an event on its own, outside any business transaction (sign-ins, refusals). */
    recordNow(ctx: Ctx, event: AuditEvent): Promise<number> {
      return this.record(deps.db, ctx, event);
    },

    /**
     * Records a refusal (`access.denied`) of what the route's role check let through, then throws `error`.
     */
    async deny(
      ctx: Ctx,
      target: Omit<AuditEvent, 'action' | 'outcome'>,
      error: ForbiddenError,
    ): Promise<never> {
      await this.recordNow(ctx, { action: 'access.denied', ...target, outcome: 'denied' });
      throw error;
    },

    /** One page of the log, newest first unless asked otherwise. */
    async list(_ctx: Ctx, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
      const { items, total } = await repo.findEntries(deps.db, q);
      return { items: items.map(({ prevHash: _, ...e }) => ({ ...e, at: e.at.toISOString() })), total };
    },

    /** Action names seen so far. */
    actions: () => repo.distinctActions(deps.db),

    /** Entry count, for the home page. */
    count: () => repo.countEntries(deps.db),

    /** Walks the whole chain; the first entry whose links or hash do not match is named. */
    async verify(): Promise<VerifyResult> {
      let prevHash = GENESIS_HASH;
      let lastId = 0;
      let checked = 0;
      for (;;) {
        const batch = await repo.entriesAfter(deps.db, lastId, 5000);
        if (batch.length === 0) return { ok: true, checked, brokenAt: null, reason: null };
        for (const e of batch) {
          if (e.prevHash !== prevHash) {
            return {
              ok: false,
              checked,
              brokenAt: e.id,
              reason: 'previous hash does not match (an entry was removed or reordered)',
            };
          }
          if (entryHash(e) !== e.hash) {
            return {
              ok: false,
              checked,
              brokenAt: e.id,
              reason: 'content does not match its hash (the entry was edited)',
            };
          }
          prevHash = e.hash;
          lastId = e.id;
          checked++;
        }
      }
    },
  };
}
