import { DomainError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import type { UsageDelta } from './repository.ts';

/** A refusal of the sharing API that tells the caller when to try again (the Retry-After header). */
export class RetryLaterError extends DomainError {
  readonly retryAfter: number;
  constructor(code: 'rate_limited' | 'over_quota', limit: number, retryAfter: number) {
    super(429, code, code === 'rate_limited' ? 'Rate limit reached' : 'Daily quota used up', {
      limit,
      retryAfter,
    });
    this.retryAfter = retryAfter;
  }
}

/** The start (ms) of the minute and of the Asia/Shanghai day that `now` falls in: a grant's usage windows. */
export function windowsAt(now: Date): { minute: number; day: number } {
  const ms = now.getTime();
  return {
    minute: ms - (ms % 60_000),
    day: Date.parse(`${todayInShanghai(now)}T00:00:00+08:00`),
  };
}

const keyOf = (grantId: number, period: 'day' | 'minute', startsAt: number) =>
  `${grantId}|${period}|${startsAt}`;

/**
 * Rate limit (calls a minute) and daily quota of each grant, checked before a call is served.
 *
 * The count of a window is what the last flush of this process read back from sharing.usage (every process's
 * calls flushed by then) plus the calls this process has counted since and not yet flushed. Calls other processes
 * made after this process's last flush are not seen until its next one: with N processes a grant can go over its
 * limit by at most what the other processes serve in one flush interval (a few milliseconds under load, nothing when
 * idle). That is the price of not reading the counters on every call; the counters themselves are exact.
 */
export function createShareLimits(
  load: (grantId: number, starts: { day: number; minute: number }) => Promise<UsageDelta[]>,
) {
  /** Window totals as the database last returned them. */
  const flushed = new Map<string, number>();
  /** Calls counted by this process and not flushed yet. */
  const queued = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => {
    const next = (map.get(key) ?? 0) + n;
    if (next === 0) map.delete(key);
    else map.set(key, next);
  };
  const countOf = (key: string) => (flushed.get(key) ?? 0) + (queued.get(key) ?? 0);

  return {
    /**
     * Reads a grant's current windows from the database when this process knows nothing of them yet (its first
     * call in this minute), so a restarted or new process does not start from zero.
     */
    async prime(grantId: number, now: Date) {
      const starts = windowsAt(now);
      if (flushed.has(keyOf(grantId, 'minute', starts.minute))) return;
      const stored = await load(grantId, starts);
      const found = new Map(stored.map((w) => [keyOf(grantId, w.period, w.startsAt), w.calls]));
      for (const [period, startsAt] of [
        ['minute', starts.minute],
        ['day', starts.day],
      ] as const) {
        const key = keyOf(grantId, period, startsAt);
        // A flush that finished meanwhile knows better.
        if (!flushed.has(key)) flushed.set(key, found.get(key) ?? 0);
      }
    },

    /**
     * Counts a call of the grant if it is within the daily quota and the rate limit, and returns the windows it was
     * counted in (for the flush); throws over_quota or rate_limited (429) otherwise, counting nothing.
     */
    reserve(grant: { grantId: number; ratePerMinute: number; dailyQuota: number }, now: Date): UsageDelta[] {
      const starts = windowsAt(now);
      const dayKey = keyOf(grant.grantId, 'day', starts.day);
      const minuteKey = keyOf(grant.grantId, 'minute', starts.minute);
      if (countOf(dayKey) >= grant.dailyQuota) {
        const midnight = starts.day + 86_400_000;
        throw new RetryLaterError(
          'over_quota',
          grant.dailyQuota,
          Math.ceil((midnight - now.getTime()) / 1000),
        );
      }
      if (countOf(minuteKey) >= grant.ratePerMinute) {
        const next = starts.minute + 60_000;
        throw new RetryLaterError(
          'rate_limited',
          grant.ratePerMinute,
          Math.max(1, Math.ceil((next - now.getTime()) / 1000)),
        );
      }
      add(queued, dayKey, 1);
      add(queued, minuteKey, 1);
      return [
        { grantId: grant.grantId, period: 'day', startsAt: starts.day, calls: 1 },
        { grantId: grant.grantId, period: 'minute', startsAt: starts.minute, calls: 1 },
      ];
    },

    /**
     * After a flush: the calls it wrote leave the queue and the windows take the totals the database returned.
     * `totals` is undefined when the flush failed (those calls were not served and count for nothing).
     */
    settle(written: UsageDelta[], totals: UsageDelta[] | undefined, now = new Date()) {
      for (const d of written) add(queued, keyOf(d.grantId, d.period, d.startsAt), -d.calls);
      for (const t of totals ?? []) flushed.set(keyOf(t.grantId, t.period, t.startsAt), t.calls);
      // Windows long past are never asked about again.
      const { minute, day } = windowsAt(now);
      for (const key of flushed.keys()) {
        const [, period, startsAt] = key.split('|');
        if (Number(startsAt) < (period === 'minute' ? minute - 60_000 : day - 86_400_000))
          flushed.delete(key);
      }
    },

    /** Sums deltas by window, so each window is upserted once per flush. */
    merge(deltas: UsageDelta[]): UsageDelta[] {
      const sums = new Map<string, UsageDelta>();
      for (const d of deltas) {
        const key = keyOf(d.grantId, d.period, d.startsAt);
        const sum = sums.get(key);
        if (sum) sum.calls += d.calls;
        else sums.set(key, { ...d });
      }
      return [...sums.values()];
    },
  };
}

export type ShareLimits = ReturnType<typeof createShareLimits>;
