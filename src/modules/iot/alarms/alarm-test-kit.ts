// Test support for the alarm tests: a platform with a clock the test moves, and points stored the way the telemetry
// writer stores them (telemetry rows, latest values, the device seen and online) before the rules see them.
import { eq, sql } from 'drizzle-orm';
import type { DatabaseKind } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { iotPlatform } from '../iot-test-kit.ts';
import type { DeviceRef, Point } from '../ports.ts';
import { devices as devicesTable, latest, telemetry } from '../schema.ts';
import type { Alarm, AlarmQuery } from './contract.ts';

export type Reading = { key: string; value: number | string; minutes?: number };

/** A platform whose clock starts now and moves when the test says; `store` feeds readings to the rules. */
export async function alarmPlatform(kind: DatabaseKind) {
  let clock = new Date();
  const t = await iotPlatform(kind, () => clock);
  const refs = new Map<string, DeviceRef>();

  /** Registers a device (see iot-test-kit) and keeps what the data path knows of it. */
  async function device(input: Parameters<typeof t.addDevice>[0]) {
    const row = await t.addDevice(input);
    const ref = (await t.p.modules.iot.devices.byCode(row.code))!;
    refs.set(row.code, ref);
    return ref;
  }

  /**
   * Stores readings of devices (each `minutes` after the clock; the clock then moves to the last) as the telemetry
   * writer does, has the rules evaluate them, and waits for what follows (cases, notes, pushes).
   */
  async function store(readings: (Reading & { device: string })[]) {
    const points: Point[] = readings.map((r) => ({
      deviceId: refs.get(r.device)!.id,
      key: r.key,
      ts: new Date(clock.getTime() + (r.minutes ?? 0) * 60_000),
      num: typeof r.value === 'number' ? r.value : null,
      txt: typeof r.value === 'string' ? r.value : null,
    }));
    const db = t.p.database.db;
    await db.insert(telemetry).values(points);
    // The newest point of each device and key is what iot.latest keeps.
    const newest = new Map<string, Point>();
    for (const p of points) {
      const had = newest.get(`${p.deviceId}:${p.key}`);
      if (!had || had.ts <= p.ts) newest.set(`${p.deviceId}:${p.key}`, p);
    }
    for (const p of newest.values())
      await db
        .insert(latest)
        .values(p)
        .onConflictDoUpdate({
          target: [latest.deviceId, latest.key],
          set: { ts: p.ts, num: p.num, txt: p.txt },
          setWhere: sql`${latest.ts} <= ${p.ts.toISOString()}::timestamptz`,
        });
    for (const id of new Set(points.map((p) => p.deviceId))) {
      const seen = new Date(Math.max(...points.filter((p) => p.deviceId === id).map((p) => p.ts.getTime())));
      await db
        .update(devicesTable)
        .set({ lastSeenAt: seen, status: 'online' })
        .where(eq(devicesTable.id, id));
    }
    const devices = new Map(
      [...new Set(points.map((p) => p.deviceId))].map((id) => [
        id,
        [...refs.values()].find((d) => d.id === id)!,
      ]),
    );
    await t.p.modules.iot.alarms.evaluate({ points, devices });
    await t.p.modules.iot.alarms.idle();
    const last = Math.max(clock.getTime(), ...points.map((p) => p.ts.getTime()));
    clock = new Date(last);
  }

  // Read through the services: the test's clock moves hours, past the sessions' idle time.
  const admin = systemCtx('test');

  /** The alarms of a device (newest first), as the center sees them. */
  async function alarmsOf(code: string, status: AlarmQuery['status'] = 'all'): Promise<Alarm[]> {
    const page = await t.p.modules.iot.alarms.list(admin, { status, device: code, page: 1, pageSize: 100 });
    return page.items;
  }

  /** A case's detail as the center sees it. */
  async function caseOf(number: string) {
    return t.p.modules.events.cases.get(admin, number);
  }

  return {
    ...t,
    device,
    store,
    alarmsOf,
    caseOf,
    /** The center's context, for reading through services. */
    adminCtx: admin,
    /** Moves the clock on. */
    pass(minutes: number) {
      clock = new Date(clock.getTime() + minutes * 60_000);
    },
    now: () => clock,
  };
}
