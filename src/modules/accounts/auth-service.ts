import type { Config } from '../../core/config.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { ForbiddenError, InputError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { createMinuteTally } from '../../core/minute-tally.ts';
import type { AuditService } from '../audit/index.ts';
import type { Me } from './contract.ts';
import type { LoginLocks } from './login-guard.ts';
import { DUMMY_HASH, hashPassword, newSecret, sha256, verifyPassword } from './password.ts';
import * as repo from './repository.ts';
import { checkPasswordPolicy, toActor } from './shared.ts';

export const TOKEN_PREFIX = 'oc_';
// Writing last-seen on every request would turn every read into a write; a minute is precise enough for timeouts.
const TOUCH_EVERY_MS = 60_000;

export type AuthService = ReturnType<typeof createAuthService>;

type AuthConfig = Pick<
  Config,
  'sessionIdleMinutes' | 'sessionMaxHours' | 'loginMaxFailures' | 'lockoutMinutes'
>;

/** Sign-in, sessions, lockout, password change and personal API tokens. */
export function createAuthService(deps: {
  db: Db;
  config: AuthConfig;
  audit: AuditService;
  locks: LoginLocks;
  now?: () => Date;
}) {
  const { db, config, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const idleMs = config.sessionIdleMinutes * 60_000;
  const locks = deps.locks;
  // Refused unknown names, per address and minute.
  const refusals = createMinuteTally<{ address: string }>();

  /** Writes one audit entry per address and minute of refused unknown names (the minutes ended, or all). */
  async function flushRefusals(t: number, all = false) {
    for (const r of refusals.take(t, all))
      await audit.recordNow(
        { actor: null, ip: r.key.address || null, requestId: 'login-refusals' },
        {
          action: 'auth.login',
          targetType: 'user',
          outcome: 'denied',
          detail: { reason: 'unknown_user', attempts: r.count, minute: new Date(r.minute).toISOString() },
        },
      );
  }

  /** Stores a new session of `user` and audits the sign-in; returns the cookie's value and what the user sees. */
  async function openSession(
    ctx: Ctx,
    user: repo.UserRow,
    t: Date,
    userAgent?: string,
    detail?: Record<string, unknown>,
  ): Promise<{ sessionToken: string; me: Me; expiresAt: Date }> {
    const sessionToken = newSecret();
    const expiresAt = new Date(t.getTime() + config.sessionMaxHours * 3_600_000);
    const signedIn = { ...ctx, actor: toActor(user, 'session') };
    await db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: t });
      await repo.insertSession(tx, {
        id: sha256(sessionToken),
        userId: user.id,
        createdAt: t,
        lastSeenAt: t,
        expiresAt,
        ip: ctx.ip,
        userAgent: userAgent?.slice(0, 300),
      });
      await audit.record(tx, signedIn, {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        ...(detail && { detail }),
      });
    });
    return { sessionToken, expiresAt, me: toMe(user) };
  }

  return {
    /**
     * Checks the password and opens a session. Every refusal before the password is known right (unknown name,
     * wrong password, a lockout of this address) gets the same answer, so the answer tells no one which names
     * exist. A locked (name, address) is refused without looking at the password: saying "right password, but
     * locked" would let guessing go on through the lock.
     */
    async login(
      ctx: Ctx,
      input: { username: string; password: string },
      userAgent?: string,
    ): Promise<{ sessionToken: string; me: Me; expiresAt: Date }> {
      const t = now();
      const address = ctx.ip ?? '';
      await flushRefusals(t.getTime());
      const user = await findBySignInName(db, input.username);
      // Locks and the log name the account, whichever of its names was typed: switching between the user name, ID
      // number and phone must not start the count again, and the log must not hold an ID number.
      const name = user?.username ?? input.username;
      const refused = () => new UnauthorizedError('bad_credentials', 'Wrong user name or password');
      // A failed sign-in is nobody's act, even if the browser still carries someone's session cookie.
      const fail = async (
        code: string,
        detail: Record<string, unknown>,
        error: Error = refused(),
      ): Promise<never> => {
        await audit.recordNow(
          { ...ctx, actor: null },
          {
            action: 'auth.login',
            targetType: 'user',
            targetId: user!.id,
            outcome: 'denied',
            detail: { username: name, reason: code, ...detail },
          },
        );
        throw error;
      };
      const lockedUntil = locks.lockedUntil(name, address, t.getTime());
      if (!user || lockedUntil) {
        // The same work as a real check, so the time taken does not tell either.
        await verifyPassword(input.password, DUMMY_HASH);
        if (user) return fail('account_locked', { until: new Date(lockedUntil!).toISOString() });
        locks.fail(name, address, t.getTime());
        // Names nobody has are counted, not logged one by one: a script's guesses would fill the log.
        refusals.add({ address }, t.getTime());
        throw refused();
      }
      if (!(await verifyPassword(input.password, user.passwordHash))) {
        const { failures, lockedUntil: until } = locks.fail(name, address, t.getTime());
        // The account shows as locked to admins (who may lift it); only this address is kept out.
        if (until) await repo.updateUser(db, user.id, { lockedUntil: new Date(until) });
        return fail(until ? 'account_locked' : 'bad_password', {
          failures,
          ...(until ? { until: new Date(until).toISOString() } : {}),
        });
      }
      locks.succeed(name, address);
      // Only someone who knows the password learns that the account is disabled.
      if (!user.active)
        return fail(
          'account_disabled',
          {},
          new ForbiddenError('account_disabled', 'The account is disabled'),
        );

      return openSession(ctx, user, t, userAgent);
    },

    /**
     * Opens a session for a user who has just proved who they are another way than a password typed here: a
     * resident whose real-name sign-up just created the account. The caller vouches for that proof.
     */
    async startSession(ctx: Ctx, userId: number, userAgent?: string, detail?: Record<string, unknown>) {
      const user = await repo.findUserById(db, userId);
      if (!user) throw new NotFoundError('user', userId);
      if (!user.active) throw new ForbiddenError('account_disabled', 'The account is disabled');
      return openSession(ctx, user, now(), userAgent, detail);
    },

    /** Ends the session behind the cookie. */
    async logout(ctx: Ctx, sessionToken: string | undefined) {
      if (!sessionToken) return;
      await db.transaction(async (tx) => {
        await repo.deleteSession(tx, sha256(sessionToken));
        await audit.record(tx, ctx, {
          action: 'auth.logout',
          targetType: 'user',
          targetId: ctx.actor?.userId,
        });
      });
    },

    /**
     * Resolves the caller from a bearer token or a session cookie. Returns null when neither is given;
     * throws when one is given but is bad, expired or belongs to a disabled user.
     */
    async authenticate(credentials: { bearer?: string; sessionToken?: string }): Promise<Actor | null> {
      const t = now();
      if (credentials.bearer) {
        const row = await repo.findLiveToken(db, sha256(credentials.bearer), t);
        if (!row?.users.active)
          throw new UnauthorizedError('bad_token', 'The API token is invalid or expired');
        if (
          !row.api_tokens.lastUsedAt ||
          t.getTime() - row.api_tokens.lastUsedAt.getTime() > TOUCH_EVERY_MS
        ) {
          await repo.touchToken(db, row.api_tokens.id, t);
        }
        return toActor(row.users, 'token');
      }
      if (credentials.sessionToken) {
        const id = sha256(credentials.sessionToken);
        const row = await repo.findSession(db, id);
        if (!row) throw new UnauthorizedError('session_expired', 'The session has expired');
        const { sessions: session, users: user } = row;
        if (session.expiresAt <= t || t.getTime() - session.lastSeenAt.getTime() > idleMs || !user.active) {
          await repo.deleteSession(db, id);
          throw new UnauthorizedError('session_expired', 'The session has expired');
        }
        if (t.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, id, t);
        return toActor(user, 'session');
      }
      return null;
    },

    /** The signed-in user's own profile. */
    async me(ctx: Ctx): Promise<Me> {
      const user = await repo.findUserById(db, ctx.actor!.userId);
      if (!user) throw new NotFoundError('user', ctx.actor!.userId);
      return toMe(user);
    },

    /** Changes one's own password; every other session of the user is signed out. */
    async changePassword(
      ctx: Ctx,
      input: { currentPassword: string; newPassword: string },
      currentSessionToken?: string,
    ) {
      const user = await repo.findUserById(db, ctx.actor!.userId);
      if (!user) throw new NotFoundError('user', ctx.actor!.userId);
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        await audit.recordNow(ctx, {
          action: 'auth.password_change',
          targetType: 'user',
          targetId: user.id,
          outcome: 'denied',
        });
        throw new InputError('wrong_password', 'The current password is wrong', [
          { field: 'currentPassword', reason: 'invalid' },
        ]);
      }
      checkPasswordPolicy(input.newPassword, 'newPassword');
      if (input.newPassword === input.currentPassword) {
        throw new InputError('same_password', 'The new password must differ', [
          { field: 'newPassword', reason: 'invalid' },
        ]);
      }
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, user.id, {
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: now(),
        });
        await repo.deleteUserSessions(tx, user.id, currentSessionToken && sha256(currentSessionToken));
        await audit.record(tx, ctx, {
          action: 'auth.password_change',
          targetType: 'user',
          targetId: user.id,
        });
      });
    },

    /** The caller's API tokens (never their values). */
    async listTokens(ctx: Ctx) {
      return (await repo.findUserTokens(db, ctx.actor!.userId)).map(toApiToken);
    },

    /** Creates a personal API token; its value is returned this once and only its hash is kept. */
    async createToken(ctx: Ctx, input: { name: string; expiresInDays?: number | null }) {
      const token = `${TOKEN_PREFIX}${newSecret()}`;
      const expiresAt = input.expiresInDays
        ? new Date(now().getTime() + input.expiresInDays * 86_400_000)
        : null;
      return db.transaction(async (tx) => {
        const row = await repo.insertToken(tx, {
          userId: ctx.actor!.userId,
          name: input.name,
          tokenHash: sha256(token),
          prefix: token.slice(0, 10),
          expiresAt,
        });
        await audit.record(tx, ctx, {
          action: 'auth.token_create',
          targetType: 'api_token',
          targetId: row.id,
          detail: { name: input.name, expiresAt },
        });
        return { token, apiToken: toApiToken(row) };
      });
    },

    /** Revokes one of the caller's tokens; it stops working at once. */
    async revokeToken(ctx: Ctx, id: number) {
      await db.transaction(async (tx) => {
        const row = await repo.revokeToken(tx, ctx.actor!.userId, id, now());
        if (!row) throw new NotFoundError('api_token', id);
        await audit.record(tx, ctx, { action: 'auth.token_revoke', targetType: 'api_token', targetId: id });
      });
    },

    /** Logs the tallies of refused unknown names: the minutes that ended, or all of them (at shutdown). */
    flushRefusals: (all = false) => flushRefusals(now().getTime(), all),

    /** Drops sessions past their timeouts (housekeeping). */
    async purgeExpiredSessions() {
      const t = now();
      await flushRefusals(t.getTime());
      return repo.deleteExpiredSessions(db, new Date(t.getTime() - idleMs), t);
    },
  };
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
const MOBILE = /^1\d{10}$/;

/**
 * The account a sign-in name names: a user name first (every existing name keeps working), else a citizen's ID
 * number or mobile number. A mobile number that several accounts carry (a family's one phone) names none of them:
 * they sign in with their ID numbers.
 */
async function findBySignInName(db: Db, name: string) {
  const byUsername = await repo.findUserByUsername(db, name);
  if (byUsername) return byUsername;
  if (ID_NUMBER.test(name)) return repo.findUserByIdNumber(db, name.toUpperCase());
  if (MOBILE.test(name)) {
    const found = await repo.findUsersByPhone(db, name);
    return found.length === 1 ? found[0] : undefined;
  }
  return undefined;
}

function toMe(user: repo.UserRow): Me {
  const actor = toActor(user, 'session');
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    roles: actor.roles,
    mustChangePassword: user.mustChangePassword,
  };
}

function toApiToken(row: Awaited<ReturnType<typeof repo.insertToken>>) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revoked: !!row.revokedAt,
  };
}
