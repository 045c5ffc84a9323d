import type { Config } from '../core/config.ts';
import type { Database } from '../core/db.ts';
import type { Logger } from '../core/logger.ts';
import { createAccountsModule } from '../modules/accounts/index.ts';
import { createAuditModule } from '../modules/audit/index.ts';
import { createCatalogModule } from '../modules/catalog/index.ts';
import { createCitizenModule } from '../modules/citizen/index.ts';
import { createEventsModule, loadClassifier } from '../modules/events/index.ts';
import { createFormsModule } from '../modules/forms/index.ts';
import { createIngestModule } from '../modules/ingest/index.ts';
import { createIocModule } from '../modules/ioc/index.ts';
import { createIotModule } from '../modules/iot/index.ts';
import { createOpenDataModule } from '../modules/opendata/index.ts';
import { createOrgModule } from '../modules/org/index.ts';
import { createRegistryModule } from '../modules/registry/index.ts';
import { createSharingModule } from '../modules/sharing/index.ts';
import { nameAuditTargets } from './audit-target-names.ts';

/** Creates every module on one database. The one place that wires modules together. */
export function createModules(database: Database, config: Config, logger: Logger, now?: () => Date) {
  const { db } = database;
  const audit = createAuditModule({ db, dataDir: config.dataDir });
  const org = createOrgModule({ db, audit: audit.service });
  const accounts = createAccountsModule({ db, config, audit: audit.service, org: org.service, now });
  const catalog = createCatalogModule({ db, audit: audit.service, org: org.service });
  const ingest = createIngestModule({
    database,
    dataDir: config.dataDir,
    audit: audit.service,
    catalog: catalog.service,
    logger,
    csvLimits: { maxField: config.ingestMaxFieldChars, maxRecord: config.ingestMaxRecordChars },
    uploadLimits: { quotaBytes: config.uploadQuotaMb * 1024 ** 2, keepHours: config.uploadKeepHours },
  });
  const registry = createRegistryModule({
    database,
    catalog: catalog.service,
    ingest: ingest.service,
    audit: audit.service,
    org: org.service,
    users: accounts.users,
    logger,
  });
  const sharing = createSharingModule({
    database,
    catalog: catalog.service,
    ingest: ingest.service,
    registry: registry.service,
    audit: audit.service,
    org: org.service,
    users: accounts.users,
    logger,
  });
  const opendata = createOpenDataModule({
    catalog: catalog.service,
    ingest: ingest.service,
    audit: audit.service,
    org: org.service,
    license: config.openDataLicense,
    now,
  });
  const events = createEventsModule({
    db,
    dataDir: config.dataDir,
    database,
    audit: audit.service,
    org: org.service,
    places: org.service.places,
    // The model is read on the first text to classify, not by every command that opens the platform.
    classifier: { classify: (text) => loadClassifier().classify(text) },
    now,
  });
  const iot = createIotModule({
    database,
    audit: audit.service,
    org: org.service,
    events,
    componentExists: (code) =>
      registry.service.get('component', code).then(
        () => true,
        () => false,
      ),
    logger,
    now,
  });
  const ioc = createIocModule({
    database,
    audit: audit.service,
    org: org.service,
    catalog,
    ingest,
    registry,
    sharing,
    events,
    iot,
    logger,
    now,
  });
  const citizen = createCitizenModule({
    database,
    audit: audit.service,
    org: org.service,
    users: accounts.users,
    auth: accounts.auth,
    sessionCookie: accounts.sessionCookie,
    registry,
    events,
    logger,
    now,
  });
  const forms = createFormsModule({
    database,
    audit: audit.service,
    org: org.service,
    users: accounts.users,
    registry,
    sharing,
    citizen,
    logger,
    now,
  });
  nameAuditTargets({
    audit: audit.service,
    users: accounts.users,
    org: org.service,
    catalog: catalog.service,
  });
  return {
    audit,
    org,
    accounts,
    catalog,
    ingest,
    registry,
    sharing,
    opendata,
    events,
    iot,
    ioc,
    citizen,
    forms,
  };
}
export type Modules = ReturnType<typeof createModules>;
