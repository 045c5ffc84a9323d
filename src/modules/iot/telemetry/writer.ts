// The batching writer: many callers (every MQTT message, every HTTP post) hand it a few points each; it writes them
// in batches, one transaction each, and answers each caller once its points are committed and the listeners (the
// rules) have seen them. One batch is written at a time while the next fills, so under load batches grow by
// themselves up to the cap, and a quiet stream is written within `flushMs`.
import { performance } from 'node:perf_hooks';
import { announceChange } from '../../../core/changes.ts';
import type { Database } from '../../../core/db.ts';
import type { Logger } from '../../../core/logger.ts';
import type { BadReason, DeviceRef, Point, StoredBatch } from '../ports.ts';
import {
  addBadCounts,
  type BadCount,
  copyPoints,
  csvLine,
  inWriteTransaction,
  type LatestRow,
  markSeen,
  upsertLatest,
} from './write-repository.ts';

export type WriterOptions = {
  /** A batch is written at once when it holds this many points. */
  batchPoints: number;
  /** A batch is written at most this long after its first point arrived. */
  flushMs: number;
  /** Points accepted but not yet answered (buffered, being written, being delivered); past it, store() waits. */
  maxPendingPoints: number;
  /** Bad-payload counts are written at least this often (with a batch when there is one). */
  badFlushMs: number;
  /** Batches written at once, each in its own transaction (1 on PGlite: it has one connection). */
  concurrency?: number;
};

export const defaultWriterOptions: WriterOptions = {
  batchPoints: 5_000,
  flushMs: 50,
  maxPendingPoints: 50_000,
  badFlushMs: 1_000,
};

/** What the writer has done, and where its time went (milliseconds, summed over batches): for benches. */
export type WriterStats = {
  batches: number;
  points: number;
  failedBatches: number;
  /** Building the CSV and the latest rows. */
  prepareMs: number;
  copyMs: number;
  /** The latest values, the devices' last contact and the bad counts. */
  upsertMs: number;
  /** BEGIN, COMMIT and the wait for a connection. */
  commitMs: number;
  /** The listeners (the rules). */
  deliverMs: number;
};

type Listener = (batch: StoredBatch) => Promise<void>;
type Waiter = { size: number; resolve: () => void; reject: (error: unknown) => void };
type Batch = { points: Point[]; devices: Map<number, DeviceRef>; waiters: Waiter[]; openedAt: number };

const SAMPLE_CHARS = 500;

