/**
 * The vocabulary of who may do what, shared by every module's policy.ts. A policy names who may call a route
 * (a role list, given to the route's `config.access` and to the console's menus and buttons alike) and who may
 * act on one object (a function of the subject and the object, asked by services and by the console).
 */
import type { Role } from './context.ts';

/** Who asks: a signed-in actor on the server, the signed-in user in the console; null for nobody. */
export type Subject = { roles: readonly Role[]; departmentId: number | null } | null;

/** The data resource center's staff: administrators and data stewards (数据专员), who act for the whole district. */
export const centerStaff = ['admin', 'steward'] as const satisfies readonly Role[];

/** Those who act on the district's data for the center or for their department. */
export const departmentStaff = ['admin', 'steward', 'department_user'] as const satisfies readonly Role[];

/** Everyone who reads the district's data at work: the center, departments and leaders (citizens are not). */
export const dataReaders = [
  'admin',
  'steward',
  'department_user',
  'leader',
] as const satisfies readonly Role[];

/** True when the subject holds one of the roles. */
export function holds(subject: Subject, roles: readonly Role[]): boolean {
  return !!subject && subject.roles.some((r) => roles.includes(r));
}

/** True for the center's administrators and data stewards. */
export function isCenterStaff(subject: Subject): boolean {
  return holds(subject, centerStaff);
}

/** True for a department user of department `departmentId`. */
export function worksFor(subject: Subject, departmentId: number | null): boolean {
  return (
    holds(subject, ['department_user']) && departmentId !== null && subject!.departmentId === departmentId
  );
}

/** Center staff act on anything; a department user on what belongs to their own department. */
export function actsFor(subject: Subject, departmentId: number | null): boolean {
  return isCenterStaff(subject) || worksFor(subject, departmentId);
}

/** True for a screen account: a display in the operations center that may open the IOC screen and nothing else. */
export function isScreenOnly(subject: Subject): boolean {
  return !!subject && subject.roles.length > 0 && subject.roles.every((r) => r === 'screen');
}
