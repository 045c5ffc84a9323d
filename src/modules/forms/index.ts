import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import { seedDemoForms as seedForms } from './definitions/demo-forms.ts';
import { createDefinitionService } from './definitions/service.ts';
import { createFillingService } from './filling/service.ts';
import { createInboxService } from './inbox/service.ts';
import './messages.ts';
import { formsRoutes } from './routes.ts';
import type { FormsServices, FormsSources } from './services.ts';
import { createFormShareService } from './sharing/service.ts';

export { type AnswerProblem, checkAnswers } from './answers.ts';
export type { PublishedForm } from './definitions/service.ts';
export * from './fields.ts';

/**
 * Report once (最多报一次): departments define forms whose fields are bound to the base registries or asked once;
 * residents and companies fill them in the app prefilled, and the answers reach every receiving department's
 * inbox, as XLSX and through the sharing API.
 */
export function createFormsModule(
  deps: FormsSources & { database: Database; logger: Logger; now?: () => Date },
) {
  const { db } = deps.database;
  const now = deps.now ?? (() => new Date());
  const definitions = createDefinitionService({ db, audit: deps.audit, org: deps.org });
  const services: FormsServices = {
    definitions,
    inbox: createInboxService({ db, audit: deps.audit, org: deps.org, definitions, now: deps.now }),
    shared: createFormShareService({ db, audit: deps.audit, gate: deps.sharing.api, definitions }),
    filling: createFillingService({ ...deps, now }),
  };
  return {
    ...services,
    /** Adds the demo district's forms that are missing, published (see seedDemoForms). */
    seedDemo: () => seedForms(definitions, deps.org),
    routes: formsRoutes(services),
  };
}
export type FormsModule = ReturnType<typeof createFormsModule>;

/**
 * Adds the demo district's forms (返望人员登记, 复工复产企业员工健康登记, 新生儿落户与医保参保), published, unless
 * a form of their code exists: safe to run on every demo load.
 */
export function seedDemoForms(forms: FormsModule): Promise<{ created: number; existing: number }> {
  return forms.seedDemo();
}
