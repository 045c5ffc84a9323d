/**
 * Who may do what with cases (工单). The center's desk (administrators, stewards and 12345 operators) takes calls,
 * dispatches, reviews, calls back and closes; the lead department (主办) of a case accepts, returns, replies and
 * asks for more time; co-handling departments (协办) and leaders read; grid inspectors report and read their own
 * reports. Routes take the role lists; services and the console ask the object checks.
 */
import type { Role } from '../../core/context.ts';
import { holds, type Subject } from '../../core/policy.ts';

const centerDesk = ['admin', 'steward', 'operator'] as const satisfies readonly Role[];

/** The parts of a case the checks read. */
export type CaseParties = {
  departmentId: number | null;
  assistDepartmentIds: readonly number[];
  createdBy: number | null;
};

type Person = (NonNullable<Subject> & { userId?: number }) | null;

/** Whether the subject works for the case's lead department. */
function leads(subject: Subject, c: CaseParties): boolean {
  return (
    holds(subject, ['department_user']) && c.departmentId !== null && subject!.departmentId === c.departmentId
  );
}

/** Whether the subject works for one of the case's co-handling departments. */
function assists(subject: Subject, c: CaseParties): boolean {
  return (
    holds(subject, ['department_user']) &&
    subject!.departmentId !== null &&
    c.assistDepartmentIds.includes(subject!.departmentId)
  );
}

export const eventsPolicy = {
  /** Take a call or a report and open a case at the desk. */
  intake: centerDesk,
  /** Report from patrol (the grid inspector's page). */
  report: ['inspector', ...centerDesk] as const satisfies readonly Role[],
  /** Open the case pages: the desk, departments, leaders, inspectors (each sees what the checks allow). */
  read: [
    'admin',
    'steward',
    'operator',
    'department_user',
    'leader',
    'inspector',
  ] as const satisfies readonly Role[],
  /** The center's desk: dispatch, transfer, review, callback, close, extensions, suspension, merging, supervision. */
  desk: centerDesk,
  /** Departments act on the cases sent to them. */
  handle: ['department_user'] as const satisfies readonly Role[],
  /** Edit categories, dispatch rules and Open311 keys. */
  configure: ['admin', 'steward'] as const satisfies readonly Role[],
  /** Statistics and early warnings. */
  statistics: [
    'admin',
    'steward',
    'operator',
    'department_user',
    'leader',
  ] as const satisfies readonly Role[],
  /** Early warnings of clustered cases: the center's desk and leaders. */
  warnings: ['admin', 'steward', 'operator', 'leader'] as const satisfies readonly Role[],

  /** Whether the subject is at the center's desk. */
  atDesk(subject: Subject): boolean {
    return holds(subject, centerDesk);
  },
  /** Whether the subject may see the case at all. */
  maySee(subject: Person, c: CaseParties): boolean {
    if (holds(subject, [...centerDesk, 'leader'])) return true;
    if (leads(subject, c) || assists(subject, c)) return true;
    return holds(subject, ['inspector']) && subject?.userId !== undefined && subject.userId === c.createdBy;
  },
  /**
   * Whether the subject is the resident who reported the case from the citizen app (随手拍): they see their own
   * report as residents see it and rate its reply, nothing else.
   */
  isReporter(subject: Person, c: CaseParties & { channel: string }): boolean {
    return (
      holds(subject, ['citizen']) &&
      c.channel === 'app' &&
      subject?.userId !== undefined &&
      subject.userId === c.createdBy
    );
  },
  /** Whether the subject acts for the case's lead department (accept, return, reply, ask for more time). */
  mayHandle(subject: Subject, c: CaseParties): boolean {
    return leads(subject, c);
  },
  /** Whether the subject may read the reporter's contact details unmasked (audited): the desk and the lead department. */
  mayReadContact(subject: Subject, c: CaseParties): boolean {
    return holds(subject, centerDesk) || leads(subject, c);
  },
};
