/**
 * One row of a former system's export to a case, or to the reason it is rejected (aggregation's rule: a bad row is
 * set aside with its row number, field and reason; the good rows load). The category gives the department and the
 * due time; a closed case was replied when it was closed.
 */
import { toHalfWidth } from '../../ingest/index.ts';
import type { CaseStatus } from '../cases/contract.ts';
import type { Category } from '../categories/contract.ts';
import { dueAt } from '../clock/time-limit.ts';
import type { ImportColumn } from './columns.ts';
import type { ImportCase } from './copy-rows.ts';
import { channelOf, parseChinaTime, satisfactionOf, statusOf } from './values.ts';

/** A row set aside: its number in the file, the column at fault, why, and the value as it was. */
export type ImportReject = { row: number; field: ImportColumn | 'row'; reason: string; value: string | null };

/** What a row is checked against: the categories by code and by name, the department each goes to, the time. */
export type RowContext = {
  categories: Map<string, Category>;
  departmentOf: (category: Category) => number;
  now: Date;
};

/** Categories by code and by name (the two ways a former system writes them). */
export function categoryLookup(list: Category[]): Map<string, Category> {
  const map = new Map<string, Category>();
  for (const c of list) {
    map.set(c.code.toLowerCase(), c);
    map.set(c.name, c);
  }
  return map;
}

// Statuses in which a department has the case (received and returned ones wait at the center's desk).
const withDepartment = new Set<CaseStatus>([
  'dispatched',
  'accepted',
  'in_progress',
  'replied',
  'reviewed',
  'closed',
  'suspended',
]);
const MAX_CONTENT = 4000;
const MAX_ADDRESS = 300;
// Allowed drift of the former system's clock, for a case taken minutes before its export.
const FUTURE_SLACK = 3600_000;

type Cell = (column: ImportColumn) => string;

/** The case a row describes, or why it is rejected. `cell` reads a column's text ('' when absent). */
export function caseOfRow(cell: Cell, rowNumber: number, ctx: RowContext): ImportCase | ImportReject {
  const reject = (
    field: ImportReject['field'],
    reason: string,
    value: string | null = null,
  ): ImportReject => ({
    row: rowNumber,
    field,
    reason,
    value,
  });
  const text = (column: ImportColumn) => toHalfWidth(cell(column)).trim();

  const number = text('number');
  if (!number) return reject('number', 'required');
  if (number.length > 40 || /\s/.test(number)) return reject('number', 'invalid_number', number);

  const receivedText = text('received_at');
  if (!receivedText) return reject('received_at', 'required');
  const receivedAt = parseChinaTime(receivedText);
  if (!receivedAt) return reject('received_at', 'unreadable_time', receivedText);
  if (receivedAt.getTime() > ctx.now.getTime() + FUTURE_SLACK)
    return reject('received_at', 'in_future', receivedText);

  const content = cell('content').trim();
  if (!content) return reject('content', 'required');
  if (content.length > MAX_CONTENT) return reject('content', 'text_too_long', `${content.slice(0, 50)}…`);
  const address = cell('address').trim() || null;
  if (address && address.length > MAX_ADDRESS)
    return reject('address', 'text_too_long', address.slice(0, 50));
  for (const [field, value] of [
    ['content', content],
    ['address', address ?? ''],
  ] as const)
    if (value.includes('\0')) return reject(field, 'control_character');

  const channelText = text('channel');
  const channel = channelText ? channelOf(channelText) : 'import';
  if (!channel) return reject('channel', 'unknown_channel', channelText);

  const categoryText = text('category');
  const category = categoryText
    ? (ctx.categories.get(categoryText.toLowerCase()) ?? ctx.categories.get(categoryText))
    : undefined;
  if (categoryText && !category) return reject('category', 'unknown_category', categoryText);

  const closedText = text('closed_at');
  const closedAt = closedText ? (parseChinaTime(closedText) ?? null) : null;
  if (closedText && !closedAt) return reject('closed_at', 'unreadable_time', closedText);
  if (closedAt && closedAt < receivedAt) return reject('closed_at', 'before_received', closedText);

  const statusText = text('status');
  // No status but a closing time: the former system only wrote down when it closed.
  const status = statusText ? statusOf(statusText) : closedAt ? 'closed' : undefined;
  if (!status) return reject('status', statusText ? 'unknown_status' : 'required', statusText || null);
  if (status === 'closed' && !closedAt) return reject('closed_at', 'required');

  const satisfactionText = text('satisfaction');
  const satisfaction = satisfactionOf(satisfactionText);
  if (satisfaction === undefined) return reject('satisfaction', 'unknown_satisfaction', satisfactionText);

  const ended = status === 'closed' || status === 'merged';
  const departmentId = category && withDepartment.has(status) ? ctx.departmentOf(category) : null;
  return {
    number,
    channel,
    status,
    categoryCode: category?.code ?? null,
    departmentId,
    content,
    address,
    // Places are resolved once the gazetteer can; until then the columns stay empty.
    lng: null,
    lat: null,
    subdistrictCode: null,
    communityCode: null,
    urgency: 'normal',
    receivedAt,
    dueAt: category ? dueAt(receivedAt, category.timeLimit) : null,
    dispatchedAt: departmentId ? receivedAt : null,
    acceptedAt: null,
    repliedAt: status === 'closed' ? closedAt : null,
    closedAt: ended ? (closedAt ?? null) : null,
    reply: null,
    satisfaction,
    reopenCount: 0,
    supervised: false,
    escalated: false,
    extensionRequest: null,
    suspendedAt: status === 'suspended' ? receivedAt : null,
    suspendedFrom: status === 'suspended' ? 'in_progress' : null,
    mergedInto: null,
    steps: null,
  };
}

/** True when the row's outcome is a rejection. */
export function isReject(value: ImportCase | ImportReject): value is ImportReject {
  return 'reason' in value;
}
