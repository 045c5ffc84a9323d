/**
 * Who may do what in the resource catalog. Routes take their `access` from here, the service asks `mayEdit`
 * before a write, and the console shows menus and buttons by the same lists (catalog/web imports this file).
 */
import { actsFor, dataReaders, departmentStaff, isCenterStaff, type Subject } from '../../core/policy.ts';

// How far a resource is open: a department may narrow it alone, only the center may widen it.
const openness: Record<string, number> = { closed: 0, conditional: 1, open: 2 };

export const catalogPolicy = {
  /** Read the catalog, export it, search it. */
  read: dataReaders,
  /** Register resources and import workbooks (departments only their own resources). */
  write: departmentStaff,
  /** Register and edit resources for any provider: the center's staff (departments provide their own only). */
  anyProvider: (subject: Subject) => isCenterStaff(subject),
  /**
   * Decide what publishes personal data: open a resource further (closed → conditional → open) or take an
   * item's personal flag off. The center reviews these; a department user may not do them alone.
   */
  mayReview: (subject: Subject) => isCenterStaff(subject),
  /** Make a resource that was `from` (a new one: closed) as open as `to`: narrowing alone, widening after review. */
  mayOpen: (subject: Subject, from: string, to: string) =>
    isCenterStaff(subject) || (openness[to] ?? 0) <= (openness[from] ?? 0),
  /** Edit one resource: center staff any, a department user their department's. */
  mayEdit: (subject: Subject, resource: { providerDepartmentId: number }) =>
    actsFor(subject, resource.providerDepartmentId),
};
