import type { FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.ts';
import type { Db } from '../../core/db.ts';
import type { AuditService } from '../audit/index.ts';
import type { OrgService } from '../org/index.ts';
import { createAuthService } from './auth-service.ts';
import { createLoginLocks } from './login-guard.ts';
import { accountsRoutes, requestCredentials } from './routes.ts';
import { createUsersService } from './users-service.ts';

export type { AuthService } from './auth-service.ts';
export type { UsersService } from './users-service.ts';

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
    /** Resolves the caller of an HTTP request. */
    authenticate: (request: FastifyRequest) => auth.authenticate(requestCredentials(request)),
  };
}
