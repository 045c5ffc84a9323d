import type { App } from '../../core/http.ts';
import { type CaseServices, caseRoutes } from './cases/routes.ts';
import { categoryRoutes } from './categories/routes.ts';
import type { CategoryService } from './categories/service.ts';
import { statsRoutes } from './stats/routes.ts';
import type { StatsService } from './stats/service.ts';
import { warningRoutes } from './warnings/routes.ts';
import type { WarningService } from './warnings/service.ts';

export type EventsServices = CaseServices & {
  categories: CategoryService;
  stats: StatsService;
  warnings: WarningService;
};

/** Every route of the events module. */
export function eventsRoutes(s: EventsServices) {
  return async (app: App) => {
    await app.register(categoryRoutes(s.categories));
    await app.register(caseRoutes(s));
    await app.register(statsRoutes(s.stats));
    await app.register(warningRoutes(s.warnings));
  };
}
