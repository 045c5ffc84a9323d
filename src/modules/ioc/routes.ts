import type { App } from '../../core/http.ts';
import { briefingRoutes } from './briefings/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { facilityRoutes } from './facilities/routes.ts';
import { incidentRoutes } from './incidents/routes.ts';
import { screenRoutes } from './screen/routes.ts';
import type { IocServices } from './services.ts';

/** Every route of the ioc module. */
export function iocRoutes(s: IocServices) {
  return async (app: App) => {
    await app.register(screenRoutes(s));
    await app.register(incidentRoutes(s));
    await app.register(facilityRoutes(s));
    await app.register(briefingRoutes(s));
    await app.register(dashboardRoutes(s));
  };
}
