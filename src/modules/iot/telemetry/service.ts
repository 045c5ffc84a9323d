import type { Database } from '../../../core/db.ts';
import type { Logger } from '../../../core/logger.ts';
import type { BadReason, DeviceRef, Point, StoredBatch } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';
import type { TimeseriesQuery } from './contract.ts';
import { ensurePartitions } from './partitions.ts';
import { latestValues, timeseriesOf } from './read.ts';
import { applyRetention } from './retention.ts';
import { rollup } from './rollup.ts';
import { createWriter, defaultWriterOptions, type WriterOptions } from './writer.ts';

export type TelemetryDeps = {
  database: Database;
  profiles: ProfileService;
  logger: Logger;
  now: () => Date;
  /** The writer's batch size, flush delay and memory bound (tests and benches change them). */
  writer?: Partial<WriterOptions>;
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Telemetry storage: batched writes, the latest values, aggregates, retention, partitions, reads. */
export function createTelemetryService(deps: TelemetryDeps) {
  const { database, profiles, logger, now } = deps;
  const db = database.db;
  const listeners: ((batch: StoredBatch) => Promise<void>)[] = [];
  const writer = createWriter(
    { database, logger, now, listeners },
    // On PostgreSQL a second batch is written while the first commits (its COPY overlaps the other's round trips).
    { ...defaultWriterOptions, concurrency: database.kind === 'postgres' ? 2 : 1, ...deps.writer },
  );
  let timers: NodeJS.Timeout[] = [];

  const service = {
    /** Stores points of these devices; resolves once they are committed (and the rules have seen them). */
    store(points: Point[], devices: DeviceRef[]): Promise<void> {
      return writer.store(points, devices);
    },
    /** Counts a refused payload or value of a device (never stored as data). */
    countBad(device: DeviceRef, reason: BadReason, sample: string): void {
      writer.countBad(device, reason, sample);
    },
    /** Calls `listener` with every batch committed. */
    onStored(listener: (batch: StoredBatch) => Promise<void>) {
      listeners.push(listener);
    },
    /** Writes what is buffered (points and bad counts) and waits until it is committed and delivered. */
    flush(): Promise<void> {
      return writer.flush();
    },
    /** The writer's counters and time per stage (for benches). */
    stats() {
      return writer.stats();
    },

    /** Creates the daily partitions of yesterday to three days ahead that are missing (UTC days). */
    ensurePartitions(): Promise<string[]> {
      return ensurePartitions(db, now());
    },
    /** Rolls raw points up into 1m, 1h and 1d aggregates; false when another process is at it. */
    rollup(): Promise<boolean> {
      return rollup(db, now());
    },
    /** Deletes raw points past their profile's retention and drops partitions past the longest one. */
    async applyRetention() {
      return applyRetention(db, await profiles.list(), now());
    },

    /** The latest value of each key of a device (the caller checked it may read it). */
    latest(device: DeviceRef) {
      return latestValues(db, device);
    },
    /** A device's series (the caller checked it may read it). */
    async timeseries(device: DeviceRef, query: TimeseriesQuery) {
      return timeseriesOf(db, device, await profiles.require(device.profileCode), query, now());
    },

    /** Creates the partitions now, then keeps them ahead (hourly), rolls up (every minute) and applies retention. */
    async start() {
      const every = (ms: number, work: () => Promise<unknown>, what: string) => {
        const timer = setInterval(() => work().catch((err) => logger.warn({ err }, `${what} failed`)), ms);
        timer.unref();
        timers.push(timer);
      };
      await service.ensurePartitions().catch((err) => logger.warn({ err }, 'telemetry partitions failed'));
      every(HOUR_MS, () => service.ensurePartitions(), 'telemetry partitions');
      every(MINUTE_MS, () => service.rollup(), 'telemetry rollup');
      every(HOUR_MS, () => service.applyRetention(), 'telemetry retention');
    },
    /** Stops the periodic work and writes what is buffered. */
    async stop() {
      for (const timer of timers) clearInterval(timer);
      timers = [];
      await writer.stop();
    },
  };
  return service;
}
export type TelemetryService = ReturnType<typeof createTelemetryService>;
