import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import { createFillingService } from './filling/service.ts';
import './messages.ts';
import { formsRoutes } from './routes.ts';
import type { FormsServices, FormsSources } from './services.ts';

export * from './fields.ts';

/**
 * Report once (最多报一次): departments define forms whose fields are bound to the base registries or asked once;
 * residents and companies fill them in the app prefilled, and the answers reach every receiving department's
 * inbox, as XLSX and through the sharing API.
 */
export function createFormsModule(
  deps: FormsSources & { database: Database; logger: Logger; now?: () => Date },
) {
  const now = deps.now ?? (() => new Date());
  const filling = createFillingService({ ...deps, now });
  const services: FormsServices = { filling };
  return { ...services, routes: formsRoutes(services) };
}
export type FormsModule = ReturnType<typeof createFormsModule>;
