import type { App } from '../../core/http.ts';
import { fillingRoutes } from './filling/routes.ts';
import type { FormsServices } from './services.ts';

/** Every route of the forms module. */
export function formsRoutes(s: FormsServices) {
  return async (app: App) => {
    await app.register(fillingRoutes(s));
  };
}
