/**
 * Who may do what in sharing (共享交换). Routes take their `access` from the role lists; the services ask the object
 * checks before they show or change an application, grant or credential (and send their answers to the console as
 * `can`); the console shows menus, pages and choices by the same lists and checks (sharing/web imports this file).
 */
import type { Role } from '../../core/context.ts';
import {
  actsFor,
  centerStaff,
  dataReaders,
  departmentStaff,
  holds,
  isCenterStaff,
  type Subject,
} from '../../core/policy.ts';

/**
 * A subject who may have applied or decided in person: the server knows its actor's user id and name, the console
 * need not.
 */
type Person = (NonNullable<Subject> & { userId?: number; username?: string }) | null;

/** Why a subject may not decide the stage an application waits at (each a 403 code with zh-CN and en texts). */
export type DecideRefusal =
  | 'application_not_pending'
  | 'not_provider_approver'
  | 'not_center_approver'
  | 'own_application'
  | 'already_decided_earlier_stage';

/** The parts of an application the checks read. */
type ApplicationParties = {
  status: string;
  providerDepartmentId: number;
  applicantDepartmentId: number;
  applicantUserId: number;
};

const departmentOf = (subject: Subject) => subject?.departmentId ?? null;

/**
 * Whose applications at the provider stage the subject decides: every department's for administrators, its own
 * department's for department users and stewards (a steward of the providing department approves it too), none else.
 */
function providerStageOf(subject: Subject): number | 'any' | null {
  if (holds(subject, ['admin'])) return 'any';
  return holds(subject, ['department_user', 'steward']) ? departmentOf(subject) : null;
}

/** Whether the subject applied, in person or as the applying department. */
function isApplicant(subject: Person, application: ApplicationParties): boolean {
  const department = departmentOf(subject);
  return (
    subject?.userId === application.applicantUserId ||
    (department !== null && department === application.applicantDepartmentId)
  );
}

/** Sharing's role lists and object checks, for routes, services and the console alike. */
export const sharingPolicy = {
  /**
   * Use the sharing console: apply, decide, see grants, manage credentials, read notifications. Departments act
   * for themselves and center staff for all; the object checks below say which records are whose.
   */
  use: departmentStaff,
  /** Read the sharing API's usage: center staff every call, a department its own calls and those to its resources. */
  readUsage: departmentStaff,
  /**
   * Read the sharing API's documentation of a resource (its item list): whoever reads the catalog, where the same
   * items are listed; not citizens, who see no catalog.
   */
  readDocs: dataReaders,
  /** The center's own work: setting a grant's rate limit and daily quota. */
  center: centerStaff,
  /** Who is told that an application waits at each stage: the providing department's users, then the center. */
  approvers: { provider: 'department_user' as Role, center: centerStaff },

  /** Center staff apply for any department and see every application, grant and call. */
  isCenter: (subject: Subject) => isCenterStaff(subject),
  providerStageOf,
  isApplicant,

  /** Whether the subject decides the stage the application waits at. */
  mayDecide(subject: Subject, application: Pick<ApplicationParties, 'status' | 'providerDepartmentId'>) {
    if (application.status === 'pending_provider') {
      const stage = providerStageOf(subject);
      return stage === 'any' || (stage !== null && stage === application.providerDepartmentId);
    }
    if (application.status === 'pending_center') return isCenterStaff(subject);
    return false;
  },

  /**
   * Why the subject may not decide the stage the application waits at, or null when it may. Separation of duties:
   * whoever applied never decides, and whoever decided one stage never decides the next (`deciders` are the
   * usernames of the application's earlier provider and center decisions).
   */
  decideRefusal(
    subject: Person,
    application: ApplicationParties,
    deciders: readonly string[],
  ): DecideRefusal | null {
    if (application.status !== 'pending_provider' && application.status !== 'pending_center')
      return 'application_not_pending';
    if (!sharingPolicy.mayDecide(subject, application))
      return application.status === 'pending_provider' ? 'not_provider_approver' : 'not_center_approver';
    // User id 0 is the system itself (the demo loader, the bench), not a person; it still decides each stage
    // under another name (below), so its decisions read as separate steps.
    if (subject?.userId && subject.userId === application.applicantUserId) return 'own_application';
    if (subject?.username !== undefined && deciders.includes(subject.username))
      return 'already_decided_earlier_stage';
    return null;
  },

  /**
   * The department the subject would act for at the provider stage without belonging to it (an administrator
   * deciding for the providing department), which the decision must name; null when it decides as itself.
   */
  actsOnBehalfOf(subject: Subject, application: Pick<ApplicationParties, 'status' | 'providerDepartmentId'>) {
    if (application.status !== 'pending_provider') return null;
    return departmentOf(subject) === application.providerDepartmentId
      ? null
      : application.providerDepartmentId;
  },

  /** Whether the subject may see the application: its two departments and the center. */
  isApplicationParty: (subject: Person, application: ApplicationParties) =>
    isCenterStaff(subject) ||
    isApplicant(subject, application) ||
    (departmentOf(subject) !== null && departmentOf(subject) === application.providerDepartmentId),

  /**
   * Whether the subject may see a grant: its consumer, the department providing its resource now (`provider`,
   * undefined when the resource is gone), the center.
   */
  isGrantParty(subject: Subject, grant: { consumerDepartmentId: number }, provider: number | undefined) {
    const department = departmentOf(subject);
    return (
      isCenterStaff(subject) ||
      (department !== null && (department === grant.consumerDepartmentId || department === provider))
    );
  },

  /** Whether the subject may revoke a grant: the center, or the department providing its resource now. */
  mayRevokeGrant: (subject: Subject, provider: number | undefined) => actsFor(subject, provider ?? null),

  /** Whether the subject may manage a grant's credentials: the center, or the department holding it. */
  mayManageCredentials: (subject: Subject, grant: { consumerDepartmentId: number }) =>
    actsFor(subject, grant.consumerDepartmentId),

  /** Whether the subject may change a grant's rate limit and daily quota: the center. */
  maySetLimits: (subject: Subject) => isCenterStaff(subject),
};