/** Creates the batching writer of telemetry points and bad-payload counts. */
export function createWriter(
  deps: { database: Database; logger: Logger; now: () => Date; listeners: Listener[] },
  options: WriterOptions = defaultWriterOptions,
) {
  const { database, logger } = deps;
  const stats: WriterStats = {
    batches: 0,
    points: 0,
    failedBatches: 0,
    prepareMs: 0,
    copyMs: 0,
    upsertMs: 0,
    commitMs: 0,
    deliverMs: 0,
  };
  const emptyBatch = (): Batch => ({ points: [], devices: new Map(), waiters: [], openedAt: 0 });
  let current = emptyBatch();
  let bad = new Map<string, BadCount>();
  let badSince = 0;
  let pending = 0;
  let spaceWaiters: (() => void)[] = [];
  const concurrency = Math.max(1, options.concurrency ?? 1);
  let writing = 0;
  let idle: Promise<unknown> = Promise.resolve();
  let forced = false;
  let delivery: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let timerAt = 0;

  function due() {
    const age = Date.now();
    if (current.points.length >= options.batchPoints) return true;
    if (current.points.length > 0 && (forced || age - current.openedAt >= options.flushMs)) return true;
    return bad.size > 0 && (forced || age - badSince >= options.badFlushMs);
  }

  function schedule(ms: number) {
    const at = Date.now() + Math.max(0, ms);
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(
      () => {
        timer = null;
        kick();
      },
      Math.max(0, ms),
    );
    timer.unref();
  }

  function reschedule() {
    // With every writer busy, the end of a write looks again.
    if (writing >= concurrency) return;
    const now = Date.now();
    if (current.points.length > 0) schedule(current.openedAt + options.flushMs - now);
    if (bad.size > 0) schedule(badSince + options.badFlushMs - now);
  }

  // Starts writing batches while fewer than `concurrency` are being written and one is due.
  function kick() {
    while (writing < concurrency && due()) startWrite();
    if (writing === 0) forced = false;
    reschedule();
  }

  function startWrite() {
    const batch = current;
    current = emptyBatch();
    const counts = [...bad.values()].sort(byDeviceAndReason);
    bad = new Map();
    writing++;
    const committed = write(batch, counts);
    const done = committed.then(
      () => null,
      (error: unknown) => {
        stats.failedBatches++;
        logger.warn({ err: error, points: batch.points.length }, 'telemetry batch failed');
        // The counts are kept for the next write; the points' callers are told (MQTT does not acknowledge them).
        for (const c of counts) addBad(c);
        badSince = Date.now();
        return { error };
      },
    );
    // Delivered in the order the batches were cut, each once committed, while later batches are written.
    delivery = delivery.then(async () => {
      const failed = await done;
      if (failed) settle(batch, failed.error ?? new Error('telemetry batch failed'));
      else await deliver(batch);
    });
    idle = idle.then(() => done);
    void done.then(() => {
      writing--;
      kick();
    });
  }

  async function write(batch: Batch, counts: BadCount[]) {
    const t0 = performance.now();
    let csv = '';
    for (const p of batch.points) csv += csvLine(p);
    const latest = newestPerKey(batch.points);
    const ids = [...new Set(batch.points.map((p) => p.deviceId))].sort((a, b) => a - b);
    const seenAt = deps.now();
    const t1 = performance.now();
    let copied = 0;
    let upserted = 0;
    await inWriteTransaction(database, async (tx) => {
      const c0 = performance.now();
      if (csv) await copyPoints(tx, csv);
      const c1 = performance.now();
      await upsertLatest(tx, latest);
      // Devices that came online change what the operations screens count: they are told once this commits.
      if (await markSeen(tx, ids, seenAt)) await announceChange(tx, 'devices');
      await addBadCounts(tx, counts);
      copied = c1 - c0;
      upserted = performance.now() - c1;
    });
    const t2 = performance.now();
    if (batch.points.length > 0) stats.batches++;
    stats.points += batch.points.length;
    stats.prepareMs += t1 - t0;
    stats.copyMs += copied;
    stats.upsertMs += upserted;
    stats.commitMs += t2 - t1 - copied - upserted;
  }

  async function deliver(batch: Batch) {
    if (batch.points.length === 0) return;
    const t0 = performance.now();
    const stored: StoredBatch = { points: batch.points, devices: batch.devices };
    for (const listener of deps.listeners) {
      try {
        await listener(stored);
      } catch (error) {
        logger.error({ err: error }, 'telemetry listener failed');
      }
    }
    stats.deliverMs += performance.now() - t0;
    settle(batch, null);
  }

  function settle(batch: Batch, error: unknown) {
    for (const w of batch.waiters) {
      pending -= w.size;
      if (error) w.reject(error);
      else w.resolve();
    }
    const waiting = spaceWaiters;
    spaceWaiters = [];
    for (const wake of waiting) wake();
  }

  function addBad(c: BadCount) {
    const key = `${c.deviceId}\u0000${c.reason}`;
    const known = bad.get(key);
    if (!known) {
      if (bad.size === 0) badSince = Date.now();
      bad.set(key, { ...c });
    } else {
      known.count += c.count;
      if (c.lastAt >= known.lastAt) {
        known.lastAt = c.lastAt;
        known.sample = c.sample;
      }
    }
  }

  return {
    /** Buffers the points; resolves once their batch is committed and delivered, rejects if it failed. */
    async store(points: Point[], devices: DeviceRef[]): Promise<void> {
      for (const p of points)
        if (!(p.ts instanceof Date) || Number.isNaN(p.ts.getTime()) || !Number.isInteger(p.deviceId))
          throw new TypeError(`Bad telemetry point ${JSON.stringify(p)}`);
      if (points.length === 0) return;
      // Bounded memory: wait while too much is buffered or unanswered (one caller alone may exceed the bound).
      while (pending > 0 && pending + points.length > options.maxPendingPoints)
        await new Promise<void>((wake) => spaceWaiters.push(wake));
      pending += points.length;
      return new Promise<void>((resolve, reject) => {
        if (current.points.length === 0) current.openedAt = Date.now();
        for (const p of points) current.points.push(p);
        for (const d of devices) current.devices.set(d.id, d);
        current.waiters.push({ size: points.length, resolve, reject });
        if (current.points.length >= options.batchPoints) kick();
        else schedule(current.openedAt + options.flushMs - Date.now());
      });
    },

    /** Counts a refused payload or value; written with the next batch, or within `badFlushMs`. Never throws. */
    countBad(device: DeviceRef, reason: BadReason, sample: string): void {
      try {
        addBad({
          deviceId: device.id,
          reason,
          count: 1,
          lastAt: deps.now(),
          sample: String(sample).slice(0, SAMPLE_CHARS),
        });
        schedule(badSince + options.badFlushMs - Date.now());
      } catch (error) {
        logger.warn({ err: error }, 'counting a bad payload failed');
      }
    },

    /** Writes everything buffered now and waits until it is committed and delivered. */
    async flush() {
      // A few rounds: points may arrive meanwhile; a database that is down must not hold the caller forever.
      for (let round = 0; round < 5 && (writing > 0 || current.points.length > 0 || bad.size > 0); round++) {
        forced = true;
        kick();
        await idle;
        await delivery;
      }
      await delivery;
    },

    /** Stops the timer after writing what is buffered. */
    async stop() {
      await this.flush();
      if (timer) clearTimeout(timer);
      timer = null;
    },

    /** Counters and time per stage, for benches. */
    stats(): WriterStats {
      return { ...stats };
    },
  };
}
export type Writer = ReturnType<typeof createWriter>;

function byDeviceAndReason(a: BadCount, b: BadCount) {
  return a.deviceId - b.deviceId || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0);
}

/** The newest point per device and key (a later point wins a tie), in (device, key) order. */
export function newestPerKey(points: Point[]): LatestRow[] {
  const newest = new Map<string, Point>();
  for (const p of points) {
    const k = `${p.deviceId}\u0000${p.key}`;
    const known = newest.get(k);
    if (!known || p.ts.getTime() >= known.ts.getTime()) newest.set(k, p);
  }
  return [...newest.values()]
    .sort((a, b) => a.deviceId - b.deviceId || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ deviceId, key, ts, num, txt }) => ({ deviceId, key, ts, num, txt }));
}
