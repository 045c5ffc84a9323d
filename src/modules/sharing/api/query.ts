import { type FieldError, ForbiddenError, InputError } from '../../../core/errors.ts';
import type { Resource } from '../../catalog/index.ts';
import type { ShareQuery } from './contract.ts';
import type { Conditions } from './reader.ts';
import type { CredentialGrant } from './repository.ts';

// How the sharing API reads a call's query string against the resource and the grant: which items it returns,
// its equality filters, its paging. Query strings arrive loosely typed (see contract.ts) and are checked here, so
// that a bad one is refused with its own code (bad_filter) and still logged.

/** Parameters of the list and change-feed endpoints that are not item filters. */
const RESERVED = new Set(['page', 'pageSize', 'items', 'since', 'limit']);
/** The longest value a key or filter may have (longer ones are refused, and cut short in the log). */
export const MAX_VALUE = 200;

/** A refused query (400 bad_filter) naming its bad fields. */
export const badFilter = (fields: FieldError[]) => new InputError('bad_filter', 'Bad query', fields);

/** A query parameter given once, or undefined; given twice it is refused. */
export function single(query: ShareQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw badFilter([{ field: name.slice(0, 60), reason: 'repeated' }]);
  return value;
}

/** A whole number parameter within bounds, or its default. */
export function wholeNumber(query: ShareQuery, name: string, fallback: number, maximum: number): number {
  const text = single(query, name);
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!/^\d{1,9}$/.test(text) || n < 1 || n > maximum)
    throw badFilter([{ field: name, reason: 'not_a_number', params: { minimum: 1, maximum } }]);
  return n;
}

/** The granted items a call returns: `items=a,b` (each must exist and be granted), by default all granted ones. */
export function chosenItems(resource: Resource, grant: CredentialGrant, query: ShareQuery): string[] {
  const granted = resource.items.map((i) => i.code).filter((code) => grant.items.includes(code));
  const asked = single(query, 'items');
  if (asked === undefined) return granted;
  const codes = [...new Set(asked.split(',').map((c) => c.trim()))];
  if (codes.some((c) => !resource.items.some((i) => i.code === c)))
    throw badFilter([{ field: 'items', reason: 'not_an_item' }]);
  const refused = codes.filter((c) => !granted.includes(c));
  if (refused.length)
    throw new ForbiddenError('item_not_granted', 'Item not granted', { items: refused.join(', ') });
  return codes;
}

/** The caller's equality filters: every other query parameter names a granted item and gives one value. */
export function callerFilters(resource: Resource, grant: CredentialGrant, query: ShareQuery): Conditions {
  const filters: Conditions = [];
  const refused: string[] = [];
  for (const name of Object.keys(query)) {
    if (RESERVED.has(name)) continue;
    const value = single(query, name)!;
    if (!resource.items.some((i) => i.code === name))
      throw badFilter([{ field: name.slice(0, 60), reason: 'not_an_item' }]);
    if (!grant.items.includes(name)) refused.push(name);
    if (value.length > MAX_VALUE)
      throw badFilter([{ field: name, reason: 'too_long', params: { maximum: MAX_VALUE } }]);
    filters.push([name, value]);
  }
  if (refused.length)
    throw new ForbiddenError('item_not_granted', 'Item not granted', { items: refused.join(', ') });
  return filters;
}

/**
 * The grant's row filter as conditions; null when it names an item the resource no longer has, which no row can
 * meet (the grant then serves nothing rather than everything).
 */
export function grantConditions(resource: Resource, grant: CredentialGrant): Conditions | null {
  const entries = Object.entries(grant.rowFilter ?? {});
  if (
    entries.some(([item, value]) => typeof value !== 'string' || !resource.items.some((i) => i.code === item))
  )
    return null;
  return entries;
}

/** Keeps logged query values short: the log records what was asked, not arbitrary payloads. */
export function loggedQuery(query: ShareQuery): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query).slice(0, 30))
    shown[name.slice(0, 60)] = Array.isArray(value)
      ? value.slice(0, 5).map((v) => v.slice(0, MAX_VALUE))
      : value?.slice(0, MAX_VALUE);
  return shown;
}
