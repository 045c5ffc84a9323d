/**
 * What sign-in keeps in memory: lockouts per (user name, client address). The tally of refused sign-ins with
 * unknown user names, per address and minute, is core's minute-tally.ts.
 *
 * A lockout holds one address only, so nobody can keep `admin` locked from elsewhere; the route limits
 * (rate-limit.ts) slow spraying across accounts and addresses. The map is bounded; state is per process
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
