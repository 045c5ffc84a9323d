import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import { findRunningStoredFiles } from './batches/repository.ts';
import { createBatchRunner } from './batches/runner.ts';
import { createBatchReads } from './batches/service.ts';
import { createDeliveryService } from './deliveries/service.ts';
import type { UploadLimits } from './deliveries/upload-store.ts';
import './messages.ts';
import type { CsvLimits } from './readers/csv-parser.ts';
import { createOpenReads } from './records/open-reads.ts';
import { createRecordReads } from './records/service.ts';
import { createIngestShareReads } from './records/share-repository.ts';

export type IngestService = ReturnType<typeof createIngestService>;

/**
 * Aggregation (归集) as other modules, the routes and the CLI use it: delivering data (deliveries/), reading the
 * batches it made (batches/) and the records it loaded (records/). One object, assembled from the sub-areas.
 */
export function createIngestService(deps: {
  database: Database;
  dataDir: string;
  audit: AuditService;
  catalog: CatalogService;
  logger: Logger;
  csvLimits?: CsvLimits;
  uploadLimits?: UploadLimits;
}) {
  const { database, audit, catalog } = deps;
  const db = database.db;
  const runner = createBatchRunner({
    database,
    audit,
    onListenerError: (err) => deps.logger.warn({ err }, 'batch listener failed'),
  });
  return {
    ...createDeliveryService({
      dataDir: deps.dataDir,
      catalog,
      runner,
      limits: deps.csvLimits,
      uploadLimits: deps.uploadLimits,
      runningFiles: () => findRunningStoredFiles(db),
    }),
    ...createBatchReads({ db, audit, catalog, runner }),
    ...createRecordReads({ db, audit, catalog }),
    /** Tells a listener of every batch that committed (the registries merge them). */
    onBatchDone: runner.onBatchDone,
    /** Records on a batch what its registry merge did, when the merge ran apart from its listener. */
    recordMerge: runner.recordMerge,
    /** Settles when the listeners' work for batches done so far has finished. */
    idle: runner.idle,
    /** Reads of loaded data tables for the sharing API (filters bound as parameters). */
    share: createIngestShareReads(database),
    /** Loaded data as open data publishes it: chosen items only, in key order, streamed (records/open-reads.ts). */
    openReads: createOpenReads(db),
  };
}
