import type { DataItem } from '../../catalog/index.ts';
import { toHalfWidth } from '../standardize.ts';

/** Header text reduced to what identifies it: no spaces, brackets, units or case. */
function normalizeHeader(text: string): string {
  return toHalfWidth(text)
    .toLowerCase()
    .replace(/[\s_\-*:：]/g, '')
    .replace(/[(（][^)）]*[)）]/g, '');
}

/** Item codes by every name that identifies them (code, name, synonyms), normalized. */
function namesOf(items: DataItem[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const item of items) {
    for (const name of [item.code, item.name, ...(item.synonyms ?? [])]) {
      if (!byName.has(normalizeHeader(name))) byName.set(normalizeHeader(name), item.code);
    }
  }
  return byName;
}

/**
 * The item a header names. A column of a two-row merged header (户籍地址-街道) names an item whole, or else by
 * its lower part (街道).
 */
function itemOf(byName: Map<string, string>, header: string): string | null {
  const whole = byName.get(normalizeHeader(header));
  if (whole) return whole;
  const dash = header.lastIndexOf('-');
  return dash > 0 ? (byName.get(normalizeHeader(header.slice(dash + 1))) ?? null) : null;
}

/** Whether a cell's text names one of the items: how a header row is told from title and data rows. */
export function headerMatcher(items: DataItem[]): (text: string) => boolean {
  const byName = namesOf(items);
  return (text) => byName.has(normalizeHeader(text));
}

/** Maps file headers to item codes by item code, name and synonyms; unknown headers map to null. */
export function autoMap(headers: string[], items: DataItem[]): Record<string, string | null> {
  const byName = namesOf(items);
  const used = new Set<string>();
  const mapping: Record<string, string | null> = {};
  for (const header of headers) {
    const code = itemOf(byName, header);
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
