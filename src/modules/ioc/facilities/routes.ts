import type { App } from '../../../core/http.ts';
import type { IocServices } from '../services.ts';

/** TODO(skeleton): the facilities routes. */
export function facilityRoutes(_s: IocServices) {
  return async (_app: App) => {};
}
