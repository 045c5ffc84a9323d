import { and, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Database, type Db, type Paging, pageOf, queryRows } from '../../../core/db.ts';
import { alarms, devices, latest, ruleStates, rules, telemetry } from '../schema.ts';

export type AlarmRow = typeof alarms.$inferSelect;

/** Which alarm: a device, a rule, and the subject (a truck's plate; '' for most rules). */
export type AlarmKey = { deviceId: number; ruleId: number; subject: string };

/** An alarm to insert, or to add to the active one of its key (count, last value, message). */
export type AlarmWrite = AlarmKey & {
  severity: string;
  message: string;
  startedAt: Date;
  lastAt: Date;
  count: number;
  firstValue: unknown;
  lastValue: unknown;
  clearedAt: Date | null;
};

/** What a write tells the engine about each alarm it touched. */
export type Written = {
  id: number;
  ruleId: number;
  inserted: boolean;
  caseNumber: string | null;
  clearedAt: Date | null;
};

const written = {
  id: alarms.id,
  ruleId: alarms.ruleId,
  inserted: sql<boolean>`(xmax = 0)`,
  caseNumber: alarms.caseNumber,
  clearedAt: alarms.clearedAt,
};

const isoTs = (at: Date) => sql`${at.toISOString()}::timestamptz`;

// A batch may hold thousands of devices: their ids go as one array parameter, not one parameter each (a statement
// takes at most 65535), and rows are written in slices for the same reason.
const anyId = (ids: number[]) => sql`any(${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[])`;
const SLICE = 1000;

async function inSlices<T, R>(rows: T[], work: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += SLICE) out.push(...(await work(rows.slice(i, i + SLICE))));
  return out;
}

/** The active (not cleared) alarms of these devices. */
export function activeAlarms(db: Db, deviceIds: number[]): Promise<AlarmKey[]> {
  return db
    .select({ deviceId: alarms.deviceId, ruleId: alarms.ruleId, subject: alarms.subject })
    .from(alarms)
    .where(and(sql`${alarms.deviceId} = ${anyId(deviceIds)}`, isNull(alarms.clearedAt)));
}

/** Since when the conditions of duration rules have held on these devices. */
export function ruleStatesOf(db: Db, deviceIds: number[]) {
  return db
    .select({ deviceId: ruleStates.deviceId, ruleId: ruleStates.ruleId, since: ruleStates.since })
    .from(ruleStates)
    .where(sql`${ruleStates.deviceId} = ${anyId(deviceIds)}`);
}

/** Numeric readings of these devices and keys between two times (what rate rules compare with). */
export function readingsBetween(db: Db, deviceIds: number[], keys: string[], from: Date, to: Date) {
  return db
    .select({ deviceId: telemetry.deviceId, key: telemetry.key, ts: telemetry.ts, num: telemetry.num })
    .from(telemetry)
    .where(
      and(
        sql`${telemetry.deviceId} = ${anyId(deviceIds)}`,
        inArray(telemetry.key, keys),
        sql`${telemetry.ts} between ${isoTs(from)} and ${isoTs(to)}`,
        isNotNull(telemetry.num),
      ),
    );
}

/** The latest value of every key of these devices. */
export function latestOf(db: Db, deviceIds: number[]) {
  return db
    .select()
    .from(latest)
    .where(sql`${latest.deviceId} = ${anyId(deviceIds)}`);
}

/**
 * Inserts alarms; a row whose key has an active alarm adds to it instead (count, last value and time, message),
 * so one device and rule never have two active alarms, whichever process evaluates their points.
 */
export function upsertAlarms(db: Db, rows: AlarmWrite[]): Promise<Written[]> {
  return inSlices(rows, (slice) =>
    db
      .insert(alarms)
      .values(slice)
      .onConflictDoUpdate({
        target: [alarms.deviceId, alarms.ruleId, alarms.subject],
        targetWhere: sql`cleared_at is null`,
        set: {
          count: sql`${alarms.count} + excluded.count`,
          lastValue: sql`excluded.last_value`,
          lastAt: sql`greatest(${alarms.lastAt}, excluded.last_at)`,
          message: sql`excluded.message`,
          severity: sql`excluded.severity`,
        },
      })
      .returning(written),
  );
}

