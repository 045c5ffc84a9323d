import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { UploadLimits } from './deliveries/upload-store.ts';
import { createPullService } from './pulls/service.ts';
import type { CsvLimits } from './readers/csv-parser.ts';
import { ingestRoutes } from './routes.ts';
import { createIngestService } from './service.ts';

export { autoMap, headerMatcher, parseMapOption } from './deliveries/mapping.ts';
export type { PullService } from './pulls/service.ts';
export { openFile } from './readers/open-source.ts';
export type { IngestService } from './service.ts';
export { toHalfWidth } from './standardize.ts';
export { validateValue } from './validate.ts';

/** Aggregation (归集): files, pushes and scheduled pulls, their batches, rejects and quality. */
export function createIngestModule(deps: {
  database: Database;
  dataDir: string;
  audit: AuditService;
  catalog: CatalogService;
  logger: Logger;
  /** How long a CSV field and record may be, in characters. */
  csvLimits?: CsvLimits;
  /** Each department's quota of uploads waiting to be loaded, and how long they wait. */
  uploadLimits?: UploadLimits;
}) {
  const service = createIngestService(deps);
  const pulls = createPullService({
    db: deps.database.db,
    audit: deps.audit,
    catalog: deps.catalog,
    ingest: service,
    logger: deps.logger,
  });
  return {
    service,
    pulls,
    routes: ingestRoutes({ ingest: service, pulls }),
    /** Runs due pulls every 30 seconds; returns a stop function. */
    startScheduler() {
      const timer = setInterval(() => {
        pulls.runDue().catch((err) => deps.logger.warn({ err }, 'pull scheduler failed'));
      }, 30_000);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
