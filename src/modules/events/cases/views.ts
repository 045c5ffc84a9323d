import { maskName, maskPhone } from '../../../core/masking.ts';
import type { DepartmentDirectory } from '../../org/index.ts';
import type { Category } from '../categories/contract.ts';
import { toChinaIso } from '../clock/china-time.ts';
import { clockState } from '../clock/clock-state.ts';
import type {
  CaseChannel,
  CaseDetail,
  CaseStatus,
  CaseStep,
  CaseSummary,
  ClockState,
  Satisfaction,
} from './contract.ts';
import { basisOf } from './due.ts';
import type { CaseRow, StepRow } from './repository.ts';

const iso = (d: Date | null) => (d ? toChinaIso(d) : null);

/**
 * Where a case stands against its time limit: while open, by the clock (stopped while suspended); once replied, on
 * time or overdue by when the department replied.
 */
export function clockOf(
  row: CaseRow,
  now: Date,
  limit?: string,
): { state: ClockState; elapsedShare: number | null } {
  if (!row.dueAt) return { state: 'normal', elapsedShare: null };
  const done = row.repliedAt ?? (row.status === 'closed' || row.status === 'merged' ? row.closedAt : null);
  const at = done ?? row.suspendedAt ?? now;
  // A limit in working days warns by working time: 80 % of 3wd never falls in the middle of a holiday.
  const c = clockState(row.clockFrom ?? row.receivedAt, row.dueAt, at, basisOf(limit));
  return { state: c.state, elapsedShare: Math.round(c.elapsedShare * 1000) / 1000 };
}

/** The lookups views name things with. */
export type Names = { categories: Map<string, Category>; departments: DepartmentDirectory };

/** A case as lists show it. */
export function summaryOf(row: CaseRow, names: Names, now: Date): CaseSummary {
  const category = row.categoryCode ? names.categories.get(row.categoryCode) : undefined;
  return {
    id: row.id,
    number: row.number,
    channel: row.channel as CaseChannel,
    status: row.status as CaseStatus,
    categoryCode: row.categoryCode,
    categoryName: category?.name ?? null,
    departmentId: row.departmentId,
    departmentName: row.departmentId ? (names.departments.byId.get(row.departmentId)?.name ?? null) : null,
    subdistrictCode: row.subdistrictCode,
    communityCode: row.communityCode,
    address: row.address,
    title: row.title,
    content: row.content,
    urgency: row.urgency as CaseSummary['urgency'],
    receivedAt: toChinaIso(row.receivedAt),
    dueAt: iso(row.dueAt),
    closedAt: iso(row.closedAt),
    clock: clockOf(row, now, category?.timeLimit),
    supervised: row.supervised,
    escalated: row.escalated,
    extensionRequested: row.extensionRequest !== null && row.extensionRequest !== undefined,
    reopenCount: row.reopenCount,
  };
}

/** A step of the history as the case page shows it. */
export function stepOf(row: StepRow, departments: DepartmentDirectory): CaseStep {
  return {
    id: row.id,
    action: row.action,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    actorName: row.actorName,
    departmentName: row.departmentId ? (departments.byId.get(row.departmentId)?.name ?? null) : null,
    note: row.note,
    detail: row.detail ?? null,
    at: toChinaIso(row.at),
  };
}

/** A case whole, the reporter's contact masked. */
export function detailOf(
  row: CaseRow,
  extra: {
    steps: StepRow[];
    mergedInto: string | null;
    actions: CaseDetail['actions'];
    canReadContact: boolean;
  },
  names: Names,
  now: Date,
): CaseDetail {
  return {
    ...summaryOf(row, names, now),
    assistDepartments: row.assistDepartmentIds.map((id) => ({
      id,
      name: names.departments.byId.get(id)?.name ?? String(id),
    })),
    lng: row.lng,
    lat: row.lat,
    reporterName: row.reporterName ? maskName(row.reporterName) : null,
    reporterPhone: row.reporterPhone ? maskPhone(row.reporterPhone) : null,
    wantsReply: row.wantsReply,
    mediaUrls: row.mediaUrls,
    reply: row.reply,
    satisfaction: row.satisfaction as Satisfaction | null,
    repliedAt: iso(row.repliedAt),
    mergedInto: extra.mergedInto,
    extensionRequest: row.extensionRequest ?? null,
    steps: extra.steps.map((s) => stepOf(s, names.departments)),
    actions: extra.actions,
    canReadContact: extra.canReadContact,
  };
}
