import type { Role } from '../../../core/context.ts';

/**
 * The roles the registry API lets read the registries, and those it lets resolve conflicts and edit source
 * precedence. Apart, so the menu needs nothing else.
 */
export const readers = ['admin', 'steward', 'leader', 'department_user'] as const satisfies readonly Role[];
export const stewards = ['admin', 'steward'] as const satisfies readonly Role[];
