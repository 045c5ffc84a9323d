import { maskKindOf, maskValue } from '../../../core/masking.ts';
import type { DataItem, Resource } from '../../catalog/index.ts';

/** How a grant shows one resource's data: personal items masked unless the grant serves them raw. */
export type ShareMasker = {
  /** The values of `items` (missing ones null), each personal one masked unless raw. */
  values(values: Record<string, string | null | undefined>, items: string[]): Record<string, string | null>;
  /** A row key as returned: a personal key item masked unless raw (a composite key element by element). */
  key(key: string): string;
};

/** The masker of a resource under a grant whose `rawItems` are served unmasked. */
export function shareMasker(resource: Resource, rawItems: readonly string[]): ShareMasker {
  const masked = new Map<string, ReturnType<typeof maskKindOf>>();
  for (const item of resource.items)
    if (item.personal && !rawItems.includes(item.code)) masked.set(item.code, maskKindOf(item));
  const show = (code: string, value: string) => {
    const kind = masked.get(code);
    return kind && value !== '' ? maskValue(value, kind) : value;
  };
  const keyItems = resource.keyItems;
  return {
    values(values, items) {
      const shown: Record<string, string | null> = {};
      for (const code of items) {
        const value = values[code];
        shown[code] = value === null || value === undefined ? null : show(code, value);
      }
      return shown;
    },
    key(key) {
      if (!keyItems.some((code) => masked.has(code))) return key;
      if (keyItems.length === 1) return show(keyItems[0]!, key);
      // A composite key is stored as the JSON array of its items' values (see ingest's fast path).
      try {
        const parts = JSON.parse(key) as (string | null)[];
        return JSON.stringify(parts.map((part, i) => (part === null ? null : show(keyItems[i]!, part))));
      } catch {
        return '***';
      }
    },
  };
}

/** Whether an item is personal data that a grant without it in rawItems serves masked. */
export function isMaskedUnderGrant(item: DataItem, rawItems: readonly string[]): boolean {
  return item.personal && !rawItems.includes(item.code);
}
