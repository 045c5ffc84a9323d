// The rollup into iot.aggregates: 1-minute buckets from the raw points, 1-hour from the 1-minute, 1-day from the
// 1-hour (all UTC). Each run recomputes whole buckets from its mark minus a safety window for late points, so running
// it twice gives the same rows; one process at a time runs it (an advisory lock), and the upserts make an overlap
// harmless anyway. A point arriving later than the window after its time is not rolled up (it stays in raw).
import type { Db } from '../../../core/db.ts';
import { DAY_MS } from './partitions.ts';
import {
  inTransaction,
  lock,
  oldestPoint,
  rollupBuckets,
  rollupMarksByInterval,
  rollupRawToMinutes,
  setRollupMark,
  tryLock,
} from './repository.ts';

/** Late points within this long of the last run are still rolled up. */
export const ROLLUP_SAFETY_MS = 5 * 60_000;

const floorTo = (at: Date, ms: number) => new Date(Math.floor(at.getTime() / ms) * ms);

/** Runs the rollup up to `now`; false when another process is running it. */
export async function rollup(db: Db, now: Date): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    if (!(await tryLock(tx, 'iot.telemetry.rollup'))) return false;
    const mark = (await rollupMarksByInterval(tx)).get('1m');
    const start = mark ? new Date(mark.getTime() - ROLLUP_SAFETY_MS) : await oldestPoint(tx);
    if (!start) return true; // nothing stored yet
    const fromMinute = floorTo(start, 60_000);
    // Each level recomputes the buckets holding anything the level below just changed.
    const fromHour = floorTo(fromMinute, 3_600_000);
    const fromDay = floorTo(fromHour, DAY_MS);
    await rollupRawToMinutes(tx, fromMinute);
    await rollupBuckets(tx, '1m', '1h', fromHour);
    await rollupBuckets(tx, '1h', '1d', fromDay);
    await setRollupMark(tx, '1m', floorTo(now, 60_000));
    await setRollupMark(tx, '1h', floorTo(now, 3_600_000));
    await setRollupMark(tx, '1d', floorTo(now, DAY_MS));
    return true;
  });
}

const ceilTo = (at: Date, ms: number) => new Date(Math.ceil(at.getTime() / ms) * ms);

/**
 * Rolls up the points of the past range [from, to] into whole 1m, 1h and 1d buckets: points written there after the
 * regular rollup had passed it (an import of history), which it would never look at again. Waits for a rollup
 * running elsewhere. With no rollup run yet, it rolls up everything stored up to `to` and sets the marks there, so
 * the first regular run starts from `to` instead of from the oldest point (a month of history, all over again).
 */
export async function rollupRange(db: Db, from: Date, to: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lock(tx, 'iot.telemetry.rollup');
    const marked = (await rollupMarksByInterval(tx)).has('1m');
    const oldest = marked ? null : await oldestPoint(tx);
    const start = oldest && oldest < from ? oldest : from;
    const end = new Date(to.getTime() + 1);
    await rollupRawToMinutes(tx, floorTo(start, 60_000), ceilTo(end, 60_000));
    await rollupBuckets(tx, '1m', '1h', floorTo(start, 3_600_000), ceilTo(end, 3_600_000));
    await rollupBuckets(tx, '1h', '1d', floorTo(start, DAY_MS), ceilTo(end, DAY_MS));
    if (!marked) {
      await setRollupMark(tx, '1m', floorTo(to, 60_000));
      await setRollupMark(tx, '1h', floorTo(to, 3_600_000));
      await setRollupMark(tx, '1d', floorTo(to, DAY_MS));
    }
  });
}
