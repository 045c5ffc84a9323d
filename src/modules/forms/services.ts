import type { UsersService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { CitizenModule } from '../citizen/index.ts';
import type { OrgService } from '../org/index.ts';
import type { createRegistryModule } from '../registry/index.ts';
import type { createSharingModule } from '../sharing/index.ts';
import type { DefinitionService } from './definitions/service.ts';
import type { FillingService } from './filling/service.ts';
import type { InboxService } from './inbox/service.ts';
import type { FormShareService } from './sharing/service.ts';

/** What the forms module reads of the others, through their services. */
export type FormsSources = {
  audit: AuditService;
  org: OrgService;
  users: UsersService;
  registry: ReturnType<typeof createRegistryModule>;
  sharing: ReturnType<typeof createSharingModule>;
  citizen: CitizenModule;
};

/** The forms module's services, as its routes take them. */
export type FormsServices = {
  /** Form definitions (console), and the published forms the filling side reads. */
  definitions: DefinitionService;
  /** The receiving departments' inbox and export (console). */
  inbox: InboxService;
  /** A receiving department's submissions through the sharing API. */
  shared: FormShareService;
  /** What a resident fills in the app: prefilled forms, submissions, answers kept for reuse. */
  filling: FillingService;
};
