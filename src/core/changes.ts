/**
 * Announcements that something the operations screen shows has changed. A module that writes what a panel counts
 * (cases, alarms, devices, sharing calls, batches, registries) says so with NOTIFY on one channel; every OneCity
 * process on the database hears it (LISTEN), so a screen connected to any process is pushed the change. The
 * payload is a topic, never data: the listener reads what it may show.
 */
import type { Database } from './db.ts';

export const CHANGE_CHANNEL = 'onecity_change';

/** What changed, as the screen's panels are grouped. */
export const changeTopics = [
  'cases',
  'alarms',
  'devices',
  'sharing',
  'ingest',
  'registry',
  'incident',
] as const;
export type ChangeTopic = (typeof changeTopics)[number];

/** Tells every process that `topic` changed (after the change is committed: NOTIFY in a transaction waits for it). */
export async function announceChange(database: Pick<Database, 'query'>, topic: ChangeTopic): Promise<void> {
  await database.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, topic]);
}
