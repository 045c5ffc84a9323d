/**
 * The keys a batch has seen, each with the hash of its latest row, in two typed arrays (open addressing).
 * A million keys take 32 MB here instead of the ~150 MB of a Map of strings. Keys are stored by a 53-bit
 * hash, so two different keys could in theory share a slot; the loader treats such a row as a possible
 * later version and lets the database decide (see applyLaterVersions), so a collision never loses a row.
 */
export function createKeyIndex(initialCapacity = 1 << 16) {
  let capacity = initialCapacity;
  let keys = new Float64Array(capacity);
  let rows = new Float64Array(capacity);
  let size = 0;

  // Slots hold key hash + 1, so 0 marks an empty slot.
  function slotOf(keyHash: number, table: Float64Array, cap: number) {
    // The capacity is a power of two, so the hash's low bits pick the slot (no floating-point modulo).
    const mask = cap - 1;
    let slot = (keyHash >>> 0) & mask;
    while (table[slot] !== 0 && table[slot] !== keyHash + 1) slot = (slot + 1) & mask;
    return slot;
  }

  function grow() {
    const oldKeys = keys;
    const oldRows = rows;
    capacity *= 2;
    keys = new Float64Array(capacity);
    rows = new Float64Array(capacity);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] === 0) continue;
      const slot = slotOf(oldKeys[i]! - 1, keys, capacity);
      keys[slot] = oldKeys[i]!;
      rows[slot] = oldRows[i]!;
    }
  }

  return {
    /** Number of distinct keys. */
    get size() {
      return size;
    },
    /** The row hash last stored for the key hash, or undefined. */
    get(keyHash: number): number | undefined {
      const slot = slotOf(keyHash, keys, capacity);
      return keys[slot] === 0 ? undefined : rows[slot];
    },
    /** Stores the row hash for the key hash. */
    set(keyHash: number, rowHash: number) {
      if ((size + 1) * 2 > capacity) grow();
      const slot = slotOf(keyHash, keys, capacity);
      if (keys[slot] === 0) size++;
      keys[slot] = keyHash + 1;
      rows[slot] = rowHash;
    },
  };
}
