import type { App } from '../../../core/http.ts';
import type { IocServices } from '../services.ts';

/** TODO(skeleton): the dashboard routes. */
export function dashboardRoutes(_s: IocServices) {
  return async (_app: App) => {};
}
