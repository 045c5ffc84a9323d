/**
 * Who may do what in aggregation (归集). Routes take their `access` from here, the services ask the object checks,
 * and the console shows menus, tabs and buttons by the same lists (ingest/web imports this file).
 */
import {
  actsFor,
  centerStaff,
  dataReaders,
  departmentStaff,
  holds,
  isCenterStaff,
  type Subject,
} from '../../core/policy.ts';

// Leaders read every batch, as the center does; they deliver nothing.
const readsEveryBatch = [...centerStaff, 'leader'] as const;

export const ingestPolicy = {
  /** Deliver data: upload and run files, push records (department users only into their own resources). */
  deliver: departmentStaff,
  /** Read batches, their rejected rows, loaded records and quality. */
  read: dataReaders,
  /** Configure and run scheduled pulls: they make the server fetch addresses it is given, so center staff only. */
  managePulls: centerStaff,
  /** Deliver into any resource, not only the resources of one's department. */
  deliversAnywhere: (subject: Subject) => isCenterStaff(subject),
  /** Deliver into one resource: center staff any, a department user their department's. */
  mayDeliverTo: (subject: Subject, resource: { providerDepartmentId: number }) =>
    actsFor(subject, resource.providerDepartmentId),
  /**
   * Name the department a delivery comes from: center staff any (they act for departments that send files to the
   * center), a department user only their own, so a batch never claims another department's data.
   */
  mayDeliverAs: (subject: Subject, departmentId: number) => actsFor(subject, departmentId),
  /** Read every batch (center staff and leaders); a department user reads only some (mayReadBatch). */
  readsEveryBatch: (subject: Subject) => holds(subject, readsEveryBatch),
  /**
   * Read one batch: whoever reads every batch, and a department user a batch its department delivered or whose
   * resource it provides. Without `resource` the question is asked of the delivering department alone.
   */
  mayReadBatch: (
    subject: Subject,
    batch: { sourceDepartmentId: number | null },
    resource?: { providerDepartmentId: number },
  ) => {
    if (holds(subject, readsEveryBatch)) return true;
    const departmentId = subject?.departmentId ?? null;
    if (departmentId === null) return false;
    return batch.sourceDepartmentId === departmentId || resource?.providerDepartmentId === departmentId;
  },
  /** Read why a batch failed inside the server in its own words (they may quote data or internals): center staff. */
  readsInternalErrors: (subject: Subject) => isCenterStaff(subject),
  /** See a resource's personal items unmasked: administrators, and the providing department's users and stewards. */
  seesRaw: (subject: Subject, resource: { providerDepartmentId: number }) =>
    holds(subject, ['admin']) ||
    (holds(subject, ['department_user', 'steward']) &&
      subject!.departmentId === resource.providerDepartmentId),
};
