/**
 * What the operations center reads from the other modules: their services, as the composition root hands them
 * over. The ioc module only reads (and audits its own writes); it never touches another module's tables.
 */
import type { AuditService } from '../audit/index.ts';
import type { createCatalogModule } from '../catalog/index.ts';
import type { EventsModule } from '../events/index.ts';
import type { createIngestModule } from '../ingest/index.ts';
import type { IotModule } from '../iot/index.ts';
import type { OrgService } from '../org/index.ts';
import type { createRegistryModule } from '../registry/index.ts';
import type { createSharingModule } from '../sharing/index.ts';

export type IocSources = {
  audit: AuditService;
  org: OrgService;
  catalog: ReturnType<typeof createCatalogModule>;
  ingest: ReturnType<typeof createIngestModule>;
  registry: ReturnType<typeof createRegistryModule>;
  sharing: ReturnType<typeof createSharingModule>;
  events: EventsModule;
  iot: IotModule;
};
