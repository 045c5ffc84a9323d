/**
 * Deterministic randomness for the simulated devices: a value is a pure function of a seed and some integers
 * (a device's seed, a time slot, a label), so the same device at the same time reads the same everywhere and a
 * test can ask what a device reads at any moment without replaying what came before.
 */

/** A 32-bit seed for a text (a device code): FNV-1a. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A float in [0, 1) for the seed and the integers (a murmur-style mix of each in turn). */
export function unit(seed: number, ...parts: number[]): number {
  let h = seed >>> 0;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0xcc9e2d51);
    h = Math.imul((h << 15) | (h >>> 17), 0x1b873593);
    h = (h + Math.imul(Math.floor(part / 4294967296) | 0, 0x85ebca6b)) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Roughly normal, mean 0 and standard deviation 1 (sum of three uniforms). */
export function normal(seed: number, ...parts: number[]): number {
  return (unit(seed, ...parts, 1) + unit(seed, ...parts, 2) + unit(seed, ...parts, 3) - 1.5) * 2;
}

/**
 * Smooth noise in [-1, 1] over time: values at whole `period`s, eased in between. For readings that drift
 * rather than jump.
 */
export function smooth(seed: number, label: number, t: number, period: number): number {
  const x = t / period;
  const i = Math.floor(x);
  const f = x - i;
  const ease = f * f * (3 - 2 * f);
  const a = unit(seed, label, i) * 2 - 1;
  const b = unit(seed, label, i + 1) * 2 - 1;
  return a + (b - a) * ease;
}

/**
 * A rare episode: each `slot` ms window holds one with probability `p`, starting at a random moment of the
 * window and lasting `minMs`–`maxMs`. Returns how far into the episode `t` is (0–1) when `t` falls in one (this
 * window's or the previous one's, which may run over), else null.
 */
export function episode(
  seed: number,
  label: number,
  t: number,
  slot: number,
  p: number,
  minMs: number,
  maxMs: number,
): { progress: number; index: number } | null {
  const current = Math.floor(t / slot);
  for (const index of [current, current - 1]) {
    if (unit(seed, label, index) >= p) continue;
    const start = index * slot + unit(seed, label, index, 1) * slot;
    const length = minMs + unit(seed, label, index, 2) * (maxMs - minMs);
    if (t >= start && t < start + length) return { progress: (t - start) / length, index };
  }
  return null;
}
