import { randomInt } from 'node:crypto';
import { checkIdNumber } from '../../core/cn-codes.ts';
import { type Ctx, lookupCtx } from '../../core/context.ts';
import { type Db, isUniqueViolation } from '../../core/db.ts';
import { ConflictError, InputError, NotFoundError } from '../../core/errors.ts';
import { fieldChanges } from '../../core/field-changes.ts';
import { maskIdNumber, maskPhone } from '../../core/masking.ts';
import type { AuditService } from '../audit/index.ts';
import { CENTER_CODE, type OrgService } from '../org/index.ts';
import type { User, UserCreate, UserQuery, UserUpdate } from './contract.ts';
import { generatePassword, hashPassword } from './password.ts';
import './messages.ts';
import type { LoginLocks } from './login-guard.ts';
import * as repo from './repository.ts';
import { checkPasswordPolicy, toActor, toUser } from './shared.ts';

export type UsersService = ReturnType<typeof createUsersService>;

const USERNAME_CHARS = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * The user name of a resident's account made at sign-up: `c` and ten random letters and digits (`c7k2m9q4xra`).
 * It never changes and tells nothing about the person (it shows in the audit log and on objections); residents
 * sign in with their ID number or mobile number instead.
 */
export function citizenUsername(): string {
  let name = 'c';
  for (let i = 0; i < 10; i++) name += USERNAME_CHARS[randomInt(USERNAME_CHARS.length)];
  return name;
}

