import type { App } from '../../core/http.ts';
import { batchRoutes } from './batches/routes.ts';
import { deliveryRoutes } from './deliveries/routes.ts';
import { pullRoutes } from './pulls/routes.ts';
import type { PullService } from './pulls/service.ts';
import { recordRoutes } from './records/routes.ts';
import type { IngestService } from './service.ts';

/** Aggregation API: deliveries (uploads, runs, pushes), batches and their rejects and quality, records, pulls. */
export function ingestRoutes(services: { ingest: IngestService; pulls: PullService }) {
  return async (app: App) => {
    // Separate scopes: the upload routes' raw-body parsers stay out of the JSON routes.
    await app.register(deliveryRoutes(services.ingest));
    await app.register(batchRoutes(services.ingest));
    await app.register(recordRoutes(services.ingest));
    await app.register(pullRoutes(services.pulls));
  };
}
