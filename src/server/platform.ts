import type { Config } from '../core/config.ts';
import { systemCtx } from '../core/context.ts';
import { openDatabase } from '../core/db.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { createModules } from './modules.ts';

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
