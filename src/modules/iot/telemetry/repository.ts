// The telemetry area's statements other than the writer's: daily partitions, retention, the rollup into aggregates,
// and the reads of the device page. Partition DDL names tables and bounds that are built here from dates (digits
// only), never from input.
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import { aggregates, latest, rollupMarks, telemetry } from '../schema.ts';

export type Interval = '1m' | '1h' | '1d';

/** Runs `work` in one transaction. */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}

/** Takes the transaction-scoped lock `name` if free; false when another session holds it. */
export async function tryLock(tx: Db, name: string): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(hashtext(${name})) as ok`,
  );
  return row?.ok === true;
}

/** Waits for the transaction-scoped lock `name`. */
export async function lock(tx: Db, name: string): Promise<void> {
  await queryRows(tx, sql`select pg_advisory_xact_lock(hashtext(${name}))`);
}

// ---- partitions -------------------------------------------------------------------------------------------------

/** The names of the daily partitions of iot.telemetry (telemetry_YYYYMMDD). */
export async function dailyPartitions(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'iot.telemetry'::regclass`,
  );
  return rows.map((r) => r.name).filter((n) => /^telemetry_\d{8}$/.test(n));
}

/** Whether the default partition holds points in [from, to). */
export async function defaultHasPoints(tx: Db, from: Date, to: Date): Promise<boolean> {
  const rows = await queryRows(
    tx,
    sql`select 1 from iot.telemetry_default where ts >= ${from.toISOString()}::timestamptz
        and ts < ${to.toISOString()}::timestamptz limit 1`,
  );
  return rows.length > 0;
}

const bounds = (from: Date, to: Date) => `from ('${from.toISOString()}') to ('${to.toISOString()}')`;

/** Creates the partition `name` for [from, to) (no point of that range may be in the default partition). */
export async function createPartition(tx: Db, name: string, from: Date, to: Date) {
  await tx.execute(
    sql.raw(
      `create table if not exists iot.${name} partition of iot.telemetry for values ${bounds(from, to)}`,
    ),
  );
}

/**
 * Creates the partition `name` for [from, to) when the default partition already holds points of that range: the
 * points move into a new table, which is then attached (PostgreSQL refuses a partition whose rows sit in the
 * default). New points for the default wait on its lock until the transaction ends.
 */
export async function createPartitionMovingPoints(tx: Db, name: string, from: Date, to: Date) {
  await tx.execute(sql`lock table iot.telemetry_default in exclusive mode`);
  await tx.execute(sql.raw(`create table iot.${name} (like iot.telemetry including defaults)`));
  await tx.execute(
    sql.raw(`with moved as (
       delete from iot.telemetry_default where ts >= '${from.toISOString()}' and ts < '${to.toISOString()}'
       returning device_id, key, ts, num, txt)
     insert into iot.${name} (device_id, key, ts, num, txt) select * from moved`),
  );
  await tx.execute(
    sql.raw(`alter table iot.telemetry attach partition iot.${name} for values ${bounds(from, to)}`),
  );
}

/** Drops the partition `name` (its points with it). */
export async function dropPartition(db: Db, name: string) {
  await db.execute(sql.raw(`drop table if exists iot.${name}`));
}

// ---- retention --------------------------------------------------------------------------------------------------

