import type { App } from '../../../core/http.ts';
import type { IocServices } from '../services.ts';

/** TODO(skeleton): the briefings routes. */
export function briefingRoutes(_s: IocServices) {
  return async (_app: App) => {};
}
