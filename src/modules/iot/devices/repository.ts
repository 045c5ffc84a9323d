import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, escapeLike, type Paging, pageOf } from '../../../core/db.ts';
import type { DeviceRef, DeviceStatus } from '../ports.ts';
import { alarms, badPayloads, devices, latest } from '../schema.ts';

export type DeviceRow = typeof devices.$inferSelect;
export type DeviceValues = typeof devices.$inferInsert;

/** The columns of a DeviceRef (what the data path and the simulator read of a device). */
export const refColumns = {
  id: devices.id,
  code: devices.code,
  name: devices.name,
  profileCode: devices.profileCode,
  departmentId: devices.departmentId,
  status: devices.status,
  attributes: devices.attributes,
  gatewayId: devices.gatewayId,
  lng: devices.lng,
  lat: devices.lat,
  subdistrictCode: devices.subdistrictCode,
  communityCode: devices.communityCode,
};

/** A row of `refColumns` as a DeviceRef. */
export function asRef(row: Record<string, unknown> | undefined): DeviceRef | null {
  return row ? ({ ...row, status: row.status as DeviceStatus } as DeviceRef) : null;
}

/** The device whose token has this hash. */
export async function findRefByTokenHash(db: Db, tokenHash: string): Promise<DeviceRef | null> {
  const [row] = await db.select(refColumns).from(devices).where(eq(devices.tokenHash, tokenHash));
  return asRef(row);
}

/** The device with this code. */
export async function findRefByCode(db: Db, code: string): Promise<DeviceRef | null> {
  const [row] = await db.select(refColumns).from(devices).where(eq(devices.code, code));
  return asRef(row);
}

/** The full rows of these codes (for an import's updates and duplicate checks). */
export function findByCodes(db: Db, codes: string[]): Promise<DeviceRow[]> {
  if (!codes.length) return Promise.resolve([]);
  return db.select().from(devices).where(inArray(devices.code, codes));
}

/** Inserts devices; returns their rows. */
export function insertDevices(db: Db, values: DeviceValues[]): Promise<DeviceRow[]> {
  return db.insert(devices).values(values).returning();
}

/** Changes one device's columns; returns the row. */
export async function updateDevice(
  db: Db,
  id: number,
  values: Partial<DeviceValues>,
): Promise<DeviceRow | undefined> {
  const [row] = await db.update(devices).set(values).where(eq(devices.id, id)).returning();
  return row;
}

/** What lists filter devices by; `departmentId` also scopes a department user to their own. */
export type DeviceFilter = {
  q?: string;
  profile?: string;
  status?: string;
  departmentId?: number;
  subdistrict?: string;
};

function where(f: DeviceFilter): SQL | undefined {
  const like = f.q ? `%${escapeLike(f.q)}%` : undefined;
  return and(
    like ? or(ilike(devices.code, like), ilike(devices.name, like)) : undefined,
    f.profile ? eq(devices.profileCode, f.profile) : undefined,
    f.status ? eq(devices.status, f.status) : undefined,
    f.departmentId !== undefined ? eq(devices.departmentId, f.departmentId) : undefined,
    f.subdistrict ? eq(devices.subdistrictCode, f.subdistrict) : undefined,
  );
}

const badCount = sql<number>`(select coalesce(sum(b.count), 0)::int from ${badPayloads} b where b.device_id = ${devices.id})`;
const activeAlarms = sql<number>`(select count(*)::int from ${alarms} a where a.device_id = ${devices.id} and a.cleared_at is null)`;

const sorts = {
  code: [asc(devices.code)],
  '-code': [desc(devices.code)],
  name: [asc(devices.name), asc(devices.code)],
  '-name': [desc(devices.name), asc(devices.code)],
  lastSeenAt: [sql`${devices.lastSeenAt} asc nulls first`, asc(devices.code)],
  '-lastSeenAt': [sql`${devices.lastSeenAt} desc nulls last`, asc(devices.code)],
} as const;

export type ListedDevice = DeviceRow & { badCount: number; activeAlarms: number };

/** One page of devices with their refused-payload and active-alarm counts. */
export function listDevices(db: Db, f: DeviceFilter, sort: keyof typeof sorts, paging: Paging) {
  const query = db
    .select({ device: devices, badCount, activeAlarms })
    .from(devices)
    .where(where(f))
    .orderBy(...sorts[sort]);
  return pageOf(query, db.$count(devices, where(f)), paging);
}

const severityRank = sql`case a.severity when 'critical' then 4 when 'major' then 3 when 'minor' then 2 else 1 end`;

/** What a map shows of a device. */
const pointColumns = {
  code: devices.code,
  name: devices.name,
  profileCode: devices.profileCode,
  status: devices.status,
  lng: devices.lng,
  lat: devices.lat,
};

/** Every device for the map, with its highest active alarm's severity. */
export function mapDevices(db: Db, f: DeviceFilter) {
  return db
    .select({
      ...pointColumns,
      alarmSeverity: sql<
        string | null
      >`(select a.severity from ${alarms} a where a.device_id = ${devices.id} and a.cleared_at is null order by ${severityRank} desc limit 1)`,
    })
    .from(devices)
    .where(where(f))
    .orderBy(devices.code);
}

