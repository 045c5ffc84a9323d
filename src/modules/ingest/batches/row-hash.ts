// State of the row hash being computed (cyrb53); module-level so that hashing a row allocates nothing.
let h1 = 0;
let h2 = 0;

/** Starts a new row hash (hashSpan adds its values, hashEnd finishes it). */
export function hashStart() {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
}

/** Adds the value `text[start, end)` to the hash being computed. */
export function hashSpan(text: string, start: number, end: number) {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  // A separator, so that ("ab", "c") and ("a", "bc") differ; null and empty text hash alike, as they load alike.
  h1 = Math.imul(h1 ^ 1, 2654435761);
  h2 = Math.imul(h2 ^ 1, 1597334677);
}

/** The row hash being computed, as a 53-bit number. */
export function hashEnd(): number {
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}

/**
 * A 53-bit hash of a row's values, to tell versions of a key apart. A plain number keeps a million keys
 * small in memory, and hashing here is several times faster than MD5.
 */
export function rowHash(values: readonly (string | null)[]): number {
  hashStart();
  for (const value of values) {
    const text = value ?? '';
    hashSpan(text, 0, text.length);
  }
  return hashEnd();
}

/** A hash as decimal text, printed from two small integers: several times faster than printing the 53-bit number. */
export function hashText(hash: number): string {
  const high = Math.floor(hash / 1e8);
  if (high === 0) return String(hash);
  const low = hash - high * 1e8;
  return low < 1e7 ? `${high}${String(low).padStart(8, '0')}` : `${high}${low}`;
}
