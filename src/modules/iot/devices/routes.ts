// STUB (issue 16 skeleton): the devices area replaces this file.
import type { App } from '../../../core/http.ts';
import type { IotServices } from '../services.ts';

/** The devices area's routes. */
export function devicesRoutes(_s: IotServices) {
  return async (_app: App) => {};
}
