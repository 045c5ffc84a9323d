import type { Config } from '../core/config.ts';
import { systemCtx } from '../core/context.ts';
import { openDatabase } from '../core/db.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { createModules } from './modules.ts';

/**
 * What opening the platform does besides migrating, creating the modules and finishing registry merges cut short.
 * `seed: false` is for commands that only load or read batches (the CLI's `ingest` and `rejects`): the district's
 * reference data is then loaded only into a database never migrated before (a batch needs its departments and
 * resources), and the license registry is not synced (the server does that every ten minutes).
 */
export type OpenOptions = {
  seed?: boolean /** The clock of sign-in lockouts (tests let time pass). */;
  now?: () => Date;
};

/** Opens the database, applies migrations and loads the district's reference data. */
export async function openPlatform(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
  options: OpenOptions = {},
) {
  const database = await openDatabase(config);
  try {
    const seed = options.seed !== false || (await database.migrationLevel()).applied === 0;
    await database.migrate();
    const modules = createModules(database, config, logger, options.now);
    if (seed) {
      await modules.org.service.seed();
      await modules.catalog.service.seedDemo(systemCtx('onecity'));
      await modules.registry.service.seedPrecedence();
      await modules.events.categories.seed();
      await modules.iot.seed();
    }
    // Batches committed but not yet merged into their registry (a stop cut the merge short) are merged now.
    await modules.registry.service.catchUp();
    if (seed) await modules.registry.licenses.syncRegistry();
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
