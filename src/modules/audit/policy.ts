/**
 * Who may read the audit log and verify its hash chain. The routes' access and the console's menu and
 * verify button ask these same lists.
 */
import type { Role } from '../../core/context.ts';
import { centerStaff } from '../../core/policy.ts';

export const auditPolicy = {
  /** Read the log and its action names: the center's administrators and data stewards. */
  read: centerStaff,
  /** Walk the whole chain to check it: administrators. */
  verify: ['admin'] as const satisfies readonly Role[],
};
