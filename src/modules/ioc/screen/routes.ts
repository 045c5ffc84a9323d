import type { App } from '../../../core/http.ts';
import type { IocServices } from '../services.ts';

/** TODO(skeleton): the screen routes. */
export function screenRoutes(_s: IocServices) {
  return async (_app: App) => {};
}
