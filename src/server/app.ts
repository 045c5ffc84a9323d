import type { Config } from '../core/config.ts';
import type { Database } from '../core/db.ts';
import { createHttpServer, registerModuleRoutes } from '../core/http.ts';
import type { Logger } from '../core/logger.ts';
import type { Modules } from './modules.ts';
import { overviewRoutes } from './overview-routes.ts';
import { systemRoutes } from './system-routes.ts';
import { version } from './version.ts';
import { registerWebConsole } from './web-console.ts';

/** The HTTP server with every module's routes, the health checks and the web console. */
export async function createApp(
  config: Config,
  logger: Logger,
  database: Database,
  modules: Modules,
  now?: () => Date,
) {
  const app = await createHttpServer({
    config,
    now,
    logger,
    version,
    authenticate: modules.accounts.authenticate,
    onDenied: (ctx, route) =>
      modules.audit.service.recordNow(ctx, {
        action: 'access.denied',
        targetType: 'route',
        targetId: `${route.method} ${route.url}`,
        outcome: 'denied',
      }),
  });
  // Each module's routes word their errors from the module's own messages (its namespace is its name).
  for (const [name, module] of Object.entries(modules)) await registerModuleRoutes(app, name, module.routes);
  await app.register(systemRoutes(database, version));
  await app.register(overviewRoutes(modules));
  await registerWebConsole(app);
  return app;
}
