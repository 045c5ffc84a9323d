/**
 * What this process last read of each figure the screens show, for a short time: fifty screens asking at once, or
 * one change pushed to all of them, cost one read. Entries are dropped when a change is announced (see topics.ts),
 * so the time limit only bounds how late a figure can be when an announcement was lost.
 */
export type FigureCache = ReturnType<typeof createFigureCache>;

type Entry = { at: number; value: Promise<unknown> };

/** A cache of figures by key, each kept `ttlMs(key)` milliseconds; reads of one key at once share one computation. */
export function createFigureCache(ttlMs: (key: string) => number, clock: () => number = Date.now) {
  const entries = new Map<string, Entry>();

  return {
    /** The figure `key`, from the cache while fresh, else computed (once, however many ask meanwhile). */
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const known = entries.get(key);
      if (known && clock() - known.at < ttlMs(key)) return known.value as Promise<T>;
      const entry: Entry = { at: clock(), value: compute() };
      entries.set(key, entry);
      // A failed read is not kept: the next one tries again.
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return entry.value as Promise<T>;
    },

    /** Forgets these keys (all when none are given): their next read computes them again. */
    drop(keys?: Iterable<string>) {
      if (!keys) entries.clear();
      else for (const key of keys) entries.delete(key);
    },
  };
}
