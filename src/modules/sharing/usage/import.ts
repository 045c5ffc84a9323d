/**
 * Importing past calls of a grant into the call log (历史调用记录导入): what a consumer's system called before its
 * calls were logged here, or the demo district's month of calls, so the usage statistics and their 30-day trends
 * show them. In-process callers only: no route offers it, since the times of what it writes are the caller's word.
 */
import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { InputError, NotFoundError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import type { AuditService } from '../../audit/index.ts';
import { findGrant } from '../grants/repository.ts';
import * as repo from './repository.ts';

/** A past call of a grant, as the call log would have recorded it (the grant says who called what). */
export type PastCall = {
  at: Date;
  endpoint: 'get' | 'list' | 'changes';
  /** The keys asked for (get) or the filter and cursor (list, changes), as sent. */
  query: Record<string, unknown> | null;
  rows: number;
  /** ok, or the refusal code. */
  outcome: string;
  status: number;
  ms: number | null;
  ip?: string | null;
};

/** What an import did: calls logged, calls left out (their day had calls of the grant already), days filled. */
export type CallsImported = { imported: number; skipped: number; days: number };

const OUTCOME = /^[a-z_]{1,40}$/;
const endpoints = new Set(['get', 'list', 'changes']);

/** A call the daily quota counted: served, or refused only after it was admitted (a get of a missing key). */
const counted = (c: PastCall) => c.outcome === 'ok' || c.status === 404;

/** Creates the import of past calls. */
export function createCallImport(deps: { database: Database; audit: AuditService }) {
  const db = deps.database.db;

  return {
    /**
     * Logs past calls of a grant, each within the grant's period (from its start to now, its expiry or its
     * revocation), and adds them to its daily usage windows. A day (Asia/Shanghai) on which the grant has logged
     * calls already is left as it is, so importing the same calls again adds nothing. One call out of the grant's
     * period or of an unknown shape refuses the whole import.
     */
    async importCalls(ctx: Ctx, grantId: number, calls: PastCall[]): Promise<CallsImported> {
      const grant = await findGrant(db, grantId);
      if (!grant) throw new NotFoundError('grant', grantId);
      const now = Date.now();
      const end = Math.min(now, grant.expiresAt.getTime(), grant.revokedAt?.getTime() ?? now);
      calls.forEach((c, i) => {
        const refuse = (field: string, reason: string): never => {
          throw new InputError('history_call_invalid', 'A past call is not valid', [
            { field: `calls.${i}.${field}`, reason },
          ]);
        };
        const at = c.at instanceof Date ? c.at.getTime() : Number.NaN;
        if (!(at >= grant.validFrom.getTime() && at <= end)) refuse('at', 'outside_grant_period');
        if (!endpoints.has(c.endpoint)) refuse('endpoint', 'invalid');
        if (!OUTCOME.test(c.outcome)) refuse('outcome', 'invalid');
        if (
          !Number.isInteger(c.status) ||
          c.status < 200 ||
          c.status > 599 ||
          (c.outcome === 'ok') !== (c.status === 200)
        )
          refuse('status', 'invalid');
        if (!Number.isInteger(c.rows) || c.rows < 0) refuse('rows', 'invalid');
      });
      if (!calls.length) return { imported: 0, skipped: 0, days: 0 };
      const since = new Date(
        calls.reduce((min, c) => Math.min(min, c.at.getTime()), Number.POSITIVE_INFINITY),
      );
      const logged = await repo.daysWithCalls(
        db,
        grantId,
        new Date(Date.parse(`${todayInShanghai(since)}T00:00:00+08:00`)),
      );
      const fresh = calls.filter((c) => !logged.has(todayInShanghai(c.at)));
      // Calls each day's quota window counted, for every day filled.
      const perDay = new Map<string, number>();
      for (const c of fresh) {
        const day = todayInShanghai(c.at);
        perDay.set(day, (perDay.get(day) ?? 0) + (counted(c) ? 1 : 0));
      }
      await db.transaction(async (tx) => {
        await repo.insertCalls(
          tx,
          fresh.map((c) => ({
            at: c.at,
            keyId: null,
            grantId,
            consumerDepartmentId: grant.consumerDepartmentId,
            resourceId: grant.resourceId,
            endpoint: c.endpoint,
            // The grant's items: what a call asking for no narrower set is answered with.
            items: grant.items,
            query: c.query,
            rows: c.rows,
            outcome: c.outcome,
            status: c.status,
            ms: c.ms,
            ip: c.ip ?? null,
          })),
        );
        await repo.addDailyUsage(
          tx,
          grantId,
          [...perDay]
            .filter(([, n]) => n > 0)
            .map(([day, n]) => ({ startsAt: new Date(`${day}T00:00:00+08:00`), calls: n })),
        );
        if (fresh.length)
          await deps.audit.record(tx, ctx, {
            action: 'sharing.calls_import',
            targetType: 'grant',
            targetId: grantId,
            detail: { calls: fresh.length, days: perDay.size, from: since.toISOString() },
          });
      });
      return { imported: fresh.length, skipped: calls.length - fresh.length, days: perDay.size };
    },
  };
}

export type CallImport = ReturnType<typeof createCallImport>;
