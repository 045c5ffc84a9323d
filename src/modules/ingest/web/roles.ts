import type { Role } from '../../../core/context.ts';

/**
 * The roles the ingest API lets deliver data (department users only for their own department's resources),
 * read batches, data and quality, and configure scheduled pulls. Apart, so the menu needs nothing else.
 */
export const deliverers = ['admin', 'steward', 'department_user'] as const satisfies readonly Role[];
export const readers = ['admin', 'steward', 'department_user', 'leader'] as const satisfies readonly Role[];
export const pullManagers = ['admin', 'steward'] as const satisfies readonly Role[];
