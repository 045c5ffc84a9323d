import { DomainError, type FieldError, ForbiddenError, InputError } from '../../../core/errors.ts';
import type { Resource } from '../../catalog/index.ts';
import type { ShareQuery } from './contract.ts';
import { isMaskedUnderGrant } from './masking.ts';
import type { Conditions } from './reader.ts';
import type { CredentialGrant } from './repository.ts';

// How the sharing API reads a call's query string against the resource and the grant: which items it returns,
// its equality filters, its paging. Query strings arrive loosely typed (see contract.ts) and are checked here, so
// that a bad one is refused with its own code (bad_filter) and still logged.

/** Parameters of the list and change-feed endpoints that are not item filters. */
const RESERVED = new Set(['page', 'pageSize', 'items', 'since', 'limit']);
/** The longest value a key or filter may have (longer ones are refused, and cut short in the log). */
export const MAX_VALUE = 200;

/** The longest value of a reserved parameter (items, since …) and of a parameter name. */
const MAX_RESERVED = 2000;
const MAX_NAME = 60;

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
    const item = resource.items.find((i) => i.code === name);
    if (!item) throw badFilter([{ field: name.slice(0, 60), reason: 'not_an_item' }]);
    if (!grant.items.includes(name)) refused.push(name);
    // A filter on an item the grant serves masked would confirm guesses of its raw value (?phone=138…): filtering
    // on an item needs the right to see it raw.
    else if (isMaskedUnderGrant(resource, item, grant.rawItems))
      throw new DomainError(403, 'masked_filter', 'Filter on a masked item', { items: name }, [
        { field: name, reason: 'masked_item' },
      ]);
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

/**
 * Whether a text can be compared and stored as sent. PostgreSQL refuses NUL in text and jsonb and lone surrogates
 * in jsonb; other control characters and U+FFFD (what invalid UTF-8 decodes to) are no part of any key or value.
 */
export function isCleanText(text: string): boolean {
  return !notInText.test(text) && text.isWellFormed();
}

// Control characters, DEL and U+FFFD.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose.
const notInText = /[\u0000-\u001f\u007f\ufffd]/;

/** A text cut to `maximum` characters with every character isCleanText refuses replaced by U+FFFD: safe to log. */
export function cleanText(text: string, maximum: number): string {
  const cut = text.slice(0, maximum);
  if (isCleanText(cut)) return cut;
  // Also mends a surrogate pair the cut split in two.
  return cut.toWellFormed().replace(/[\p{Cc}]/gu, '\ufffd');
}

/** The reason a text is refused (invalid_text, too_long), or undefined when it is fine. */
function textProblem(text: string, maximum: number): FieldError['reason'] | undefined {
  if (!isCleanText(text)) return 'invalid_text';
  if (text.length > maximum) return 'too_long';
  return undefined;
}

/**
 * Refuses (400 bad_filter) a resource name, row key or query the database could not take or no item could match:
 * NUL and other control characters, invalid UTF-8, lone surrogates, over-long values. Checked before any of it
 * reaches a query or the call log.
 */
export function checkRequestText(resource: string, key: string | undefined, query: ShareQuery) {
  const fields: FieldError[] = [];
  const check = (field: string, text: string, maximum: number) => {
    const reason = textProblem(text, maximum);
    if (reason) fields.push({ field: cleanText(field, MAX_NAME), reason, params: { maximum } });
  };
  check('resource', resource, 100);
  if (key !== undefined) check('key', key, MAX_VALUE);
  for (const [name, value] of Object.entries(query)) {
    check(name, name, MAX_NAME);
    const maximum = RESERVED.has(name) ? MAX_RESERVED : MAX_VALUE;
    for (const v of Array.isArray(value) ? value : [value ?? '']) check(name, v, maximum);
  }
  if (fields.length) throw badFilter(fields.slice(0, 10));
}

/** Keeps logged query values short and storable: the log records what was asked, not arbitrary payloads. */
export function loggedQuery(query: ShareQuery): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query).slice(0, 30))
    shown[cleanText(name, MAX_NAME)] = Array.isArray(value)
      ? value.slice(0, 5).map((v) => cleanText(v, MAX_VALUE))
      : value === undefined
        ? undefined
        : cleanText(value, MAX_VALUE);
  return shown;
}
