// STUB (issue 16 skeleton): the protocol area replaces this file.
import type { App } from '../../../core/http.ts';
import type { IotServices } from '../services.ts';

/** The protocol area's routes. */
export function protocolRoutes(_s: IotServices) {
  return async (_app: App) => {};
}
