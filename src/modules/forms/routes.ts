import type { App } from '../../core/http.ts';
import { definitionRoutes } from './definitions/routes.ts';
import { fillingRoutes } from './filling/routes.ts';
import { inboxRoutes } from './inbox/routes.ts';
import type { FormsServices } from './services.ts';
import { formShareRoutes } from './sharing/routes.ts';

/** Every route of the forms module. */
export function formsRoutes(s: FormsServices) {
  return async (app: App) => {
    await app.register(definitionRoutes(s.definitions));
    await app.register(inboxRoutes(s.inbox));
    await app.register(formShareRoutes(s.shared));
    await app.register(fillingRoutes(s));
  };
}
