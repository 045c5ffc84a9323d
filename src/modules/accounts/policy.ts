/**
 * Who may do what with accounts. Everyone signed in manages their own password and API tokens; only
 * administrators administer accounts. The routes and the console's users page and menu ask the same list.
 */
import type { Role } from '../../core/context.ts';

export const accountsPolicy = {
  /** List, create and edit accounts, reset their passwords and unlock them. */
  administer: ['admin'] as const satisfies readonly Role[],
};
