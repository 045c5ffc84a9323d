import type { App } from '../../core/http.ts';
import { reportRoutes } from './reports/routes.ts';
import type { CitizenServices } from './services.ts';

/** Every route of the citizen module. */
export function citizenRoutes(s: CitizenServices) {
  return async (app: App) => {
    await app.register(reportRoutes(s.reports));
  };
}
