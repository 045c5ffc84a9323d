import type { Database, Db } from '../../core/db.ts';
import type { AuditService } from '../audit/index.ts';
import type { OrgService } from '../org/index.ts';
import { createHandleService } from './cases/handle.ts';
import { createIntakeService } from './cases/intake.ts';
import type { Classifier, PlaceResolver } from './cases/ports.ts';
import { createCaseReadService } from './cases/read.ts';
import { createReporterService } from './cases/reporter.ts';
import { createCategoryService } from './categories/service.ts';
import { createImportService } from './import/service.ts';
import { createKeyService } from './keys/service.ts';
import { createMediaService } from './media/service.ts';
import { createIntakeBatcher } from './open311/intake-batch.ts';
import { createOpen311Service } from './open311/service.ts';
import './messages.ts';
import { eventsRoutes } from './routes.ts';
import { createStatsService } from './stats/service.ts';
import { createWarningService } from './warnings/service.ts';

export type { IntakeInput } from './cases/contract.ts';
export type { Classifier, Place, PlaceResolver } from './cases/ports.ts';
export type { ReporterService } from './cases/reporter.ts';
export { type CategorySeed, seedCategories } from './categories/seed.ts';
export type { CategoryService } from './categories/service.ts';
export { loadClassifier } from './classify/classifier.ts';
export { evaluateShippedClassifier } from './classify/evaluate.ts';
export { classifyLine, departmentOfCategory, type LineError, type LineResult } from './classify/lines.ts';
export { dueAt } from './clock/time-limit.ts';
export { uncoveredYearsAround } from './clock/working-days.ts';
export type { ImportCase, ImportStep } from './import/copy-rows.ts';
export type { ImportService, ImportSummary } from './import/service.ts';
export type { KeyService } from './keys/service.ts';
export { MEDIA_MAX_BYTES } from './media/contract.ts';
export { type MediaService, mediaUrl, sniffImage } from './media/service.ts';
export type { PeriodFlow } from './stats/period.ts';
// Distances on WGS-84 points, for the operations center's "what is near an incident".
export { distanceMetres, type LngLat, offsetMetres } from './warnings/geo.ts';

/**
 * City events and work orders (一网统管 · 一呼通): cases from every channel, classified, placed and dispatched,
 * handled on a clock, called back and closed.
 */
export function createEventsModule(deps: {
  db: Db;
  /** Where case photos are kept (events-media/). */
  dataDir: string;
  /** The driver, for the bulk load of history (COPY). */
  database: Database;
  audit: AuditService;
  org: OrgService;
  places: PlaceResolver;
  classifier: Classifier;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const categories = createCategoryService(deps);
  const shared = { ...deps, categories, now };
  const intake = createIntakeService(shared);
  const handle = createHandleService(shared);
  const cases = createCaseReadService(shared);
  // The resident's side of cases reported from the citizen app (the citizen module's 随手拍).
  const reporter = createReporterService({ ...shared, handle });
  const media = createMediaService(deps);
  const keys = createKeyService(shared);
  // Open311 posts are written in batches (see intake-batch.ts): one commit for many cases.
  const batched = createIntakeBatcher({ db: deps.db, intake });
  const open311 = createOpen311Service({ ...shared, intake: batched, keys });
  const stats = createStatsService(shared);
  const warnings = createWarningService(shared);
  const services = { categories, intake, handle, cases, media, keys, open311, stats, warnings };
  const imports = createImportService({ ...shared, database: deps.database });
  return { ...services, imports, reporter, routes: eventsRoutes(services) };
}
export type EventsModule = ReturnType<typeof createEventsModule>;