/** Clears the active alarms of these keys, each at its time; returns the alarms cleared. */
export function clearActive(db: Db, keys: (AlarmKey & { at: Date })[]): Promise<Written[]> {
  return inSlices(keys, (slice) => clearSlice(db, slice));
}

async function clearSlice(db: Db, keys: (AlarmKey & { at: Date })[]): Promise<Written[]> {
  const values = sql.join(
    keys.map((k) => sql`(${k.deviceId}::int, ${k.ruleId}::int, ${k.subject}::text, ${isoTs(k.at)})`),
    sql`, `,
  );
  const rows = await queryRows<{
    id: string | number;
    rule_id: number;
    case_number: string | null;
    cleared_at: Date | string;
  }>(
    db,
    sql`update iot.alarms a set cleared_at = v.at
        from (values ${values}) as v(device_id, rule_id, subject, at)
        where a.device_id = v.device_id and a.rule_id = v.rule_id and a.subject = v.subject and a.cleared_at is null
        returning a.id, a.rule_id, a.case_number, a.cleared_at`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    ruleId: r.rule_id,
    inserted: false,
    caseNumber: r.case_number,
    clearedAt: new Date(r.cleared_at),
  }));
}

/** Ends the conditions of duration rules that stopped holding (unless a later start was written meanwhile). */
export async function endStates(db: Db, ends: { deviceId: number; ruleId: number; at: Date }[]) {
  await inSlices(ends, async (slice) => {
    await endSlice(db, slice);
    return [];
  });
}

async function endSlice(db: Db, ends: { deviceId: number; ruleId: number; at: Date }[]) {
  const values = sql.join(
    ends.map((e) => sql`(${e.deviceId}::int, ${e.ruleId}::int, ${isoTs(e.at)})`),
    sql`, `,
  );
  await queryRows(
    db,
    sql`delete from iot.rule_states s using (values ${values}) as v(device_id, rule_id, at)
        where s.device_id = v.device_id and s.rule_id = v.rule_id and s.since <= v.at`,
  );
}

/** Records since when conditions of duration rules hold (the earlier time wins when two processes both saw it). */
export async function startStates(db: Db, starts: { deviceId: number; ruleId: number; since: Date }[]) {
  await inSlices(starts, (slice) =>
    db
      .insert(ruleStates)
      .values(slice)
      .onConflictDoUpdate({
        target: [ruleStates.deviceId, ruleStates.ruleId],
        set: { since: sql`least(${ruleStates.since}, excluded.since)` },
      })
      .then(() => []),
  );
}

const viewColumns = {
  alarm: alarms,
  deviceCode: devices.code,
  deviceName: devices.name,
  profileCode: devices.profileCode,
  departmentId: devices.departmentId,
  lng: devices.lng,
  lat: devices.lat,
  ruleName: rules.name,
};

/** An alarm with its device and rule, as views need it. */
export type AlarmJoined = {
  alarm: AlarmRow;
  deviceCode: string;
  deviceName: string;
  profileCode: string;
  departmentId: number;
  lng: number;
  lat: number;
  ruleName: string | null;
};

function joined() {
  return { from: alarms, device: eq(devices.id, alarms.deviceId), rule: eq(rules.id, alarms.ruleId) };
}

/** Alarms by id, with their devices and rules. */
export async function alarmsById(db: Db, ids: number[]): Promise<AlarmJoined[]> {
  if (!ids.length) return [];
  const j = joined();
  return db
    .select(viewColumns)
    .from(j.from)
    .innerJoin(devices, j.device)
    .leftJoin(rules, j.rule)
    .where(inArray(alarms.id, ids));
}