/** Deletes the points older than `before` of the devices of a profile (in every partition, the default's too). */
export async function deletePointsBefore(db: Db, profileCode: string, before: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with gone as (
          delete from iot.telemetry t using iot.devices d
          where d.id = t.device_id and d.profile_code = ${profileCode} and t.ts < ${before.toISOString()}::timestamptz
          returning 1)
        select count(*)::int as n from gone`,
  );
  return row?.n ?? 0;
}

// ---- rollup -----------------------------------------------------------------------------------------------------

/** How far each interval's rollup has come. */
export async function rollupMarksByInterval(db: Db): Promise<Map<string, Date>> {
  const rows = await db.select().from(rollupMarks);
  return new Map(rows.map((r) => [r.interval, r.doneUntil]));
}

/** Sets how far an interval's rollup has come. */
export async function setRollupMark(db: Db, interval: Interval, doneUntil: Date) {
  await db
    .insert(rollupMarks)
    .values({ interval, doneUntil })
    .onConflictDoUpdate({ target: rollupMarks.interval, set: { doneUntil } });
}

/** The time of the oldest point stored, or null (where a first rollup starts). */
export async function oldestPoint(db: Db): Promise<Date | null> {
  const [row] = await queryRows<{ ts: string | Date | null }>(
    db,
    sql`select min(ts) as ts from iot.telemetry`,
  );
  return row?.ts ? new Date(row.ts) : null;
}

const upsertAggregates = sql`on conflict (device_id, key, interval, bucket) do update
  set min = excluded.min, max = excluded.max, sum = excluded.sum, count = excluded.count`;

/** `and ts < to` when a range has an end (a past range rolled up after an import), else nothing. */
const before = (column: string, to: Date | undefined) =>
  to ? sql`and ${sql.raw(column)} < ${to.toISOString()}::timestamptz` : sql``;

/** Recomputes every 1-minute bucket from `from` on (up to `to`, when given) out of the numeric points (UTC buckets). */
export async function rollupRawToMinutes(tx: Db, from: Date, to?: Date) {
  await tx.execute(sql`
    insert into iot.aggregates (device_id, key, interval, bucket, min, max, sum, count)
    select device_id, key, '1m', date_trunc('minute', ts, 'UTC'), min(num), max(num), sum(num), count(num)
    from iot.telemetry where ts >= ${from.toISOString()}::timestamptz ${before('ts', to)} and num is not null
    group by device_id, key, date_trunc('minute', ts, 'UTC')
    ${upsertAggregates}`);
}

/**
 * Recomputes every `target` bucket from `from` on (up to `to`, when given) out of the `source` buckets (1h from 1m,
 * 1d from 1h; UTC).
 */
export async function rollupBuckets(tx: Db, source: Interval, target: Interval, from: Date, to?: Date) {
  // A literal, not a parameter: the grouping must be the very expression selected.
  const unit = sql.raw(target === '1h' ? `'hour'` : `'day'`);
  await tx.execute(sql`
    insert into iot.aggregates (device_id, key, interval, bucket, min, max, sum, count)
    select device_id, key, ${target}, date_trunc(${unit}, bucket, 'UTC'), min(min), max(max), sum(sum), sum(count)
    from iot.aggregates where interval = ${source} and bucket >= ${from.toISOString()}::timestamptz
      ${before('bucket', to)}
    group by device_id, key, date_trunc(${unit}, bucket, 'UTC')
    ${upsertAggregates}`);
}

// ---- reads ------------------------------------------------------------------------------------------------------

/** The latest value of every key of a device. */
export async function latestOf(db: Db, deviceId: number) {
  return db
    .select({ key: latest.key, ts: latest.ts, num: latest.num, txt: latest.txt })
    .from(latest)
    .where(eq(latest.deviceId, deviceId))
    .orderBy(asc(latest.key));
}

/** The newest `limit` raw points of a device's key in [from, to], newest first. */
export async function rawPoints(db: Db, deviceId: number, key: string, from: Date, to: Date, limit: number) {
  return db
    .select({ ts: telemetry.ts, num: telemetry.num, txt: telemetry.txt })
    .from(telemetry)
    .where(
      and(
        eq(telemetry.deviceId, deviceId),
        eq(telemetry.key, key),
        gte(telemetry.ts, from),
        lte(telemetry.ts, to),
      ),
    )
    .orderBy(desc(telemetry.ts))
    .limit(limit);
}

/** The newest `limit` buckets of an interval of a device's key whose start is in [from, to], newest first. */
export async function aggregateBuckets(
  db: Db,
  deviceId: number,
  key: string,
  interval: Interval,
  from: Date,
  to: Date,
  limit: number,
) {
  return db
    .select({
      bucket: aggregates.bucket,
      min: aggregates.min,
      max: aggregates.max,
      sum: aggregates.sum,
      count: aggregates.count,
    })
    .from(aggregates)
    .where(
      and(
        eq(aggregates.deviceId, deviceId),
        eq(aggregates.key, key),
        eq(aggregates.interval, interval),
        gte(aggregates.bucket, from),
        lte(aggregates.bucket, to),
      ),
    )
    .orderBy(desc(aggregates.bucket))
    .limit(limit);
}
