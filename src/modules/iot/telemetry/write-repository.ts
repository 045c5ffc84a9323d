// The writer's statements: one transaction per batch on the driver itself (database.rawTransaction), with raw `$n`
// text, because this is the hot path the bench times against plain COPY: the points go in by COPY (no per-point SQL),
// and the latest values, the devices' last contact and the bad-payload counts by one set-based statement each over
// arrays (unnest). Every statement touches its rows in (device, key) order, so two processes writing the same
// devices lock them in the same order and cannot deadlock. Arrays other than int[] and text[] go as text[] and are
// cast in SQL: postgres.js has no serializer for timestamptz[] or float8[] parameters.
import type { Database, RawTx } from '../../../core/db.ts';
import type { Point } from '../ports.ts';

/** A bad-payload count to add: how many since the last write, the last one's time and sample. */
export type BadCount = { deviceId: number; reason: string; count: number; lastAt: Date; sample: string };

/** The newest point of each device and key of a batch, in (device, key) order. */
export type LatestRow = { deviceId: number; key: string; ts: Date; num: number | null; txt: string | null };

/** Runs `work` in one transaction on the driver, where COPY runs. */
export function inWriteTransaction<T>(database: Database, work: (tx: RawTx) => Promise<T>) {
  return database.rawTransaction(work);
}

const COLUMNS = ['device_id', 'key', 'ts', 'num', 'txt'];

/** Streams the points into iot.telemetry (PostgreSQL routes each row to its day's partition). */
export async function copyPoints(tx: RawTx, csv: string) {
  await tx.copyIn('iot.telemetry', COLUMNS, single(csv));
}

/** Streams points given as COPY CSV chunks into iot.telemetry (an import of many, chunk by chunk). */
export async function copyPointStream(tx: RawTx, chunks: AsyncIterable<string>) {
  await tx.copyIn('iot.telemetry', COLUMNS, chunks);
}

async function* single(text: string) {
  yield text;
}

/** Upserts the newest value per device and key; an older point never overwrites a newer one. */
export async function upsertLatest(tx: RawTx, rows: LatestRow[]) {
  if (rows.length === 0) return;
  await tx.query(
    `insert into iot.latest (device_id, key, ts, num, txt)
     select d, k, ts::timestamptz, num::float8, txt from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[])
       as u(d, k, ts, num, txt)
     on conflict (device_id, key) do update set ts = excluded.ts, num = excluded.num, txt = excluded.txt
     where excluded.ts >= iot.latest.ts`,
    [
      rows.map((r) => r.deviceId),
      rows.map((r) => r.key),
      rows.map((r) => r.ts.toISOString()),
      rows.map((r) => (r.num === null ? null : String(r.num))),
      rows.map((r) => r.txt),
    ],
  );
}

/**
 * Marks the devices seen at `at`, and an offline one online (a device in fault or retired keeps its status). A row
 * already stamped within the last second is left alone: a busy device is not rewritten on every batch. Returns how
 * many devices came online.
 */
export async function markSeen(tx: RawTx, deviceIds: number[], at: Date): Promise<number> {
  if (deviceIds.length === 0) return 0;
  const [row] = await tx.query<{ online: number }>(
    `with seen as (
       update iot.devices d set last_seen_at = greatest(d.last_seen_at, $2::timestamptz),
         status = case when d.status = 'offline' then 'online' else d.status end
       from (
         -- Locked in id order whatever plan the update gets: batches written at once must not deadlock.
         select id, status from iot.devices where id = any($1::int[])
           and (status = 'offline' or last_seen_at is null or last_seen_at < $2::timestamptz - interval '1 second')
         order by id for update) locked
       where d.id = locked.id
       returning locked.status = 'offline' as came_online)
     select (count(*) filter (where came_online))::int as online from seen`,
    [deviceIds, at.toISOString()],
  );
  return row?.online ?? 0;
}

/** Adds bad-payload counts (count += n; the last time and sample replaced). */
export async function addBadCounts(tx: RawTx, rows: BadCount[]) {
  if (rows.length === 0) return;
  await tx.query(
    `insert into iot.bad_payloads (device_id, reason, count, last_at, last_sample)
     select d, r, n::bigint, at::timestamptz, s from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[])
       as u(d, r, n, at, s)
     on conflict (device_id, reason) do update set count = iot.bad_payloads.count + excluded.count,
       last_at = greatest(iot.bad_payloads.last_at, excluded.last_at), last_sample = excluded.last_sample`,
    [
      rows.map((r) => r.deviceId),
      rows.map((r) => r.reason),
      rows.map((r) => String(r.count)),
      rows.map((r) => r.lastAt.toISOString()),
      rows.map((r) => r.sample),
    ],
  );
}

/** One point as a COPY CSV line (unquoted empty = NULL; text quoted, NUL characters dropped: COPY refuses them). */
export function csvLine(p: Point): string {
  const num = p.num === null ? '' : String(p.num);
  const txt = p.txt === null ? '' : quote(p.txt);
  return `${p.deviceId},${quote(p.key)},${p.ts.toISOString()},${num},${txt}\n`;
}

function quote(text: string) {
  let t = text;
  if (t.includes('\0')) t = t.replaceAll('\0', '');
  return t.includes('"') ? `"${t.replaceAll('"', '""')}"` : `"${t}"`;
}
