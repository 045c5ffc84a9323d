// STUB (issue 16 skeleton): the telemetry area replaces this file.
import type { App } from '../../../core/http.ts';
import type { IotServices } from '../services.ts';

/** The telemetry area's routes. */
export function telemetryRoutes(_s: IotServices) {
  return async (_app: App) => {};
}
