import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Config } from '../core/config.ts';
import { systemCtx } from '../core/context.ts';
import { type Database, openDatabase } from '../core/db.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { loadDemoOnFirstStart } from '../demo/index.ts';
import { createAccountsModule } from '../modules/accounts/index.ts';
import { createAuditModule } from '../modules/audit/index.ts';
import { createCatalogModule } from '../modules/catalog/index.ts';
import { createIngestModule } from '../modules/ingest/index.ts';
import { createOpenDataModule } from '../modules/opendata/index.ts';
import { createOrgModule } from '../modules/org/index.ts';
import { createRegistryModule } from '../modules/registry/index.ts';
import { createSharingModule } from '../modules/sharing/index.ts';
import { createHttpServer } from './http.ts';
import { systemRoutes } from './system-routes.ts';
import { registerWebConsole } from './web-console.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const version: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

/** Creates every module on one database. The one place that wires modules together. */
export function createModules(database: Database, config: Config, logger: Logger) {
  const { db } = database;
  const audit = createAuditModule({ db });
  const org = createOrgModule({ db, audit: audit.service });
  const accounts = createAccountsModule({ db, config, audit: audit.service, org: org.service });
  const catalog = createCatalogModule({ db, audit: audit.service, org: org.service });
  const ingest = createIngestModule({
    database,
    dataDir: config.dataDir,
    audit: audit.service,
    catalog: catalog.service,
    logger,
  });
  const registry = createRegistryModule({
    database,
    catalog: catalog.service,
    ingest: ingest.service,
    audit: audit.service,
    org: org.service,
    users: accounts.users,
    logger,
  });
  const sharing = createSharingModule({
    database,
    catalog: catalog.service,
    ingest: ingest.service,
    registry: registry.service,
    audit: audit.service,
    org: org.service,
    users: accounts.users,
    logger,
  });
  const opendata = createOpenDataModule({
    database,
    catalog: catalog.service,
    ingest: ingest.service,
    audit: audit.service,
    org: org.service,
  });
  return { audit, org, accounts, catalog, ingest, registry, sharing, opendata };
}
export type Modules = ReturnType<typeof createModules>;

/** Opens the database, applies migrations and loads the district's reference data. */
export async function openPlatform(config: Config, logger: Logger = createLogger(config.logLevel)) {
  const database = await openDatabase(config);
  try {
    await database.migrate();
    const modules = createModules(database, config, logger);
    await modules.org.service.seed();
    await modules.catalog.service.seedDemo(systemCtx('onecity'));
    await modules.registry.service.seedPrecedence();
    await modules.registry.service.catchUp();
    await modules.registry.licenses.syncRegistry();
    // Work started by committed batches (registry merges) finishes before the database closes.
    const close = database.close;
    database.close = async () => {
      await modules.ingest.service.idle();
      await close();
    };
    return { database, modules };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The HTTP server with every module's routes, the health checks and the web console. */
export async function createApp(config: Config, logger: Logger, database: Database, modules: Modules) {
  const app = await createHttpServer({
    config,
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
  await app.register(modules.audit.routes);
  await app.register(modules.org.routes);
  await app.register(modules.accounts.routes);
  await app.register(modules.catalog.routes);
  await app.register(modules.ingest.routes);
  await app.register(modules.registry.routes);
  await app.register(modules.sharing.routes);
  await app.register(modules.opendata.routes);

  await app.register(systemRoutes(database, version));
  app.get(
    '/api/overview',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['system'], response: { 200: z.record(z.string(), z.number()) } },
    },
    async () => {
      const [org, users, auditEntries, resources] = await Promise.all([
        modules.org.service.stats(),
        modules.accounts.users.count(),
        modules.audit.service.count(),
        modules.catalog.service.count(),
      ]);
      return { ...org, users, resources, auditEntries };
    },
  );

  await registerWebConsole(app);
  return app;
}

/** Starts OneCity: database, first-start admin, HTTP server; stops cleanly on SIGTERM/SIGINT. */
export async function serve(config: Config, logger: Logger, print: (line: string) => void) {
  const { database, modules } = await openPlatform(config, logger);
  const admin = await modules.accounts.users.ensureAdmin(systemCtx('onecity'), config.adminPassword);
  await loadDemoOnFirstStart(modules, database, config, print);
  const app = await createApp(config, logger, database, modules);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const housekeeping = setInterval(() => {
    modules.accounts.auth.purgeExpiredSessions().catch((err) => logger.warn({ err }, 'session purge failed'));
    // Licenses that ran out since say so in the license registry.
    modules.registry.licenses.syncRegistry().catch((err) => logger.warn({ err }, 'license sync failed'));
  }, 10 * 60_000);
  housekeeping.unref();
  const stopPulls = modules.ingest.startScheduler();

  print(
    `OneCity ${version} is running on ${database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}`,
  );
  print(`Console: http://localhost:${port}/   API docs: http://localhost:${port}/api/docs`);
  if (admin.created) {
    print(
      admin.password
        ? `First start: sign in as "admin" with password ${admin.password}  (shown once; change it after signing in)`
        : 'First start: sign in as "admin" with ONECITY_ADMIN_PASSWORD',
    );
  }

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      logger.info({ signal }, 'shutting down');
      clearInterval(housekeeping);
      stopPulls();
      // close() stops accepting connections and waits for requests in flight. Keep-alive connections that
      // finish a request meanwhile would hold it open, so idle ones are closed as they appear, and after
      // a grace period whatever is left is cut. Then the database is closed.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
      const deadline = setTimeout(() => app.server.closeAllConnections(), 10_000);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
        clearTimeout(deadline);
      }
      await database.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stop(signal).then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { app, port, database, modules, stop };
}
