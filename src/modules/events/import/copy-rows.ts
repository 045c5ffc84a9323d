/**
 * A case as the bulk load takes it, fully formed (status, department, clock, flags), and its line of COPY CSV. The
 * file import builds these from a former system's rows; the demo builds them directly.
 */
import type { CaseChannel, CaseStatus, Satisfaction } from '../cases/contract.ts';

/** One step of a loaded case's history; without any, the load writes the single `import` step. */
export type ImportStep = {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string;
  departmentId: number | null;
  note: string | null;
  at: Date;
};

export type ImportCase = {
  /** The former system's number, kept as the case's number and as its source number. */
  number: string;
  channel: CaseChannel;
  status: CaseStatus;
  categoryCode: string | null;
  departmentId: number | null;
  content: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  subdistrictCode: string | null;
  communityCode: string | null;
  urgency: 'normal' | 'urgent' | 'emergency';
  receivedAt: Date;
  dueAt: Date | null;
  dispatchedAt: Date | null;
  acceptedAt: Date | null;
  repliedAt: Date | null;
  closedAt: Date | null;
  reply: string | null;
  satisfaction: Satisfaction | null;
  reopenCount: number;
  supervised: boolean;
  escalated: boolean;
  extensionRequest: { limit: string; reason: string; by: string; at: string } | null;
  suspendedAt: Date | null;
  suspendedFrom: CaseStatus | null;
  /** The number of the case this one was merged into (loaded before it, or in the same call). */
  mergedInto: string | null;
  steps: ImportStep[] | null;
};

/** The staging table's columns, in the order copyLine writes them. */
export const copyColumns = [
  'number',
  'channel',
  'status',
  'category_code',
  'department_id',
  'content',
  'address',
  'lng',
  'lat',
  'subdistrict_code',
  'community_code',
  'urgency',
  'received_at',
  'due_at',
  'dispatched_at',
  'accepted_at',
  'replied_at',
  'closed_at',
  'reply',
  'satisfaction',
  'reopen_count',
  'supervised',
  'escalated',
  'extension_request',
  'suspended_at',
  'suspended_from',
  'merged_into',
  'steps',
] as const;

/** A CSV field: empty unquoted is NULL to COPY, so text is always quoted (and an empty text stays a text). */
function text(value: string | null): string {
  if (value === null) return '';
  return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
}

const time = (value: Date | null) => (value ? value.toISOString() : '');
const num = (value: number | null) => (value === null ? '' : String(value));

/** The case as one line of COPY CSV (FORMAT csv), newline included. */
export function copyLine(c: ImportCase): string {
  return `${[
    text(c.number),
    c.channel,
    c.status,
    text(c.categoryCode),
    num(c.departmentId),
    text(c.content),
    text(c.address),
    num(c.lng),
    num(c.lat),
    text(c.subdistrictCode),
    text(c.communityCode),
    c.urgency,
    time(c.receivedAt),
    time(c.dueAt),
    time(c.dispatchedAt),
    time(c.acceptedAt),
    time(c.repliedAt),
    time(c.closedAt),
    text(c.reply),
    c.satisfaction ?? '',
    String(c.reopenCount),
    c.supervised ? 't' : 'f',
    c.escalated ? 't' : 'f',
    text(c.extensionRequest ? JSON.stringify(c.extensionRequest) : null),
    time(c.suspendedAt),
    c.suspendedFrom ?? '',
    text(c.mergedInto),
    text(c.steps ? JSON.stringify(c.steps) : null),
  ].join(',')}\n`;
}
