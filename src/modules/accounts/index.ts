import type { FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.ts';
import type { Db } from '../../core/db.ts';
import type { AuditService } from '../audit/index.ts';
import type { OrgService } from '../org/index.ts';
import { createAuthService } from './auth-service.ts';
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
  const auth = createAuthService(deps);
  const users = createUsersService(deps);
  return {
    auth,
    users,
    routes: accountsRoutes(auth, users, { secure: deps.config.cookieSecure }),
    /** Resolves the caller of an HTTP request. */
    authenticate: (request: FastifyRequest) => auth.authenticate(requestCredentials(request)),
  };
}
