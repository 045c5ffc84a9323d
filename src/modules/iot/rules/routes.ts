// STUB (issue 16 skeleton): the rules area replaces this file.
import type { App } from '../../../core/http.ts';
import type { IotServices } from '../services.ts';

/** The rules area's routes. */
export function rulesRoutes(_s: IotServices) {
  return async (_app: App) => {};
}
