import { createHash } from 'node:crypto';
import { checkIdNumber } from '../../../core/cn-codes.ts';
import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { ConflictError, DomainError, InputError, NotFoundError } from '../../../core/errors.ts';
import { maskIdNumber } from '../../../core/masking.ts';
import type { AuthService, SessionCookie, UsersService } from '../../accounts/index.ts';
import { checkPasswordPolicy } from '../../accounts/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { createRegistryModule } from '../../registry/index.ts';
import type { SignupBody } from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';

/**
 * How many failed real-name checks pause sign-up, within the window: for one ID number (someone guessing a
 * person's name and phone), and from one client address (someone trying many people).
 */
export const SIGNUP_LIMITS = { perIdNumber: 5, perAddress: 10, windowMs: 3_600_000 };

/** Sign-up is paused for this ID number or address until `until`; the route sends Retry-After. */
export class SignupLockedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(until: Date, now: Date) {
    super(429, 'signup_locked', `Sign-up paused until ${until.toISOString()}`, {
      until: until.toISOString(),
    });
    this.retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A name as people write it: full-width folded, no spaces, one middle dot (阿依古丽·买买提). */
const sameName = (a: string, b: string) => {
  const norm = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/[·•・．.]/g, '·');
  return norm(a) === norm(b);
};

/** A phone number's digits, without a +86 prefix. */
const phoneDigits = (phone: string) => phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');

// The other modules' services it uses (named here, not through services.ts, which imports this file's type).
type Deps = {
  users: Pick<UsersService, 'createCitizen'>;
  registry: Pick<ReturnType<typeof createRegistryModule>, 'service'>;
  audit: AuditService;
  auth: Pick<AuthService, 'startSession'>;
  sessionCookie: SessionCookie;
  database: Database;
  now?: () => Date;
};

/**
 * Real-name sign-up (实名注册): name, ID number and mobile number are matched against the population registry (the
 * phone only when the registry holds one for the person); a mismatch, or no such person, is one answer that does
 * not say which field failed. Failures are counted per ID number and per address, and pause sign-up for them. On a
 * match the resident's account is made (role citizen, their ID number and phone) and they are signed in.
 */
export function createSignupService(deps: Deps) {
  const { database, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const { perIdNumber, perAddress, windowMs } = SIGNUP_LIMITS;

  /** An attempt refused: audited (no actor: nobody is signed in), the ID number masked. */
  const auditRefusal = (ctx: Ctx, idNumber: string, reason: string, detail: Record<string, unknown> = {}) =>
    audit.recordNow(
      { ...ctx, actor: null },
      {
        action: 'citizen.signup',
        targetType: 'population',
        outcome: 'denied',
        detail: { reason, idNumber: maskIdNumber(idNumber), ...detail },
      },
    );

  /** When the pause of this ID number or address ends, or null when it is not paused. */
  async function pausedUntil(idNumberHash: string, ip: string | null, t: Date): Promise<Date | null> {
    const since = new Date(t.getTime() - windowMs);
    // With the newest `limit` failures in the window, the pause ends when the oldest of them leaves it.
    const ends = (failures: Date[], limit: number) =>
      failures.length >= limit ? failures[limit - 1]!.getTime() + windowMs : 0;
    const until = Math.max(
      ends(await repo.recentFailures(database.db, { idNumberHash }, since, perIdNumber), perIdNumber),
      ip ? ends(await repo.recentFailures(database.db, { ip }, since, perAddress), perAddress) : 0,
    );
    return until > t.getTime() ? new Date(until) : null;
  }

  /** True when the population registry holds this person with this name (and this phone, if it has one). */
  async function matches(input: SignupBody): Promise<boolean> {
    const person = await deps.registry.service.get('population', input.idNumber).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!person) return false;
    const { name, phone } = person.values;
    if (!name || !sameName(name, input.name)) return false;
    return !phone || phoneDigits(phone) === phoneDigits(input.phone);
  }

  return {
    /** Sets the session cookie of the session sign-up opened. */
    sessionCookie: deps.sessionCookie,

    /**
     * Checks the resident's real name and makes their account, signed in: returns the session (its cookie value
     * and end) and the signed-in user. 400 for a malformed ID number or a weak password (naming the field), 400
     * `real_name_mismatch`, 429 `signup_locked`, 409 `id_number_registered`.
     */
    async signUp(ctx: Ctx, input: SignupBody, userAgent?: string) {
      const t = now();
      const problem = checkIdNumber(input.idNumber, t);
      if (problem)
        throw new InputError('invalid_input', 'Bad ID number', [{ field: 'idNumber', reason: problem }]);
      checkPasswordPolicy(input.password);
      const idNumberHash = sha256(input.idNumber);
      const until = await pausedUntil(idNumberHash, ctx.ip, t);
      if (until) {
        await auditRefusal(ctx, input.idNumber, 'signup_locked', { until: until.toISOString() });
        throw new SignupLockedError(until, t);
      }
      if (!(await matches(input))) {
        await repo.insertFailure(database.db, { idNumberHash, ip: ctx.ip, at: t });
        // Failures past the window no longer count; the audit log keeps every attempt.
        await repo.deleteFailuresBefore(database.db, new Date(t.getTime() - 24 * windowMs));
        await auditRefusal(ctx, input.idNumber, 'real_name_mismatch');
        throw new InputError('real_name_mismatch', 'The real-name check failed');
      }
      // Said only to someone who knows the person's name, ID number and phone.
      // Nobody is signed in to sign up (a session cookie the browser still carries is someone else's act).
      const anonymous = { ...ctx, actor: null };
      const user = await deps.users
        .createCitizen(anonymous, {
          idNumber: input.idNumber,
          name: input.name,
          phone: input.phone,
          password: input.password,
        })
        .catch(async (error: unknown) => {
          if (!(error instanceof ConflictError) || error.code !== 'duplicate_id_number') throw error;
          await auditRefusal(ctx, input.idNumber, 'id_number_registered');
          throw new ConflictError('id_number_registered', 'This ID number has an account', {}, [
            { field: 'idNumber', reason: 'id_number_registered' },
          ]);
        });
      const session = await deps.auth.startSession(anonymous, user.id, userAgent, { via: 'signup' });
      await audit.recordNow(
        {
          ...ctx,
          actor: {
            userId: user.id,
            username: user.username,
            displayName: user.displayName,
            departmentId: null,
            roles: user.roles,
            via: 'session',
          },
        },
        {
          action: 'citizen.signup',
          targetType: 'user',
          targetId: user.id,
          detail: { idNumber: maskIdNumber(input.idNumber) },
        },
      );
      return session;
    },
  };
}

export type SignupService = ReturnType<typeof createSignupService>;
