import type { App } from '../../../core/http.ts';
import type { IocServices } from '../services.ts';

/** TODO(skeleton): the incidents routes. */
export function incidentRoutes(_s: IocServices) {
  return async (_app: App) => {};
}
