import type { Db } from '../../core/db.ts';
import type { AuditService } from '../audit/index.ts';
import type { OrgService } from '../org/index.ts';
import { createHandleService } from './cases/handle.ts';
import { createIntakeService } from './cases/intake.ts';
import type { Classifier, PlaceResolver } from './cases/ports.ts';
import { createCaseReadService } from './cases/read.ts';
import { createCategoryService } from './categories/service.ts';
import './messages.ts';
import { eventsRoutes } from './routes.ts';
import { createStatsService } from './stats/service.ts';
import { createWarningService } from './warnings/service.ts';

export type { Classifier, Place, PlaceResolver } from './cases/ports.ts';
export type { CategoryService } from './categories/service.ts';

/**
 * City events and work orders (一网统管 · 一呼通): cases from every channel, classified, placed and dispatched,
 * handled on a clock, called back and closed.
 */
export function createEventsModule(deps: {
  db: Db;
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
  const stats = createStatsService(shared);
  const warnings = createWarningService(shared);
  const services = { categories, intake, handle, cases, stats, warnings };
  return { ...services, routes: eventsRoutes(services) };
}
export type EventsModule = ReturnType<typeof createEventsModule>;
