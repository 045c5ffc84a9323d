import type { Actor, Role } from '../../core/context.ts';
import { InputError } from '../../core/errors.ts';
import { maskIdNumber } from '../../core/masking.ts';
import type { User } from './contract.ts';
import { isStrongPassword } from './password.ts';
import type { UserRow } from './repository.ts';

/** The actor a signed-in user acts as. */
export function toActor(row: UserRow, via: Actor['via']): Actor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.displayName,
    departmentId: row.departmentId,
    roles: row.roles as Role[],
    via,
  };
}

/** A user as the API shows it: never the hash, and the ID number masked (it is set, never read back whole). */
export function toUser(row: UserRow, now = new Date()): User {
  const locked = !!row.lockedUntil && row.lockedUntil > now;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    departmentId: row.departmentId,
    roles: row.roles as Role[],
    idNumber: row.idNumber && maskIdNumber(row.idNumber),
    active: row.active,
    locked,
    lockedUntil: locked ? row.lockedUntil!.toISOString() : null,
    mustChangePassword: row.mustChangePassword,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Refuses a password that does not meet the policy, naming the field. */
export function checkPasswordPolicy(password: string, field = 'password') {
  if (!isStrongPassword(password)) {
    throw new InputError('weak_password', 'The password is too weak', [{ field, reason: 'weak_password' }]);
  }
}