/** Account administration: create, edit, disable, reset, unlock. */
export function createUsersService(deps: {
  db: Db;
  audit: AuditService;
  org: OrgService;
  locks: LoginLocks;
}) {
  const { db, audit, org } = deps;

  async function checkDepartment(departmentId: number | null | undefined) {
    if (departmentId == null) return;
    await org.getDepartment(lookupCtx, departmentId).catch(() => {
      throw new InputError(
        'unknown_department',
        `Department ${departmentId} does not exist`,
        [{ field: 'departmentId', reason: 'invalid' }],
        {
          department: departmentId,
        },
      );
    });
  }

  /**
   * Checks the ID number an account is to have (GB 11643); only citizen accounts carry one, as it is what
   * links a person's account to their licenses. Returns it normalized ('' clears it).
   */
  function checkAccountIdNumber(idNumber: string | null | undefined, roles: string[]) {
    if (!idNumber) return idNumber === undefined ? undefined : null;
    const problem = checkIdNumber(idNumber);
    if (problem)
      throw new InputError('invalid_input', 'Bad ID number', [{ field: 'idNumber', reason: problem }]);
    if (!roles.includes('citizen'))
      throw new InputError('id_number_not_citizen', 'Only citizen accounts carry an ID number', [
        { field: 'idNumber', reason: 'id_number_not_citizen' },
      ]);
    return idNumber;
  }

  /** The conflict to report for a unique violation: the ID number's, or else the user name's. */
  function duplicateOf(error: unknown, username?: string) {
    const e = error as { cause?: { constraint_name?: string; constraint?: string } };
    const constraint = String(e.cause?.constraint_name ?? e.cause?.constraint ?? '');
    if (username === undefined || constraint.includes('id_number'))
      return new ConflictError('duplicate_id_number', 'Another account has this ID number', {}, [
        { field: 'idNumber', reason: 'duplicate_id_number' },
      ]);
    const params = { username };
    return new ConflictError('duplicate_username', `User name ${username} is taken`, params, [
      { field: 'username', reason: 'duplicate_username', params },
    ]);
  }

  /** The audit detail of an account change: the ID number masked. */
  const auditable = <T extends { idNumber?: string | null }>(detail: T) =>
    detail.idNumber ? { ...detail, idNumber: maskIdNumber(detail.idNumber) } : detail;

  /** Refuses to leave the platform without an active administrator. */
  async function keepOneAdmin(tx: Db, userId: number, next: { active?: boolean; roles?: string[] }) {
    const losesAdmin = next.active === false || (next.roles && !next.roles.includes('admin'));
    if (losesAdmin && (await repo.countOtherActiveAdmins(tx, userId)) === 0) {
      const before = await repo.findUserById(tx, userId);
      if (before?.active && before.roles.includes('admin'))
        throw new ConflictError('last_admin', 'The last active administrator cannot be removed', {}, [
          { field: next.active === false ? 'active' : 'roles', reason: 'last_admin' },
        ]);
    }
  }

  async function setPassword(ctx: Ctx, id: number, password: string | undefined, action: string) {
    const chosen = password ?? generatePassword();
    checkPasswordPolicy(chosen);
    const passwordHash = await hashPassword(chosen);
    return db.transaction(async (tx) => {
      // A password set by someone else must be changed at next sign-in, and any old session ends.
      const row = await repo.updateUser(tx, id, {
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        passwordChangedAt: new Date(),
      });
      if (!row) throw new NotFoundError('user', id);
      await repo.deleteUserSessions(tx, id);
      await audit.record(tx, ctx, { action, targetType: 'user', targetId: id });
      return { user: toUser(row), password: password ? null : chosen };
    });
  }

  return {
    /** Users, filtered and paged. */
    async list(_ctx: Ctx, q: UserQuery): Promise<{ items: User[]; total: number }> {
      const { items, total } = await repo.findUsers(db, q);
      return { items: items.map((u) => toUser(u)), total };
    },

    /** One user by id. */
    async get(_ctx: Ctx, id: number): Promise<User> {
      const row = await repo.findUserById(db, id);
      if (!row) throw new NotFoundError('user', id);
      return toUser(row);
    },

    /**
     * A citizen account's whole ID number, for the services that find the person's own records (their licenses);
     * views only ever show it masked. Null when the account has none.
     */
    async idNumberOf(userId: number): Promise<string | null> {
      return (await repo.findUserById(db, userId))?.idNumber ?? null;
    },

    /** One user by user name. */
    async getByUsername(_ctx: Ctx, username: string): Promise<User> {
      const row = await repo.findUserByUsername(db, username);
      if (!row) throw new NotFoundError('user', username);
      return toUser(row);
    },

    /** Creates an account; without a password one is generated and returned once. */
    async create(ctx: Ctx, input: UserCreate): Promise<{ user: User; password: string | null }> {
      await checkDepartment(input.departmentId);
      const idNumber = checkAccountIdNumber(input.idNumber, input.roles);
      const password = input.password ?? generatePassword();
      checkPasswordPolicy(password);
      const passwordHash = await hashPassword(password);
      try {
        return await db.transaction(async (tx) => {
          const row = await repo.insertUser(tx, {
            username: input.username,
            displayName: input.displayName,
            departmentId: input.departmentId,
            roles: [...new Set(input.roles)],
            idNumber,
            passwordHash,
            mustChangePassword: !input.password || ctx.actor?.via !== 'system',
          });
          const { password: _, ...detail } = input;
          await audit.record(tx, ctx, {
            action: 'user.create',
            targetType: 'user',
            targetId: row.id,
            detail: auditable(detail),
          });
          return { user: toUser(row), password: input.password ? null : password };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateOf(error, input.username);
        throw error;
      }
    },

    /**
     * Creates the account of a resident whose real name the caller (the citizen module's sign-up) has checked:
     * role `citizen`, no department, their ID number and mobile number, the password they chose (kept: they chose
     * it), and a user name of its own (see citizenUsername). 409 `duplicate_id_number` when the ID number has an
     * account. Audited as the resident's own act when nobody is signed in (sign-up), else as the caller's.
     */
    async createCitizen(
      ctx: Ctx,
      input: { idNumber: string; name: string; phone: string | null; password: string },
      via: 'signup' | 'demo' = 'signup',
    ): Promise<User> {
      const idNumber = checkAccountIdNumber(input.idNumber, ['citizen'])!;
      checkPasswordPolicy(input.password);
      const passwordHash = await hashPassword(input.password);
      // A random name can meet one already given: draw again (a clash is a one-in-billions event).
      for (let attempt = 0; ; attempt++) {
        const username = citizenUsername();
        try {
          return await db.transaction(async (tx) => {
            const row = await repo.insertUser(tx, {
              username,
              displayName: input.name,
              departmentId: null,
              roles: ['citizen'],
              idNumber,
              phone: input.phone,
              passwordHash,
              mustChangePassword: false,
            });
            const by = ctx.actor ? ctx : { ...ctx, actor: toActor(row, 'session') };
            await audit.record(tx, by, {
              action: 'user.create',
              targetType: 'user',
              targetId: row.id,
              detail: {
                via,
                username,
                displayName: input.name,
                roles: ['citizen'],
                idNumber: maskIdNumber(idNumber),
                phone: input.phone && maskPhone(input.phone),
              },
            });
            return toUser(row);
          });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          const clash = duplicateOf(error, username);
          if (clash.code === 'duplicate_id_number' || attempt >= 3) throw clash;
        }
      }
    },

    /** Edits name, department, roles, ID number or active flag; disabling signs the user out everywhere. */
    async update(ctx: Ctx, id: number, input: UserUpdate): Promise<User> {
      await checkDepartment(input.departmentId);
      const update = async (tx: Db) => {
        const before = await repo.findUserById(tx, id);
        if (!before) throw new NotFoundError('user', id);
        await keepOneAdmin(tx, id, input);
        // The account's ID number must suit its roles after the change, whichever of the two changes.
        const idNumber = checkAccountIdNumber(
          input.idNumber === undefined ? before.idNumber : input.idNumber,
          input.roles ?? before.roles,
        );
        const row = (await repo.updateUser(tx, id, {
          ...input,
          ...(input.idNumber !== undefined && { idNumber }),
          roles: input.roles && [...new Set(input.roles)],
        }))!;
        if (input.active === false) await repo.deleteUserSessions(tx, id);
        const changes = fieldChanges(before, input);
        if (changes.idNumber)
          changes.idNumber = {
            from: before.idNumber && maskIdNumber(before.idNumber),
            to: idNumber && maskIdNumber(idNumber),
          };
        await audit.record(tx, ctx, {
          action: 'user.update',
          targetType: 'user',
          targetId: id,
          detail: changes,
        });
        return toUser(row);
      };
      try {
        return await db.transaction(update);
      } catch (error) {
        // The user name does not change here, so only the ID number can clash.
        if (isUniqueViolation(error)) throw duplicateOf(error);
        throw error;
      }
    },

    /** Sets a new password (given, or generated and returned once). */
    resetPassword(ctx: Ctx, id: number, password?: string) {
      return setPassword(ctx, id, password, 'user.password_reset');
    },

    /** Lifts a lockout before it runs out. */
    async unlock(ctx: Ctx, id: number): Promise<User> {
      return db.transaction(async (tx) => {
        const row = await repo.updateUser(tx, id, { failedLogins: 0, lockedUntil: null });
        if (!row) throw new NotFoundError('user', id);
        deps.locks.clear(row.username);
        await audit.record(tx, ctx, { action: 'user.unlock', targetType: 'user', targetId: id });
        return toUser(row);
      });
    },

    /**
     * On first start, creates `admin` in the center with the configured password, or a random one
     * that is returned so it can be printed once. Does nothing when any user exists.
     */
    async ensureAdmin(
      ctx: Ctx,
      configuredPassword?: string,
    ): Promise<{ created: boolean; password: string | null }> {
      if ((await repo.countUsers(db)) > 0) return { created: false, password: null };
      const center = await org.findDepartmentByCode(CENTER_CODE);
      const { password } = await this.create(ctx, {
        username: 'admin',
        displayName: '系统管理员',
        departmentId: center?.id ?? null,
        roles: ['admin'],
        password: configuredPassword,
      });
      return { created: true, password };
    },

    /** Number of users, for the home page. */
    count: () => repo.countUsers(db),
  };
}