/**
 * Devices in service (not retired) placed inside the box, nearest to `centre` first, at most `limit`. The order is
 * by flat distance with longitude scaled for the latitude: within a few kilometres it ranks as the great circle does.
 */
export function devicesInBox(
  db: Db,
  centre: { lng: number; lat: number },
  box: { west: number; south: number; east: number; north: number },
  limit: number,
) {
  const scale = Math.cos((centre.lat * Math.PI) / 180);
  return db
    .select({ ...pointColumns, departmentId: devices.departmentId })
    .from(devices)
    .where(
      and(
        sql`${devices.status} <> 'retired'`,
        sql`${devices.lng} between ${box.west} and ${box.east}`,
        sql`${devices.lat} between ${box.south} and ${box.north}`,
      ),
    )
    .orderBy(
      sql`power((${devices.lng} - ${centre.lng}) * ${scale}, 2) + power(${devices.lat} - ${centre.lat}, 2)`,
      asc(devices.code),
    )
    .limit(limit);
}

/** One device with its counts, and its gateway's code. */
export async function findListed(db: Db, code: string) {
  const gateway = alias(devices, 'gateway');
  const [row] = await db
    .select({ device: devices, badCount, activeAlarms, gatewayCode: gateway.code })
    .from(devices)
    .leftJoin(gateway, eq(gateway.id, devices.gatewayId))
    .where(eq(devices.code, code));
  return row;
}

/** A device's refused payloads by reason. */
export function badOf(db: Db, deviceId: number) {
  return db
    .select({
      reason: badPayloads.reason,
      count: badPayloads.count,
      lastAt: badPayloads.lastAt,
      lastSample: badPayloads.lastSample,
    })
    .from(badPayloads)
    .where(eq(badPayloads.deviceId, deviceId))
    .orderBy(desc(badPayloads.lastAt));
}

/** Devices by status and by profile (online per profile), of one department or all. */
export async function deviceCounts(db: Db, departmentId: number | undefined) {
  const scope = departmentId === undefined ? undefined : eq(devices.departmentId, departmentId);
  return db
    .select({ profileCode: devices.profileCode, status: devices.status, n: count() })
    .from(devices)
    .where(scope)
    .groupBy(devices.profileCode, devices.status);
}

/** Active alarms counted by `by` (a column of the alarm or of its device), of one department's devices or all. */
function countActiveAlarms<By extends typeof alarms.severity | typeof devices.subdistrictCode>(
  db: Db,
  by: By,
  departmentId: number | undefined,
) {
  return db
    .select({ key: by, n: count() })
    .from(alarms)
    .innerJoin(devices, eq(devices.id, alarms.deviceId))
    .where(
      and(
        isNull(alarms.clearedAt),
        departmentId === undefined ? undefined : eq(devices.departmentId, departmentId),
      ),
    )
    .groupBy(by);
}

/** Active alarms by severity, of one department's devices or all. */
export async function activeAlarmCounts(db: Db, departmentId: number | undefined) {
  const rows = await countActiveAlarms(db, alarms.severity, departmentId);
  return rows.map((r) => ({ severity: r.key as string, n: r.n }));
}

/** The names of the devices of these codes (for the audit page). */
export function namesOf(db: Db, codes: string[]) {
  if (!codes.length) return Promise.resolve([]);
  return db
    .select({ code: devices.code, name: devices.name })
    .from(devices)
    .where(inArray(devices.code, codes));
}

/** Devices in service (not retired) per subdistrict (null: outside every subdistrict), of one department or all. */
export function devicesBySubdistrict(db: Db, departmentId: number | undefined) {
  return db
    .select({ subdistrictCode: devices.subdistrictCode, n: count() })
    .from(devices)
    .where(
      and(
        sql`${devices.status} <> 'retired'`,
        departmentId === undefined ? undefined : eq(devices.departmentId, departmentId),
      ),
    )
    .groupBy(devices.subdistrictCode);
}

/** Active alarms per subdistrict of their device, of one department's devices or all. */
export async function activeAlarmsBySubdistrict(db: Db, departmentId: number | undefined) {
  const rows = await countActiveAlarms(db, devices.subdistrictCode, departmentId);
  return rows.map((r) => ({ subdistrictCode: r.key, n: r.n }));
}

/** The devices in service of a profile with the latest value of each of `keys` (one row per device and key). */
export function devicesWithLatest(db: Db, profileCode: string, keys: string[], departmentId?: number) {
  return db
    .select({
      code: devices.code,
      name: devices.name,
      status: devices.status,
      lng: devices.lng,
      lat: devices.lat,
      attributes: devices.attributes,
      key: latest.key,
      num: latest.num,
    })
    .from(devices)
    .leftJoin(latest, and(eq(latest.deviceId, devices.id), inArray(latest.key, keys.length ? keys : [''])))
    .where(
      and(
        eq(devices.profileCode, profileCode),
        sql`${devices.status} <> 'retired'`,
        departmentId === undefined ? undefined : eq(devices.departmentId, departmentId),
      ),
    )
    .orderBy(devices.code);
}
