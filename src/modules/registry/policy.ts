/**
 * Who may do what in the base registries. Routes take their `access` from here, the services ask the object
 * checks before they show or change something, and the console shows menus and buttons by the same lists and
 * checks (registry/web imports this file).
 */
import {
  actsFor,
  centerStaff,
  dataReaders,
  departmentStaff,
  holds,
  isCenterStaff,
  type Subject,
  worksFor,
} from '../../core/policy.ts';

/** The base registries' role lists (for routes and menus) and object checks (for services and buttons). */
export const registryPolicy = {
  /** Read the registries: search, entities, statistics, the map, conflicts, precedence and quality. */
  read: dataReaders,
  /** Resolve conflicts between sources and set the sources' precedence: the center's staff. */
  curate: centerStaff,
  /** Raise and follow objections (数据纠错); department users for their own department (see the object checks). */
  objections: departmentStaff,
  /** Issue and revoke licenses; department users for their own department only (`mayHandleLicense`). */
  issueLicenses: departmentStaff,
  /** Read the list of licenses (holders masked unless `mayHandleLicense`). */
  readLicenses: dataReaders,
  /** Whose menu offers their own licenses (the API serves any signed-in account with an ID number). */
  ownLicenses: ['citizen'] as const,

  /**
   * See a registry's personal items unmasked: center staff, and any user of the department that provides the
   * registry's resource. Leaders and other departments see them masked.
   */
  maySeeRaw: (subject: Subject, resource: { providerDepartmentId: number | null }) =>
    isCenterStaff(subject) ||
    (!!subject?.departmentId && subject.departmentId === resource.providerDepartmentId),

  /**
   * A resident (role `citizen`, no staff role) raises objections on their own entries only (their person, a company
   * they represent), through the citizen app; the source department answers them as any other.
   */
  isResident: (subject: Subject) => holds(subject, ['citizen']) && !holds(subject, departmentStaff),

  /** See every objection and act on any: the center's staff. */
  seesAllObjections: (subject: Subject) => isCenterStaff(subject),
  /** Answer an objection (and see it raw): center staff, or the department the objected value came from. */
  mayAnswerObjection: (subject: Subject, objection: { sourceDepartmentId: number | null }) =>
    actsFor(subject, objection.sourceDepartmentId),
  /** Close an answered objection: center staff, or the department that raised it. */
  mayCloseObjection: (subject: Subject, objection: { raisedByDepartmentId: number | null }) =>
    actsFor(subject, objection.raisedByDepartmentId),

  /** Choose the issuing department of a license (center staff); others issue for their own. */
  choosesIssuer: (subject: Subject) => isCenterStaff(subject),
  /**
   * Issue, revoke and see unmasked the licenses of a department: center staff any, a department user their
   * own department's.
   */
  mayHandleLicense: (subject: Subject, issuerDepartmentId: number) => actsFor(subject, issuerDepartmentId),
  /**
   * Whose people's licenses this subject may see unmasked, as one answer for a filter: 'all' for center staff,
   * their department's id for a department user, null for anyone else.
   */
  licensesHandled: (subject: Subject): 'all' | number | null =>
    isCenterStaff(subject)
      ? 'all'
      : worksFor(subject, subject?.departmentId ?? null)
        ? subject!.departmentId
        : null,
};
