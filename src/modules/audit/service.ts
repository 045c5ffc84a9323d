import type { Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import type { ForbiddenError } from '../../core/errors.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import {
  type AuditKey,
  appendCheckpointLog,
  auditKey,
  CHECKPOINT_LOG,
  type Checkpoint,
  checkpointSigned,
  readAuditKey,
  readCheckpointLog,
  signCheckpoint,
} from './checkpoints.ts';
import type { AuditEntry, AuditQuery, VerifyResult } from './contract.ts';
import * as repo from './repository.ts';
import { createTargetNames, type TargetNamer } from './target-names.ts';

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
export function createAuditService(deps: { db: Db; dataDir: string }) {
  const targetNames = createTargetNames();
  /** Signs the head and stores the checkpoint in the data directory's log and the database; skips an unmoved head. */
  async function writeCheckpoint(head: { count: number; headId: number; headHash: string }) {
    const newest = await repo.newestCheckpoint(deps.db);
    if (newest && newest.count === head.count && newest.headHash === head.headHash) return null;
    const c = signCheckpoint(head, auditKey(deps.dataDir));
    // The file first: it is the copy out of a database superuser's reach.
    appendCheckpointLog(deps.dataDir, c);
    await repo.insertCheckpoint(deps.db, c);
    return c;
  }

  /**
   * The checkpoints of the data directory's log and the database, each once, that carry the audit key's
   * signature; `forged` describes the first that does not (or a line of the log that is not a checkpoint).
   */
  async function loadCheckpoints(key: AuditKey | null) {
    const anchors: Checkpoint[] = [];
    let forged: string | null = null;
    const seen = new Set<string>();
    const fromFile = readCheckpointLog(deps.dataDir).map(({ line, checkpoint }) => ({
      c: checkpoint,
      where: `${CHECKPOINT_LOG} line ${line}`,
    }));
    const fromDb = (await repo.allCheckpoints(deps.db)).map((c) => ({
      c,
      where: 'audit_anchor.checkpoints',
    }));
    for (const { c, where } of [...fromFile, ...fromDb]) {
      if (!c) {
        forged ??= `${where} is not a checkpoint (the log was edited)`;
        continue;
      }
      // The same checkpoint is in both places; an altered copy differs in some field and is checked on its own.
      const identity = JSON.stringify([c.count, c.headId, c.headHash, c.at, c.keyId, c.signature]);
      if (seen.has(identity)) continue;
      seen.add(identity);
      if (key && checkpointSigned(c, key)) anchors.push(c);
      else
        forged ??=
          key && c.keyId === key.keyId
            ? `the checkpoint of ${c.at} (${c.count} entries) in ${where} does not carry the audit key's signature: it was forged or altered`
            : `the checkpoint of ${c.at} in ${where} was signed by key ${c.keyId}, not by this data directory's audit key ${key?.keyId ?? '(none)'}: run with the server's data directory`;
    }
    return { anchors, forged };
  }

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

    /**
     * Records several events, each with the context it happened in, in their order, as one append to the chain.
     * Pass the transaction of the writes they describe.
     */
    recordMany(db: Db, entries: { ctx: Ctx; event: AuditEvent }[]): Promise<number[]> {
      const at = new Date();
      return repo.appendEntries(
        db,
        entries.map(({ ctx, event }) => ({
          at,
          actorId: ctx.actor?.userId || null,
          actorName: ctx.actor?.username ?? 'anonymous',
          action: event.action,
          targetType: event.targetType ?? null,
          targetId: event.targetId === undefined ? null : String(event.targetId),
          outcome: event.outcome ?? 'ok',
          clientIp: ctx.ip,
          detail: event.detail ?? {},
        })),
      );
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

    /** Lets the module owning targets of `targetType` name them on the audit page (see target-names.ts). */
    nameTargets(targetType: string, namer: TargetNamer) {
      targetNames.register(targetType, namer);
    },

    /** One page of the log, newest first unless asked otherwise, each target with its name where known. */
    async list(_ctx: Ctx, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
      const { items, total } = await repo.findEntries(deps.db, q);
      const named = await targetNames.name(
        items.map(({ prevHash: _, ...e }) => ({ ...e, at: e.at.toISOString() })),
      );
      return { items: named, total };
    },

    /** Action names seen so far. */
    actions: () => repo.distinctActions(deps.db),

    /** Events of one action on one target, tallied entries counted by their `detail.count`. */
    countEvents: (action: string, targetType: string, targetId: string) =>
      repo.countEvents(deps.db, action, targetType, targetId),

    /** Events of one action per target id, tallied entries counted by their `detail.count` (open-data figures). */
    countEventsByTarget: (action: string) => repo.countEventsByTarget(deps.db, action),

    /** Entry count, for the home page. */
    count: () => repo.countEntries(deps.db),

    /**
     * Anchors the chain's head outside the entries table: a signed checkpoint in the data directory's log and in
     * the database. Run on a schedule by the server; returns the checkpoint, or null when the log is empty or the
     * head has not moved since the last one.
     */
    async checkpoint(): Promise<Checkpoint | null> {
      const head = await repo.chainHead(deps.db);
      return head ? writeCheckpoint(head) : null;
    },

    /**
     * Walks the whole chain; the first entry whose links or hash do not match is named. Then every checkpoint
     * (from the data directory's log and the database) must carry the audit key's signature and still be in the
     * chain: fewer entries than a checkpoint counted means the newest were deleted. An intact chain is checkpointed.
     */
    async verify(): Promise<VerifyResult> {
      const key = readAuditKey(deps.dataDir);
      const { anchors, forged } = await loadCheckpoints(key);
      const byCount = new Map<number, Checkpoint[]>();
      for (const c of anchors) byCount.set(c.count, [...(byCount.get(c.count) ?? []), c]);
      const base = { truncatedAfter: null, checkpoints: anchors.length, publicKey: key?.publicKey ?? null };
      let prevHash = GENESIS_HASH;
      let lastId = 0;
      let checked = 0;
      for (;;) {
        const batch = await repo.entriesAfter(deps.db, lastId, 5000);
        if (batch.length === 0) break;
        for (const e of batch) {
          if (e.prevHash !== prevHash) {
            return {
              ...base,
              ok: false,
              checked,
              brokenAt: e.id,
              reason: 'previous hash does not match (an entry was removed or reordered)',
            };
          }
          if (entryHash(e) !== e.hash) {
            return {
              ...base,
              ok: false,
              checked,
              brokenAt: e.id,
              reason: 'content does not match its hash (the entry was edited)',
            };
          }
          prevHash = e.hash;
          lastId = e.id;
          checked++;
          const replaced = byCount.get(checked)?.find((c) => c.headHash !== e.hash);
          if (replaced) {
            return {
              ...base,
              ok: false,
              checked: checked - 1,
              brokenAt: e.id,
              reason: `entry number ${checked} is not the one the checkpoint of ${replaced.at} vouches for (entry ${replaced.headId}): entries were deleted and others written in their place`,
            };
          }
        }
      }
      const longest = anchors.reduce<Checkpoint | null>((a, c) => (!a || c.count > a.count ? c : a), null);
      if (longest && longest.count > checked) {
        return {
          ...base,
          ok: false,
          checked,
          brokenAt: null,
          truncatedAfter: lastId,
          reason: `truncated after entry ${lastId}: the checkpoint of ${longest.at} vouches for ${longest.count} entries up to entry ${longest.headId}, the log has ${checked} (the newest entries were deleted)`,
        };
      }
      if (forged) return { ...base, ok: false, checked, brokenAt: null, reason: forged };
      if (checked > 0) await writeCheckpoint({ count: checked, headId: lastId, headHash: prevHash });
      return { ...base, ok: true, checked, brokenAt: null, reason: null };
    },
  };
}
