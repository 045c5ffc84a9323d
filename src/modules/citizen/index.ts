import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import './messages.ts';
import { createCompanyService } from './companies/service.ts';
import { createDirectoryService } from './directory/service.ts';
import type { CitizenSources } from './ports.ts';
import { createProfileService } from './profile/service.ts';
import { createReportService } from './reports/service.ts';
import { citizenRoutes } from './routes.ts';
import type { CitizenServices } from './services.ts';
import { createSignupService } from './signup/service.ts';
import { createSubjectService } from './subjects/service.ts';
import { createWalletService } from './wallet/service.ts';

export { seedCitizenDirectory } from './directory/seed.ts';
export type { CitizenSubject } from './subjects/service.ts';

/**
 * The resident's side (我的长沙·望城专版): real-name sign-up, companies acted for, my information and its
 * corrections, my e-licenses and their share links, reports of problems (随手拍) that become cases, the services
 * directory and the center's notices.
 */
export function createCitizenModule(
  deps: CitizenSources & { database: Database; logger: Logger; now?: () => Date },
) {
  const subjects = createSubjectService(deps);
  const signup = createSignupService(deps);
  const companies = createCompanyService({ ...deps, subjects });
  const profile = createProfileService({ ...deps, subjects });
  const reports = createReportService({ ...deps, db: deps.database.db });
  const wallet = createWalletService({ ...deps, subjects });
  const directory = createDirectoryService(deps);
  const services: CitizenServices = { subjects, signup, companies, profile, reports, wallet, directory };
  return { ...services, routes: citizenRoutes(services) };
}
export type CitizenModule = ReturnType<typeof createCitizenModule>;
