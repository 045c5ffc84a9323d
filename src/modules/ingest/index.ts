import type { Database } from '../../core/db.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import { ingestRoutes } from './routes.ts';
import { createIngestService } from './service.ts';

export type { IngestService } from './service.ts';

/** Aggregation (归集): files, pushes and their batches, rejects and quality. */
export function createIngestModule(deps: {
  database: Database;
  dataDir: string;
  audit: AuditService;
  catalog: CatalogService;
}) {
  const service = createIngestService(deps);
  return { service, routes: ingestRoutes(service) };
}
