/**
 * A seeded generator for the training corpus and the training's shuffles (mulberry32): the corpus and the
 * shipped model must come out the same on every machine for the same seed, which Math.random cannot give.
 * (The demo's generator lives in src/demo, which a module may not import.)
 */

export type Random = {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [0, n). */
  below: (n: number) => number;
  /** True with probability p. */
  chance: (p: number) => boolean;
  /** One element of a non-empty list. */
  pick: <T>(list: readonly T[]) => T;
};

/** A deterministic generator for `seed`. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    below: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)]!,
  };
}
