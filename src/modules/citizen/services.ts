import type { UsersService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { EventsModule } from '../events/index.ts';
import type { OrgService } from '../org/index.ts';
import type { createRegistryModule } from '../registry/index.ts';
import type { DirectoryServiceApi } from './directory/service.ts';
import type { SubjectService } from './subjects/service.ts';
import type { WalletService } from './wallet/service.ts';

/** What the citizen module reads of the others, through their services. */
export type CitizenSources = {
  audit: AuditService;
  org: OrgService;
  users: UsersService;
  registry: ReturnType<typeof createRegistryModule>;
  events: EventsModule;
};

/** The citizen module's services, as its routes take them. */
export type CitizenServices = {
  subjects: SubjectService;
  wallet: WalletService;
  directory: DirectoryServiceApi;
};
