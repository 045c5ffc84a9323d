import type { App } from '../../core/http.ts';
import { type CaseServices, caseRoutes } from './cases/routes.ts';
import { categoryRoutes } from './categories/routes.ts';
import type { CategoryService } from './categories/service.ts';
import { keyRoutes } from './keys/routes.ts';
import type { KeyService } from './keys/service.ts';
import { mediaRoutes } from './media/routes.ts';
import type { MediaService } from './media/service.ts';
import { OPEN311_PREFIX, open311Routes } from './open311/routes.ts';
import type { Open311Service } from './open311/service.ts';
import { statsRoutes } from './stats/routes.ts';
import type { StatsService } from './stats/service.ts';
import { warningRoutes } from './warnings/routes.ts';
import type { WarningService } from './warnings/service.ts';

export type EventsServices = CaseServices & {
  categories: CategoryService;
  media: MediaService;
  keys: KeyService;
  open311: Open311Service;
  stats: StatsService;
  warnings: WarningService;
};

/** Every route of the events module. */
export function eventsRoutes(s: EventsServices) {
  return async (app: App) => {
    await app.register(categoryRoutes(s.categories));
    await app.register(caseRoutes(s));
    await app.register(mediaRoutes(s.media));
    await app.register(keyRoutes(s.keys));
    await app.register(open311Routes(s.open311), { prefix: OPEN311_PREFIX });
    await app.register(statsRoutes(s.stats));
    await app.register(warningRoutes(s.warnings));
  };
}
