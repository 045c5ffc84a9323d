import type { Database } from '../../../core/db.ts';
import type { Logger } from '../../../core/logger.ts';
import type { ScreenEvent } from '../contract.ts';
import type { createScreenService } from './service.ts';

/** A screen connected to the live stream. */
export type ScreenClient = { send(event: ScreenEvent): void; end(): void };

/**
 * The push to screens (TODO(skeleton)): one LISTEN per process on core's change channel and on the alarm channel;
 * a change recomputes the affected panel once per process and sends it to every screen connected here.
 */
export function createScreenLive(_deps: {
  database: Database;
  screen: ReturnType<typeof createScreenService>;
  logger: Logger;
  now: () => Date;
}) {
  return {
    /** Adds a screen; resolves to a function that removes it. */
    async subscribe(_client: ScreenClient): Promise<() => void> {
      return () => {};
    },
    /** Sends an event to every screen on every process (the mode after an incident starts or ends). */
    async broadcast(_event: ScreenEvent): Promise<void> {},
    clientCount(): number {
      return 0;
    },
    async close(): Promise<void> {},
  };
}
