// STUB (issue 16 skeleton): the alarms area replaces this file.
import type { App } from '../../../core/http.ts';
import type { IotServices } from '../services.ts';

/** The alarms area's routes. */
export function alarmsRoutes(_s: IotServices) {
  return async (_app: App) => {};
}
