import type { AuthService, SessionCookie, UsersService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { EventsModule } from '../events/index.ts';
import type { OrgService } from '../org/index.ts';
import type { createRegistryModule } from '../registry/index.ts';

/** What the citizen module reads of the others, through their services. */
export type CitizenSources = {
  audit: AuditService;
  org: OrgService;
  users: UsersService;
  registry: ReturnType<typeof createRegistryModule>;
  events: EventsModule;
  /** Opens the session of a resident who just signed up, and sets its cookie as sign-in does. */
  auth: Pick<AuthService, 'startSession'>;
  sessionCookie: SessionCookie;
};
