import { type MaskKind, maskAs, maskPlan } from '../../../core/masking.ts';
import type { DataItem, Resource } from '../../catalog/index.ts';

/** How a grant shows one resource's data: personal items masked unless the grant serves them raw. */
export type ShareMasker = {
  /** The values of `items` (missing ones null), each personal one masked unless raw. */
  values(values: Record<string, string | null | undefined>, items: string[]): Record<string, string | null>;
  /** A row key as returned: a personal key item masked unless raw (a composite key element by element). */
  key(key: string): string;
};

/**
 * The items a grant whose `rawItems` are served unmasked serves masked, and how: its personal items not in
 * rawItems, and the items derived from those (a birth date, sex or age beside a masked ID number).
 */
function grantMasks(resource: Resource, rawItems: readonly string[]): Map<string, MaskKind> {
  return maskPlan(resource.items, (item) => item.personal && !rawItems.includes(item.code));
}

/** The masker of a resource under a grant whose `rawItems` are served unmasked. */
export function shareMasker(resource: Resource, rawItems: readonly string[]): ShareMasker {
  const masked = grantMasks(resource, rawItems);
  const show = (code: string, value: string) => {
    const kind = masked.get(code);
    return kind ? maskAs(value, kind) : value;
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

/** Whether a grant with these rawItems serves an item masked: personal, or derived from a masked item. */
export function isMaskedUnderGrant(resource: Resource, item: DataItem, rawItems: readonly string[]): boolean {
  return grantMasks(resource, rawItems).has(item.code);
}
