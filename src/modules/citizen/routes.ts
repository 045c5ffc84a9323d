import type { App } from '../../core/http.ts';
import type { CitizenServices } from './services.ts';

/** Every route of the citizen module. */
export function citizenRoutes(_s: CitizenServices) {
  return async (_app: App) => {};
}
