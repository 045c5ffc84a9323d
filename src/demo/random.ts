/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32). The demo district must come out
 * byte-identical for the same seed on every machine, which Math.random cannot give.
 */

/** splitmix32: spreads a seed (and a label's hash) into well-mixed 32-bit words. */
function splitmix32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a label, so each file's stream has its own sequence and changing one file leaves the others as they were. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export type Random = ReturnType<typeof createRandom>;

/** A deterministic generator for `seed` and a stream `label` (e.g. "people", "companies"). */
export function createRandom(seed: number, label = '') {
  const mix = splitmix32((seed ^ hashLabel(label)) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  /** A float in [0, 1). */
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // the first outputs of sfc32 are poorly mixed
  return {
    next,
    /** An integer in [0, n). */
    below: (n: number) => Math.floor(next() * n),
    /** An integer in [min, max], both included. */
    between: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    /** True with probability p. */
    chance: (p: number) => next() < p,
    /** One element of a non-empty list. */
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    /** Roughly normal (sum of three uniforms), mean 0 and standard deviation 1. */
    normal: () => (next() + next() + next() - 1.5) * 2,
  };
}

/** A table of choices with weights, picked in O(log n). */
export function weightedTable<T>(entries: readonly (readonly [T, number])[]) {
  const values = entries.map(([value]) => value);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) {
    total += weight;
    cumulative.push(total);
  }
  return {
    values,
    /** One value, chosen with the generator in proportion to its weight. */
    pick(random: Random): T {
      const x = random.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      return values[lo]!;
    },
  };
}
