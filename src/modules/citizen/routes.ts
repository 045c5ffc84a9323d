import type { App } from '../../core/http.ts';
import { directoryRoutes } from './directory/routes.ts';
import type { CitizenServices } from './services.ts';
import { walletRoutes } from './wallet/routes.ts';

/** Every route of the citizen module. */
export function citizenRoutes(s: CitizenServices) {
  return async (app: App) => {
    await app.register(walletRoutes(s.wallet));
    await app.register(directoryRoutes(s.directory));
  };
}
