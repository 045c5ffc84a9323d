import type { App } from '../../core/http.ts';
import type { FormsServices } from './services.ts';

/** Every route of the forms module. */
export function formsRoutes(_s: FormsServices) {
  return async (_app: App) => {};
}
