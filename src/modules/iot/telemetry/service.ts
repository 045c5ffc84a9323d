// STUB (issue 16 skeleton): the telemetry area replaces this file.
import type { Database } from '../../../core/db.ts';
import type { Logger } from '../../../core/logger.ts';
import type { BadReason, DeviceRef, Point, StoredBatch } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';

export type TelemetryDeps = {
  database: Database;
  profiles: ProfileService;
  logger: Logger;
  now: () => Date;
};

/** Telemetry storage: batched writes, the latest values, aggregates, retention, partitions, reads. */
export function createTelemetryService(_deps: TelemetryDeps) {
  const listeners: ((batch: StoredBatch) => Promise<void>)[] = [];
  return {
    /** Stores points of these devices; resolves once they are committed (and the rules have seen them). */
    async store(_points: Point[], _devices: DeviceRef[]): Promise<void> {},
    /** Counts a refused payload or value of a device (never stored as data). */
    countBad(_device: DeviceRef, _reason: BadReason, _sample: string): void {},
    /** Calls `listener` with every batch committed. */
    onStored(listener: (batch: StoredBatch) => Promise<void>) {
      listeners.push(listener);
    },
  };
}
export type TelemetryService = ReturnType<typeof createTelemetryService>;
