/**
 * Events counted per key and minute, so the audit log gets one entry per key and minute with the count instead
 * of one per event: what one anonymous client can write stays bounded. `take` hands over the minutes that ended;
 * callers write them at their next event, in housekeeping and at shutdown. State is per process, and bounded.
 */

const MAX_KEYS = 10_000;

/** One key's count in one minute (the minute's start, epoch ms). */
export type MinuteCount<K> = { key: K; minute: number; count: number };

/** A tally of events per key (an object of strings) and minute. */
export function createMinuteTally<K extends Record<string, string>>() {
  const counts = new Map<string, MinuteCount<K>>();
  return {
    /** Counts one event for `key` at `t`. */
    add(key: K, t: number) {
      const minute = Math.floor(t / 60_000) * 60_000;
      const id = JSON.stringify([key, minute]);
      const entry = counts.get(id);
      if (entry) entry.count++;
      else counts.set(id, { key, minute, count: 1 });
    },
    /** Removes and returns the tallies of minutes ended by `t` (every tally when `all`, or when too many). */
    take(t: number, all = false): MinuteCount<K>[] {
      const done: MinuteCount<K>[] = [];
      const flushAll = all || counts.size >= MAX_KEYS;
      for (const [id, entry] of counts)
        if (flushAll || entry.minute + 60_000 <= t) {
          done.push(entry);
          counts.delete(id);
        }
      return done;
    },
    /** The events counted and not yet taken whose key passes `match`. */
    pending(match: (key: K) => boolean) {
      let n = 0;
      for (const entry of counts.values()) if (match(entry.key)) n += entry.count;
      return n;
    },
  };
}
