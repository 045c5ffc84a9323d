import type { Database } from '../../../core/db.ts';

/** The channel screen events go out on to every process (the mode after an incident starts or ends). */
export const SCREEN_CHANNEL = 'ioc_screen';

/** Sends a screen event (its JSON, under 8000 bytes) to every process listening, this one included. */
export async function notifyScreens(database: Pick<Database, 'query'>, payload: string): Promise<void> {
  await database.query('select pg_notify($1, $2)', [SCREEN_CHANNEL, payload]);
}
