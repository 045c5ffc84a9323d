/**
 * What sign-in keeps in memory: lockouts per (user name, client address), and the tally of refused sign-ins
 * with unknown user names, per address and minute.
 *
 * A lockout holds one address only, so nobody can keep `admin` locked from elsewhere; the route limits
 * (rate-limit.ts) slow spraying across accounts and addresses. Both maps are bounded; state is per process
 * (docs/architecture.md, "Limits").
 */

const MAX_KEYS = 10_000;

type Lock = { failures: number; lockedUntil: number };

/** Lockouts of (user name, address) after `maxFailures` failures in a row, for `lockoutMs`. */
export function createLoginLocks(maxFailures: number, lockoutMs: number) {
  const locks = new Map<string, Lock>();
  const keyOf = (username: string, address: string) => `${username}\u0000${address}`;

  function makeRoom(t: number) {
    for (const [key, lock] of locks) {
      if (locks.size < MAX_KEYS) return;
      if (lock.lockedUntil <= t) locks.delete(key);
    }
    for (const key of locks.keys()) {
      if (locks.size < MAX_KEYS) return;
      locks.delete(key);
    }
  }

  return {
    /** When `username` is locked for `address` at `t`, the end of the lock; else null. */
    lockedUntil(username: string, address: string, t: number): number | null {
      const lock = locks.get(keyOf(username, address));
      return lock && lock.lockedUntil > t ? lock.lockedUntil : null;
    },
    /** Counts a failure; returns the end of the lock it starts, or null when it starts none. */
    fail(username: string, address: string, t: number): { failures: number; lockedUntil: number | null } {
      const key = keyOf(username, address);
      const lock = locks.get(key) ?? { failures: 0, lockedUntil: 0 };
      locks.delete(key); // re-added last: the map's order is last-use order, oldest evicted first
      lock.failures++;
      let started: number | null = null;
      if (lock.failures >= maxFailures) {
        started = t + lockoutMs;
        lock.lockedUntil = started;
        lock.failures = 0;
      }
      if (locks.size >= MAX_KEYS) makeRoom(t);
      locks.set(key, lock);
      return { failures: started ? maxFailures : lock.failures, lockedUntil: started };
    },
    /** A sign-in succeeded: the count starts again. */
    succeed(username: string, address: string) {
      locks.delete(keyOf(username, address));
    },
    /** An admin lifted the user's lockouts, for every address. */
    clear(username: string) {
      const prefix = `${username}\u0000`;
      for (const key of [...locks.keys()]) if (key.startsWith(prefix)) locks.delete(key);
    },
  };
}

export type LoginLocks = ReturnType<typeof createLoginLocks>;

/**
 * Refused sign-ins with user names nobody has, counted per address and minute: the audit log gets one entry
 * per address and minute with the count instead of one per attempt. `take` hands over the minutes that ended.
 */
export function createRefusalTally() {
  const counts = new Map<string, { address: string; minute: number; attempts: number }>();
  return {
    /** Counts one refusal from `address` at `t`. */
    add(address: string, t: number) {
      const minute = Math.floor(t / 60_000) * 60_000;
      const key = `${address}\u0000${minute}`;
      const entry = counts.get(key);
      if (entry) entry.attempts++;
      else counts.set(key, { address, minute, attempts: 1 });
    },
    /** Removes and returns the tallies of minutes ended by `t` (every tally when `all`, or when too many). */
    take(t: number, all = false) {
      const done = [];
      const flushAll = all || counts.size >= MAX_KEYS;
      for (const [key, entry] of counts)
        if (flushAll || entry.minute + 60_000 <= t) {
          done.push(entry);
          counts.delete(key);
        }
      return done;
    },
  };
}
