import type { App } from '../../core/http.ts';
import { type CaseServices, caseRoutes } from './cases/routes.ts';
import { categoryRoutes } from './categories/routes.ts';
import type { CategoryService } from './categories/service.ts';
import { mediaRoutes } from './media/routes.ts';
import type { MediaService } from './media/service.ts';

export type EventsServices = CaseServices & { categories: CategoryService; media: MediaService };

/** Every route of the events module. */
export function eventsRoutes(s: EventsServices) {
  return async (app: App) => {
    await app.register(categoryRoutes(s.categories));
    await app.register(caseRoutes(s));
    await app.register(mediaRoutes(s.media));
  };
}
