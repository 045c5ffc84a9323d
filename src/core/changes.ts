/**
 * Announcements that something the operations screen shows has changed. A module that writes what a panel counts
 * (cases, alarms, devices, sharing calls, batches, registries) says so with NOTIFY on one channel; every OneCity
 * process on the database hears it (LISTEN), so a screen connected to any process is pushed the change. The
 * payload is a topic, never data: the listener reads what it may show.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from './db.ts';

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

/**
 * Tells every process that `topic` changed. Given a transaction on the driver (a RawTx) it is sent when, and only
 * if, that transaction commits (NOTIFY in a transaction waits for its commit).
 */
export async function announceChange(database: Pick<Database, 'query'>, topic: ChangeTopic): Promise<void> {
  await database.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, topic]);
}

/** announceChange inside the writer's Drizzle transaction `tx`: sent when, and only if, it commits. */
export async function announceChangeIn(tx: Db, topic: ChangeTopic): Promise<void> {
  await tx.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${topic})`);
}

/**
 * announceChange for a writer whose change has committed: the change stands whatever becomes of the announcement,
 * so a failure to send it (the connection lost meanwhile) is not the writer's failure. Screens read their figures
 * again every few minutes and whenever LISTEN reconnects, so a lost announcement costs a figure shown late.
 */
export async function announceCommitted(
  database: Pick<Database, 'query'>,
  topic: ChangeTopic,
): Promise<void> {
  await announceChange(database, topic).catch(() => {});
}

/**
 * An announcer for a writer that commits many times a second (the sharing API's call log): each call announces
 * `topic` at once if the last announcement is `everyMs` old, else once when that time is up, so the screens hear of
 * the first change at once and of a stream of changes once per `everyMs`.
 */
export function changeAnnouncer(database: Pick<Database, 'query'>, topic: ChangeTopic, everyMs = 1000) {
  let last = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  const send = () => {
    timer = undefined;
    last = Date.now();
    void announceCommitted(database, topic);
  };
  return () => {
    if (timer) return;
    const wait = last + everyMs - Date.now();
    if (wait <= 0) send();
    else {
      timer = setTimeout(send, wait);
      timer.unref();
    }
  };
}
