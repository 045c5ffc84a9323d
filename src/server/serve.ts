import type { Config } from '../core/config.ts';
import { systemCtx } from '../core/context.ts';
import type { Logger } from '../core/logger.ts';
import { DEMO_DEVICE_PREFIX, loadDemoOnFirstStart } from '../demo/index.ts';
import { uncoveredYearsAround } from '../modules/events/index.ts';
import { createApp } from './app.ts';
import { openPlatform } from './platform.ts';
import { version } from './version.ts';

/** Starts OneCity: database, first-start admin, HTTP server; stops cleanly on SIGTERM/SIGINT. */
export async function serve(config: Config, logger: Logger, print: (line: string) => void) {
  const { database, modules } = await openPlatform(config, logger);
  const admin = await modules.accounts.users.ensureAdmin(systemCtx('onecity'), config.adminPassword);
  await loadDemoOnFirstStart(modules, database, config, print);
  const app = await createApp(config, logger, database, modules);
  // The devices' broker before anything listens: a port that is taken stops the start with its message, and
  // nothing is left open to keep the process running.
  const mqtt = await modules.iot.start({ port: config.mqttPort, url: config.mqttUrl }).catch(async (err) => {
    await app.close();
    await database.close();
    throw err;
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const housekeeping = setInterval(() => {
    modules.accounts.auth.purgeExpiredSessions().catch((err) => logger.warn({ err }, 'session purge failed'));
    modules.opendata.service
      .flushDownloads()
      .catch((err) => logger.warn({ err }, 'open downloads not logged'));
    // Licenses that ran out since say so in the license registry.
    modules.registry.licenses.syncRegistry().catch((err) => logger.warn({ err }, 'license sync failed'));
    // Uploads nobody loaded, and the files of loads long done, are not kept for ever.
    modules.ingest.service.sweepUploads().catch((err) => logger.warn({ err }, 'upload sweep failed'));
    // The audit chain's head, signed, outside its table: deleting the newest entries shows at the next verify.
    modules.audit.service.checkpoint().catch((err) => logger.warn({ err }, 'audit checkpoint failed'));
  }, 10 * 60_000);
  housekeeping.unref();
  // Anchor the head found at start too, rather than ten minutes later.
  modules.audit.service.checkpoint().catch((err) => logger.warn({ err }, 'audit checkpoint failed'));
  const stopPulls = modules.ingest.startScheduler();
  // The weekly and monthly operations briefings.
  modules.ioc.start();
  // The demo district's devices send readings in-process (values move, an occasional alarm opens a case).
  const simulated =
    config.simulate === 'on'
      ? (await modules.iot.simulator.start({ codePrefix: DEMO_DEVICE_PREFIX })).devices
      : 0;
  const uncovered = uncoveredYearsAround(new Date());
  if (uncovered.length)
    logger.warn(
      { years: uncovered },
      "no State Council holiday notice known for these years: case time limits count Monday to Friday less the statutory days off, without the notice's bridges and make-up days, until the chinese-days package is updated",
    );

  print(
    `OneCity ${version} is running on ${database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}`,
  );
  print(`Console: http://localhost:${port}/   API docs: http://localhost:${port}/api/docs`);
  print(
    `Devices: ${mqtt.url}  (ThingsBoard device API; HTTP: http://localhost:${port}/api/v1/<token>/telemetry)`,
  );
  if (simulated > 0)
    print(`Simulator: ${simulated} demo devices send readings  (ONECITY_SIMULATE=off stops it)`);
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
      await modules.iot.stop().catch((err) => logger.warn({ err }, 'device intake did not stop cleanly'));
      // The screens' streams end, so the HTTP server's close does not wait for them.
      await modules.ioc.stop().catch((err) => logger.warn({ err }, 'screens did not stop cleanly'));
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
      // The minute's tally of refused unknown names is not lost with the process.
      await modules.accounts.auth
        .flushRefusals(true)
        .catch((err) => logger.warn({ err }, 'login refusals not logged'));
      await modules.opendata.service
        .flushDownloads(true)
        .catch((err) => logger.warn({ err }, 'open downloads not logged'));
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
