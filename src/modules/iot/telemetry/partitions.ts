// Daily partitions of iot.telemetry, on UTC days: telemetry_YYYYMMDD holds [day 00:00Z, next day 00:00Z). Points of
// days with no partition land in the default partition (telemetry_default), which retention cleans by the same rule.
import type { Db } from '../../../core/db.ts';
import {
  createPartition,
  createPartitionMovingPoints,
  dailyPartitions,
  defaultHasPoints,
  inTransaction,
  lock,
} from './repository.ts';

export const DAY_MS = 86_400_000;

/** The start (00:00 UTC) of the UTC day of `at`. */
export function utcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** The partition name of the UTC day starting at `day`: telemetry_YYYYMMDD. */
export function partitionName(day: Date): string {
  return `telemetry_${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** The UTC day a partition name stands for, or null for a name of another shape. */
export function partitionDay(name: string): Date | null {
  const m = /^telemetry_(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/**
 * Creates the partitions of yesterday to three days ahead that are missing; returns the names created. Idempotent,
 * and safe when processes race: each day is created under a lock, and a table another process created first (a
 * duplicate) counts as done.
 */
export async function ensurePartitions(db: Db, now: Date): Promise<string[]> {
  const today = utcDay(now);
  const existing = new Set(await dailyPartitions(db));
  const created: string[] = [];
  for (let offset = -1; offset <= 3; offset++) {
    const from = new Date(today.getTime() + offset * DAY_MS);
    const to = new Date(from.getTime() + DAY_MS);
    const name = partitionName(from);
    if (existing.has(name)) continue;
    try {
      const made = await inTransaction(db, async (tx) => {
        await lock(tx, 'iot.telemetry.partitions');
        if ((await dailyPartitions(tx)).includes(name)) return false;
        if (await defaultHasPoints(tx, from, to)) await createPartitionMovingPoints(tx, name, from, to);
        else await createPartition(tx, name, from, to);
        return true;
      });
      if (made) created.push(name);
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
  }
  return created;
}

// duplicate_table, or the unique index of pg_type when two sessions create the same table at once.
function isDuplicate(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  return code === '42P07' || code === '23505';
}