export type AlarmFilter = {
  status: 'active' | 'unacknowledged' | 'acknowledged' | 'cleared' | 'all';
  severity?: string;
  deviceCode?: string;
  profileCode?: string;
  departmentId?: number;
};

/** One page of alarms, newest first. */
export function listAlarms(db: Db, f: AlarmFilter, paging: Paging) {
  const where: (SQL | undefined)[] = [
    f.status === 'active' ? isNull(alarms.clearedAt) : undefined,
    f.status === 'unacknowledged' ? isNull(alarms.acknowledgedAt) : undefined,
    f.status === 'acknowledged' ? isNotNull(alarms.acknowledgedAt) : undefined,
    f.status === 'cleared' ? isNotNull(alarms.clearedAt) : undefined,
    f.severity ? eq(alarms.severity, f.severity) : undefined,
    f.deviceCode ? eq(devices.code, f.deviceCode) : undefined,
    f.profileCode ? eq(devices.profileCode, f.profileCode) : undefined,
    f.departmentId !== undefined ? eq(devices.departmentId, f.departmentId) : undefined,
  ];
  const j = joined();
  const query = db
    .select(viewColumns)
    .from(j.from)
    .innerJoin(devices, j.device)
    .leftJoin(rules, j.rule)
    .where(and(...where))
    .orderBy(desc(alarms.startedAt), desc(alarms.id))
    .$dynamic();
  const total = db
    .select({ n: sql<number>`count(*)::int` })
    .from(alarms)
    .innerJoin(devices, j.device)
    .where(and(...where))
    .then((r) => r[0]?.n ?? 0);
  return pageOf<AlarmJoined>(query, total, paging);
}

/** Acknowledges an alarm not yet acknowledged; undefined when it was already. */
export async function acknowledge(db: Db, id: number, at: Date, by: string): Promise<AlarmRow | undefined> {
  const [row] = await db
    .update(alarms)
    .set({ acknowledgedAt: at, acknowledgedBy: by })
    .where(and(eq(alarms.id, id), isNull(alarms.acknowledgedAt)))
    .returning();
  return row;
}

/** Clears an active alarm; undefined when it was cleared already. */
export async function clear(db: Db, id: number, at: Date): Promise<AlarmRow | undefined> {
  const [row] = await db
    .update(alarms)
    .set({ clearedAt: at })
    .where(and(eq(alarms.id, id), isNull(alarms.clearedAt)))
    .returning();
  return row;
}

/** Acknowledges the alarms behind a case not yet acknowledged; returns their ids. */
export async function acknowledgeByCase(db: Db, number: string, at: Date, by: string): Promise<number[]> {
  const rows = await db
    .update(alarms)
    .set({ acknowledgedAt: at, acknowledgedBy: by })
    .where(and(eq(alarms.caseNumber, number), isNull(alarms.acknowledgedAt)))
    .returning({ id: alarms.id });
  return rows.map((r) => r.id);
}

// While a case is being opened for an alarm its case number is '' (claimed), so that a repeat evaluated meanwhile,
// here or in another process, does not open a second case.
const CLAIMED = '';

/** Claims an active alarm without a case for opening one; false when it has one or another process claimed it. */
export async function claimForCase(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(alarms)
    .set({ caseNumber: CLAIMED })
    .where(and(eq(alarms.id, id), isNull(alarms.caseNumber), isNull(alarms.clearedAt)))
    .returning({ id: alarms.id });
  return rows.length > 0;
}

/** Stores the number of the case opened for an alarm (or gives up the claim: null). */
export async function setCaseNumber(db: Db, id: number, number: string | null): Promise<void> {
  await db
    .update(alarms)
    .set({ caseNumber: number })
    .where(and(eq(alarms.id, id), eq(alarms.caseNumber, CLAIMED)));
}

