/**
 * The push of alarms to consoles. Whoever changes alarms (any process) sends their ids with NOTIFY on 'iot_alarm';
 * every process listens, reads those alarms once and writes them to its own server-sent-event clients, each client
 * getting only the alarms it may see.
 */
import type { Database } from '../../../core/db.ts';
import { type Logger, logSafeError } from '../../../core/logger.ts';
import type { Alarm } from './contract.ts';
import * as repo from './repository.ts';

export const ALARM_CHANNEL = 'iot_alarm';

// A NOTIFY payload must stay under 8000 bytes: ids are sent in groups well below it.
const IDS_PER_NOTIFY = 500;

/** A console connected to the stream. */
export type StreamClient = {
  /** Whether this client may see an alarm of a device of the department. */
  sees(departmentId: number): boolean;
  send(alarm: Alarm): void;
  /** Ends the connection (the server is stopping). */
  end(): void;
};

/** Creates the hub; `read` loads alarms by id as views with the device's department. */
export function createAlarmStream(deps: {
  database: Database;
  logger: Logger;
  read: (ids: number[]) => Promise<(Alarm & { departmentId: number })[]>;
}) {
  const { database, logger } = deps;
  const clients = new Set<StreamClient>();
  let listening: Promise<() => Promise<void>> | undefined;

  async function deliver(payload: string) {
    if (!clients.size) return;
    const ids = payload
      .split(',')
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0);
    if (!ids.length) return;
    const alarms = await deps.read(ids);
    for (const { departmentId, ...alarm } of alarms)
      for (const client of clients) if (client.sees(departmentId)) client.send(alarm);
  }

  function listen() {
    listening ??= database.listen(
      ALARM_CHANNEL,
      (payload) => {
        deliver(payload).catch((err) => logger.warn({ err: logSafeError(err) }, 'alarm push failed'));
      },
      () => {},
    );
    listening.catch(() => {
      listening = undefined;
    });
    return listening;
  }

  return {
    /** Adds a client (listening starts with the first); resolves to a function that removes it. */
    async subscribe(client: StreamClient): Promise<() => void> {
      await listen();
      clients.add(client);
      return () => {
        clients.delete(client);
      };
    },

    /** Tells every process (this one included) that these alarms changed. */
    async publish(ids: number[]): Promise<void> {
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += IDS_PER_NOTIFY)
        await repo.notify(database, ALARM_CHANNEL, unique.slice(i, i + IDS_PER_NOTIFY).join(','));
    },

    /** How many consoles are connected here. */
    clientCount(): number {
      return clients.size;
    },

    /** Ends every connection and stops listening (the server is stopping). */
    async close(): Promise<void> {
      for (const client of clients) client.end();
      clients.clear();
      const stop = listening;
      listening = undefined;
      if (stop) await (await stop.catch(() => async () => {}))().catch(() => {});
    },
  };
}
export type AlarmStream = ReturnType<typeof createAlarmStream>;
