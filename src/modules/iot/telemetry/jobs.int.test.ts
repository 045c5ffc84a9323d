import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { iotPlatform } from '../iot-test-kit.ts';
import type { DeviceRef, Point } from '../ports.ts';

const DAY = 86_400_000;

describe.each(databaseKinds)('telemetry partitions, rollup and retention (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  let clock = new Date('2026-12-06T10:00:00Z');
  const q = <T = Record<string, unknown>>(text: string, params?: unknown[]) =>
    t.p.database.query<T>(text, params);
  const telemetry = () => t.p.modules.iot.telemetry;
  const point = (
    d: DeviceRef,
    key: string,
    ts: Date,
    num: number | null,
    txt: string | null = null,
  ): Point => ({
    deviceId: d.id,
    key,
    ts,
    num,
    txt,
  });
  async function device(code: string, profile: string) {
    await t.addDevice({ code, profile, department: 'CGJ' });
    return (await t.p.modules.iot.devices.byCode(code))!;
  }
  const partitionOf = async (deviceId: number) =>
    (
      await q<{ part: string }>(
        'select distinct tableoid::regclass::text as part from iot.telemetry where device_id = $1',
        [deviceId],
      )
    ).map((r) => r.part);

  beforeAll(async () => {
    t = await iotPlatform(kind, () => clock);
  });
  afterAll(() => t?.p.close());

  it('creates the daily partitions of yesterday to three days ahead, once, and points land in them', async () => {
    const dm = await device('MH-P1', 'manhole');
    // Five days ahead has no partition yet: its point waits in the default partition.
    await telemetry().store([point(dm, 'tilt', new Date(clock.getTime() + 5 * DAY), 1)], [dm]);
    expect(await partitionOf(dm.id)).toEqual(['iot.telemetry_default']);

    const created = await telemetry().ensurePartitions();
    expect(created).toEqual([
      'telemetry_20261205',
      'telemetry_20261206',
      'telemetry_20261207',
      'telemetry_20261208',
      'telemetry_20261209',
    ]);
    expect(await telemetry().ensurePartitions()).toEqual([]);
    const lp = await device('LP-P1', 'lamppost');
    await telemetry().store([point(lp, 'power', clock, 100)], [lp]);
    expect(await partitionOf(lp.id)).toEqual(['iot.telemetry_20261206']);

    // Three days on, the day of the waiting point gets its partition, and the point moves into it.
    clock = new Date(clock.getTime() + 3 * DAY);
    expect(await telemetry().ensurePartitions()).toEqual([
      'telemetry_20261210',
      'telemetry_20261211',
      'telemetry_20261212',
    ]);
    expect(await partitionOf(dm.id)).toEqual(['iot.telemetry_20261211']);
    const [n] = await q<{ n: number }>('select count(*)::int as n from iot.telemetry where device_id = $1', [
      dm.id,
    ]);
    expect(n!.n).toBe(1);
  });

  it('makes the partitions safely from two callers at once', async () => {
    clock = new Date(clock.getTime() + 2 * DAY);
    const [a, b] = await Promise.all([telemetry().ensurePartitions(), telemetry().ensurePartitions()]);
    expect([...a!, ...b!].sort()).toEqual(['telemetry_20261213', 'telemetry_20261214']);
  });

  it('rolls numbers up into 1m, 1h and 1d buckets, the same when run twice, late points included', async () => {
    clock = new Date('2026-12-11T10:30:00Z');
    const d = await device('WL-R1', 'water_level');
    const wim = await device('WIM-R2', 'wim');
    const ts = (iso: string) => new Date(iso);
    await telemetry().store(
      [
        point(d, 'level', ts('2026-12-11T09:58:10Z'), 2),
        point(d, 'level', ts('2026-12-11T09:58:40Z'), 4),
        point(d, 'level', ts('2026-12-11T10:05:00Z'), 9),
        point(d, 'rainfall', ts('2026-12-11T10:05:00Z'), 1.5),
        point(wim, 'plate', ts('2026-12-11T10:05:00Z'), null, '湘A00001'),
      ],
      [d, wim],
    );
    expect(await telemetry().rollup()).toBe(true);
    const rows = async () =>
      q<{
        key: string;
        interval: string;
        bucket: Date;
        min: number;
        max: number;
        sum: number;
        count: number;
      }>(
        `select key, interval, bucket, min, max, sum, count::int as count from iot.aggregates
         where device_id = $1 order by interval desc, key, bucket`,
        [d.id],
      );
    const iso = (r: Awaited<ReturnType<typeof rows>>) =>
      r.map((x) => ({ ...x, bucket: new Date(x.bucket).toISOString() }));
    const first = iso(await rows());
    expect(first).toEqual([
      { key: 'level', interval: '1m', bucket: '2026-12-11T09:58:00.000Z', min: 2, max: 4, sum: 6, count: 2 },
      { key: 'level', interval: '1m', bucket: '2026-12-11T10:05:00.000Z', min: 9, max: 9, sum: 9, count: 1 },
      {
        key: 'rainfall',
        interval: '1m',
        bucket: '2026-12-11T10:05:00.000Z',
        min: 1.5,
        max: 1.5,
        sum: 1.5,
        count: 1,
      },
      { key: 'level', interval: '1h', bucket: '2026-12-11T09:00:00.000Z', min: 2, max: 4, sum: 6, count: 2 },
      { key: 'level', interval: '1h', bucket: '2026-12-11T10:00:00.000Z', min: 9, max: 9, sum: 9, count: 1 },
      {
        key: 'rainfall',
        interval: '1h',
        bucket: '2026-12-11T10:00:00.000Z',
        min: 1.5,
        max: 1.5,
        sum: 1.5,
        count: 1,
      },
      { key: 'level', interval: '1d', bucket: '2026-12-11T00:00:00.000Z', min: 2, max: 9, sum: 15, count: 3 },
      {
        key: 'rainfall',
        interval: '1d',
        bucket: '2026-12-11T00:00:00.000Z',
        min: 1.5,
        max: 1.5,
        sum: 1.5,
        count: 1,
      },
    ]);
    expect(await telemetry().rollup()).toBe(true);
    expect(iso(await rows())).toEqual(first);
    // Text is never aggregated.
    const [text] = await q<{ n: number }>(
      'select count(*)::int as n from iot.aggregates where device_id = $1',
      [wim.id],
    );
    expect(text!.n).toBe(0);

    // A minute later a late point of 10:28 arrives: within the safety window, so its buckets are recomputed.
    clock = new Date('2026-12-11T10:31:00Z');
    await telemetry().store([point(d, 'level', ts('2026-12-11T10:28:30Z'), 1)], [d]);
    await telemetry().rollup();
    const after = iso(await rows());
    expect(after.filter((r) => r.key === 'level' && r.interval !== '1m')).toEqual([
      { key: 'level', interval: '1h', bucket: '2026-12-11T09:00:00.000Z', min: 2, max: 4, sum: 6, count: 2 },
      { key: 'level', interval: '1h', bucket: '2026-12-11T10:00:00.000Z', min: 1, max: 9, sum: 10, count: 2 },
      { key: 'level', interval: '1d', bucket: '2026-12-11T00:00:00.000Z', min: 1, max: 9, sum: 16, count: 4 },
    ]);
  });

  it("deletes raw points past each profile's retention, keeps aggregates, and drops old partitions", async () => {
    clock = new Date('2026-12-11T12:00:00Z');
    const manhole = await device('MH-R1', 'manhole'); // 30 days
    const wim = await device('WIM-R3', 'wim'); // 365 days
    const old = new Date(clock.getTime() - 40 * DAY); // before any partition: in the default partition
    const recent = new Date(clock.getTime() - 2 * DAY);
    await telemetry().store(
      [
        point(manhole, 'tilt', old, 1),
        point(manhole, 'tilt', recent, 2),
        point(wim, 'speed', old, 50),
        point(wim, 'speed', recent, 60),
      ],
      [manhole, wim],
    );
    await q(
      `insert into iot.aggregates (device_id, key, interval, bucket, min, max, sum, count)
       values ($1, 'tilt', '1d', $2, 1, 1, 1, 1)`,
      [manhole.id, new Date(Math.floor(old.getTime() / DAY) * DAY).toISOString()],
    );
    const kept = async (id: number) =>
      (await q<{ num: number }>('select num from iot.telemetry where device_id = $1 order by ts', [id])).map(
        (r) => r.num,
      );
    const first = await telemetry().applyRetention();
    expect(first.dropped).toEqual([]);
    expect(await kept(manhole.id)).toEqual([2]);
    expect(await kept(wim.id)).toEqual([50, 60]);
    const [agg] = await q<{ n: number }>(
      'select count(*)::int as n from iot.aggregates where device_id = $1',
      [manhole.id],
    );
    expect(agg!.n).toBe(1);

    // A year and more on, every partition is past the longest retention (365 days) and is dropped whole.
    clock = new Date(clock.getTime() + 400 * DAY);
    const later = await telemetry().applyRetention();
    expect(later.dropped).toContain('telemetry_20261206');
    expect(later.dropped).toContain('telemetry_20261213');
    const left = await q<{ name: string }>(
      `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
       where i.inhparent = 'iot.telemetry'::regclass`,
    );
    expect(left.map((r) => r.name)).toEqual(['telemetry_default']);
    expect(await kept(wim.id)).toEqual([]);
    const [aggs] = await q<{ n: number }>('select count(*)::int as n from iot.aggregates');
    expect(aggs!.n).toBeGreaterThan(0);
  });
});
