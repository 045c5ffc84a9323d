import type { DataItem } from '../../catalog/index.ts';
import { toHalfWidth } from '../standardize.ts';

/** Header text reduced to what identifies it: no spaces, brackets, units or case. */
function normalizeHeader(text: string): string {
  return toHalfWidth(text)
    .toLowerCase()
    .replace(/[\s_\-*:：]/g, '')
    .replace(/[(（][^)）]*[)）]/g, '');
}

/** Maps file headers to item codes by item code, name and synonyms; unknown headers map to null. */
export function autoMap(headers: string[], items: DataItem[]): Record<string, string | null> {
  const byName = new Map<string, string>();
  for (const item of items) {
    for (const name of [item.code, item.name, ...(item.synonyms ?? [])]) {
      if (!byName.has(normalizeHeader(name))) byName.set(normalizeHeader(name), item.code);
    }
  }
  const used = new Set<string>();
  const mapping: Record<string, string | null> = {};
  for (const header of headers) {
    const code = byName.get(normalizeHeader(header)) ?? null;
    mapping[header] = code && !used.has(code) ? code : null;
    if (code) used.add(code);
  }
  return mapping;
}

/** Parses "列名=item,列名2=item2" (the CLI's --map) into overrides. */
export function parseMapOption(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [header, code] = pair.split('=').map((s) => s.trim());
    if (header && code) out[header] = code;
  }
  return out;
}
