import type { FieldError } from '../../../core/errors.ts';
import { InputError } from '../../../core/errors.ts';
import type { Resource } from '../../catalog/index.ts';
import type { ApplicationInput, DecisionInput } from '../contract.ts';
import type { RowFilter } from '../schema.ts';

// The rules of an application and of narrowing it, free of the database so they can be tested on their own.

/** The longest period an application may ask for, in years. */
export const MAX_PERIOD_YEARS = 3;

/** Grant defaults (see the sharing design): 600 calls a minute; twice the expected daily calls, at least 1,000. */
export const DEFAULT_RATE_PER_MINUTE = 600;
export const dailyQuotaFor = (expectedDailyCalls: number) => Math.max(expectedDailyCalls * 2, 1000);

/** The start of a calendar day in Asia/Shanghai (UTC+8 all year: China has no daylight saving). */
export const startOfShanghaiDay = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** The day `years` years after `day` (29 February goes to 1 March in a common year). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** When a grant of the period starts and ends: from the first day's start to the end of the last day, Shanghai time. */
export function grantWindow(periodFrom: string, periodTo: string) {
  const end = startOfShanghaiDay(periodTo);
  end.setUTCDate(end.getUTCDate() + 1);
  return { validFrom: startOfShanghaiDay(periodFrom), expiresAt: end };
}

/** Item codes that are not the resource's, as field errors of `field`. */
function unknownItems(resource: Resource, codes: string[], field: string): FieldError[] {
  const known = new Set(resource.items.map((i) => i.code));
  return codes.flatMap((code, i) =>
    known.has(code) ? [] : [{ field: `${field}.${i}`, reason: 'unknown_item', params: { code } }],
  );
}

/** Raw items that were not asked for, or that are not personal (never masked, so nothing to ask). */
function badRawItems(resource: Resource, rawItems: string[], items: string[]): FieldError[] {
  const personal = new Set(resource.items.filter((i) => i.personal).map((i) => i.code));
  return rawItems.flatMap((code, i): FieldError[] => {
    if (!items.includes(code)) return [{ field: `rawItems.${i}`, reason: 'raw_not_asked', params: { code } }];
    if (!personal.has(code))
      return [{ field: `rawItems.${i}`, reason: 'raw_not_personal', params: { code } }];
    return [];
  });
}

/** Row filter keys that are not items of the resource. */
function badFilterKeys(resource: Resource, filter: RowFilter): FieldError[] {
  const known = new Set(resource.items.map((i) => i.code));
  return Object.keys(filter).flatMap((code) =>
    known.has(code) ? [] : [{ field: `rowFilter.${code}`, reason: 'unknown_item', params: { code } }],
  );
}

/**
 * Checks an application against its resource and today's date (YYYY-MM-DD, Shanghai): known items, raw items
 * among them and personal, filter keys that are items, a period in order, not over and at most three years.
 * Throws one InputError naming every bad field.
 */
export function checkApplication(resource: Resource, input: ApplicationInput, today: string) {
  const fields = [
    ...unknownItems(resource, input.items, 'items'),
    ...badRawItems(resource, input.rawItems, input.items),
    ...badFilterKeys(resource, input.rowFilter),
  ];
  if (input.periodTo < input.periodFrom) fields.push({ field: 'periodTo', reason: 'period_order' });
  else if (input.periodTo < today)
    fields.push({ field: 'periodTo', reason: 'period_past', params: { today } });
  else if (input.periodTo >= addYears(input.periodFrom, MAX_PERIOD_YEARS))
    fields.push({
      field: 'periodTo',
      reason: 'period_too_long',
      params: { latest: dayBefore(addYears(input.periodFrom, MAX_PERIOD_YEARS)) },
    });
  if (fields.length) throw new InputError('invalid_input', 'The application is invalid', fields);
}

const dayBefore = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** What an application allows so far: the items approved at the last stage, its raw items and row filter. */
export type Scope = { items: string[]; rawItems: string[]; rowFilter: RowFilter };

/**
 * What an approval leaves: items and raw items only from what the previous stage left (never more), raw items
 * only among the approved items, and a row filter that keeps every condition it had (it may add some).
 * Omitted parts keep the previous stage's (raw items cut to the approved items).
 */
export function narrowScope(resource: Resource, previous: Scope, input: DecisionInput): Scope {
  const items = input.items ?? previous.items;
  const fields: FieldError[] = [
    ...unknownItems(resource, items, 'items'),
    ...items.flatMap((code, i) =>
      previous.items.includes(code)
        ? []
        : [{ field: `items.${i}`, reason: 'item_widened', params: { code } }],
    ),
  ];
  const rawItems = input.rawItems ?? previous.rawItems.filter((code) => items.includes(code));
  // The previous stage's raw items were checked (asked for, personal); a raw item must stay among those.
  fields.push(
    ...rawItems.flatMap((code, i): FieldError[] => {
      if (!previous.rawItems.includes(code))
        return [{ field: `rawItems.${i}`, reason: 'item_widened', params: { code } }];
      if (!items.includes(code))
        return [{ field: `rawItems.${i}`, reason: 'raw_not_asked', params: { code } }];
      return [];
    }),
  );
  const rowFilter = input.rowFilter ?? previous.rowFilter;
  fields.push(...badFilterKeys(resource, rowFilter));
  for (const [code, value] of Object.entries(previous.rowFilter))
    if (rowFilter[code] !== value)
      fields.push({ field: `rowFilter.${code}`, reason: 'filter_widened', params: { code } });
  if (fields.length) throw new InputError('invalid_input', 'The approval is invalid', fields);
  return { items: [...new Set(items)], rawItems: [...new Set(rawItems)], rowFilter };
}
