/**
 * Who may use "report once" (最多报一次). Departments define forms for their own department and read the
 * submissions sent to them; the center's staff any. Residents fill forms for themselves, or for a company they
 * represent, and read only their own submissions.
 */
import type { Role } from '../../core/context.ts';
import { actsFor, type Subject } from '../../core/policy.ts';

export const formsPolicy = {
  /** Define forms and read inboxes (console): the center's staff and department users. */
  manage: ['admin', 'steward', 'department_user'] as const satisfies readonly Role[],
  /** Fill forms and read one's own submissions (app). */
  fill: ['citizen'] as const satisfies readonly Role[],
  /** Edit a form, or read a department's inbox: the center's staff any, a department user their own department's. */
  mayActFor: (subject: Subject, departmentId: number) => actsFor(subject, departmentId),
};
