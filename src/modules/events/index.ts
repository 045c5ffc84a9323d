import type { Database, Db } from '../../core/db.ts';
import type { AuditService } from '../audit/index.ts';
import type { OrgService } from '../org/index.ts';
import { createHandleService } from './cases/handle.ts';
import { createIntakeService } from './cases/intake.ts';
import type { Classifier, PlaceResolver } from './cases/ports.ts';
import { createCaseReadService } from './cases/read.ts';
import { createCategoryService } from './categories/service.ts';
import { createImportService } from './import/service.ts';
import './messages.ts';
import { eventsRoutes } from './routes.ts';

export type { Classifier, Place, PlaceResolver } from './cases/ports.ts';
export { seedCategories } from './categories/seed.ts';
export type { CategoryService } from './categories/service.ts';
export { dueAt } from './clock/time-limit.ts';
export type { ImportCase, ImportStep } from './import/copy-rows.ts';
export type { ImportService, ImportSummary } from './import/service.ts';

/**
 * City events and work orders (一网统管 · 一呼通): cases from every channel, classified, placed and dispatched,
 * handled on a clock, called back and closed.
 */
export function createEventsModule(deps: {
  db: Db;
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
  const services = { categories, intake, handle, cases };
  const imports = createImportService({ ...shared, database: deps.database });
  return { ...services, imports, routes: eventsRoutes(services) };
}
export type EventsModule = ReturnType<typeof createEventsModule>;
