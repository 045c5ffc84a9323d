import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.ts';
import type { Db } from '../../core/db.ts';
import type { AuditService } from '../audit/index.ts';
import type { OrgService } from '../org/index.ts';
import { createAuthService } from './auth-service.ts';
import { createLoginLocks } from './login-guard.ts';
import { accountsRoutes, requestCredentials, setSessionCookie } from './routes.ts';
import { createUsersService } from './users-service.ts';

export type { AuthService } from './auth-service.ts';
export { generatePassword } from './password.ts';
export { checkPasswordPolicy } from './shared.ts';
export type { UsersService } from './users-service.ts';

/** Sets the cookie of a session the auth service opened (its value and end), as sign-in does. */
export type SessionCookie = (reply: FastifyReply, sessionToken: string, expiresAt: Date) => unknown;

/** Accounts, sessions, API tokens and the request authenticator. */
export function createAccountsModule(deps: {
  db: Db;
  config: Config;
  audit: AuditService;
  org: OrgService;
  now?: () => Date;
}) {
  // Shared: sign-in counts failures, an admin's unlock lifts the lockouts.
  const locks = createLoginLocks(deps.config.loginMaxFailures, deps.config.lockoutMinutes * 60_000);
  const auth = createAuthService({ ...deps, locks });
  const users = createUsersService({ ...deps, locks });
  return {
    auth,
    users,
    routes: accountsRoutes(auth, users, { secure: deps.config.cookieSecure }),
    /** Sets the session cookie the way sign-in does, for a module that opens a session (a resident's sign-up). */
    sessionCookie: ((reply, sessionToken, expiresAt) =>
      setSessionCookie(reply, sessionToken, expiresAt, {
        secure: deps.config.cookieSecure,
      })) as SessionCookie,
    /** Resolves the caller of an HTTP request. */
    authenticate: (request: FastifyRequest) => auth.authenticate(requestCredentials(request)),
  };
}