/** Devices (not retired, not in fault) of a profile, or one device, silent since before `cutoff`. */
export function silentDevices(db: Db, scope: { profileCode: string } | { deviceId: number }, cutoff: Date) {
  return db
    .select({ id: devices.id, code: devices.code, status: devices.status })
    .from(devices)
    .where(
      and(
        'profileCode' in scope ? eq(devices.profileCode, scope.profileCode) : eq(devices.id, scope.deviceId),
        inArray(devices.status, ['online', 'offline']),
        or(lt(devices.lastSeenAt, cutoff), and(isNull(devices.lastSeenAt), lt(devices.createdAt, cutoff))),
      ),
    );
}

/** Marks devices offline (those online); returns how many were. */
export async function markOffline(db: Db, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await db
    .update(devices)
    .set({ status: 'offline', updatedAt: new Date() })
    .where(and(sql`${devices.id} = ${anyId(ids)}`, eq(devices.status, 'online')))
    .returning({ id: devices.id });
  return rows.length;
}

/** Inserts alarms whose key has none active (a no-data alarm is raised once, not counted every minute). */
export function insertIfNone(db: Db, rows: AlarmWrite[]): Promise<{ id: number; ruleId: number }[]> {
  return inSlices(rows, (slice) =>
    db
      .insert(alarms)
      .values(slice)
      .onConflictDoNothing({
        target: [alarms.deviceId, alarms.ruleId, alarms.subject],
        where: sql`cleared_at is null`,
      })
      .returning({ id: alarms.id, ruleId: alarms.ruleId }),
  );
}

/** The profile of a device. */
export async function profileOfDevice(db: Db, id: number): Promise<string | undefined> {
  const [row] = await db.select({ code: devices.profileCode }).from(devices).where(eq(devices.id, id));
  return row?.code;
}

/** Sends `payload` on the NOTIFY channel `channel` (one round trip on the driver, outside any transaction). */
export async function notify(database: Database, channel: string, payload: string): Promise<void> {
  await database.query('select pg_notify($1, $2)', [channel, payload]);
}

// What the operations screen reads of alarms: the newest (its feed), the active ones on the map, counts per day.

const departmentOf = (departmentId: number | undefined) =>
  departmentId === undefined ? undefined : eq(devices.departmentId, departmentId);

/** The newest alarms, newest first (the started-at index read backwards), with their device and rule names. */
export function newestAlarms(db: Db, limit: number, departmentId?: number) {
  return db
    .select({
      id: alarms.id,
      severity: alarms.severity,
      startedAt: alarms.startedAt,
      ruleName: rules.name,
      deviceCode: devices.code,
      deviceName: devices.name,
      subdistrictCode: devices.subdistrictCode,
    })
    .from(alarms)
    .innerJoin(devices, eq(devices.id, alarms.deviceId))
    .leftJoin(rules, eq(rules.id, alarms.ruleId))
    .where(departmentOf(departmentId))
    .orderBy(desc(alarms.startedAt), desc(alarms.id))
    .limit(limit);
}

/** Active alarms with their device's code, name and place, newest first. */
export function activeAlarmPoints(db: Db, limit: number, departmentId?: number) {
  return db
    .select({
      id: alarms.id,
      severity: alarms.severity,
      startedAt: alarms.startedAt,
      deviceCode: devices.code,
      deviceName: devices.name,
      lng: devices.lng,
      lat: devices.lat,
    })
    .from(alarms)
    .innerJoin(devices, eq(devices.id, alarms.deviceId))
    .where(and(isNull(alarms.clearedAt), departmentOf(departmentId)))
    .orderBy(desc(alarms.startedAt), desc(alarms.id))
    .limit(limit);
}

/** Alarms started per China-local day (YYYY-MM-DD) since `since`. */
export function alarmsPerDay(db: Db, since: Date, departmentId?: number) {
  const day = sql<string>`to_char(${alarms.startedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  return db
    .select({ day, count: sql<number>`count(*)::int` })
    .from(alarms)
    .innerJoin(devices, eq(devices.id, alarms.deviceId))
    .where(and(sql`${alarms.startedAt} >= ${isoTs(since)}`, departmentOf(departmentId)))
    .groupBy(day);
}
