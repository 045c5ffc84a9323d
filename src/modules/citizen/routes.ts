import type { App } from '../../core/http.ts';
import { companyRoutes } from './companies/routes.ts';
import { directoryRoutes } from './directory/routes.ts';
import { profileRoutes } from './profile/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import type { CitizenServices } from './services.ts';
import { signupRoutes } from './signup/routes.ts';
import { walletRoutes } from './wallet/routes.ts';

/** Every route of the citizen module. */
export function citizenRoutes(s: CitizenServices) {
  return async (app: App) => {
    await app.register(signupRoutes(s));
    await app.register(companyRoutes(s));
    await app.register(profileRoutes(s));
    await app.register(reportRoutes(s.reports));
    await app.register(walletRoutes(s.wallet));
    await app.register(directoryRoutes(s.directory));
  };
}
