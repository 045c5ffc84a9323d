import type { AuthService, SessionCookie, UsersService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { EventsModule } from '../events/index.ts';
import type { OrgService } from '../org/index.ts';
import type { createRegistryModule } from '../registry/index.ts';
import type { CompanyService } from './companies/service.ts';
import type { ProfileService } from './profile/service.ts';
import type { SignupService } from './signup/service.ts';
import type { SubjectService } from './subjects/service.ts';

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

/** The citizen module's services, as its routes take them. */
export type CitizenServices = {
  subjects: SubjectService;
  signup: SignupService;
  companies: CompanyService;
  profile: ProfileService;
};
