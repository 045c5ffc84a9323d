import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { createLogger } from '../../../core/logger.ts';
import { iotPlatform } from '../iot-test-kit.ts';
import type { DeviceRef, Point, StoredBatch } from '../ports.ts';
import { createTelemetryService } from './service.ts';

describe.each(databaseKinds)('telemetry storage (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  const clock = new Date('2026-12-06T10:00:00Z');
  const at = (minutes: number) => new Date(clock.getTime() + minutes * 60_000);
  const q = <T = Record<string, unknown>>(text: string, params?: unknown[]) =>
    t.p.database.query<T>(text, params);
  const telemetry = () => t.p.modules.iot.telemetry;

  beforeAll(async () => {
    t = await iotPlatform(kind, () => clock);
  });
  afterAll(() => t?.p.close());

  async function device(code: string, profile = 'manhole', department = 'CGJ', status?: string) {
    const row = await t.addDevice({ code, profile, department, status });
    const ref = (await t.p.modules.iot.devices.byCode(code))!;
    return { row, ref };
  }
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

  it('stores points, keeps the newest value per key, and brings an offline device online', async () => {
    const { ref } = await device('MH-S1');
    await telemetry().store([point(ref, 'tilt', at(-2), 3), point(ref, 'tilt', at(-1), 4)], [ref]);
    const rows = await q<{ num: number }>('select num from iot.telemetry where device_id = $1 order by ts', [
      ref.id,
    ]);
    expect(rows.map((r) => r.num)).toEqual([3, 4]);
    // An older point arriving late is stored but does not replace the newer latest value.
    await telemetry().store([point(ref, 'tilt', at(-10), 1), point(ref, 'battery', at(-10), 80)], [ref]);
    const latest = await q<{ key: string; num: number }>(
      'select key, num from iot.latest where device_id = $1 order by key',
      [ref.id],
    );
    expect(latest).toEqual([
      { key: 'battery', num: 80 },
      { key: 'tilt', num: 4 },
    ]);
    const [dev] = await q<{ status: string; last_seen_at: Date }>(
      'select status, last_seen_at from iot.devices where id = $1',
      [ref.id],
    );
    expect(dev!.status).toBe('online');
    expect(new Date(dev!.last_seen_at).toISOString()).toBe(clock.toISOString());
  });

  it('leaves a device in fault or retired as it is', async () => {
    const fault = (await device('MH-S2', 'manhole', 'CGJ', 'fault')).ref;
    const retired = (await device('MH-S3', 'manhole', 'CGJ', 'retired')).ref;
    await telemetry().store(
      [point(fault, 'tilt', at(0), 1), point(retired, 'tilt', at(0), 1)],
      [fault, retired],
    );
    const rows = await q<{ code: string; status: string }>(
      "select code, status from iot.devices where code in ('MH-S2', 'MH-S3') order by code",
    );
    expect(rows.map((r) => r.status)).toEqual(['fault', 'retired']);
  });

  it('writes the points of many concurrent callers in one batch, and tells the listeners once', async () => {
    const { ref } = await device('LP-S1', 'lamppost');
    const seen: StoredBatch[] = [];
    telemetry().onStored(async (batch) => {
      if (batch.devices.has(ref.id)) seen.push(batch);
    });
    const before = telemetry().stats().batches;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => telemetry().store([point(ref, 'power', at(i / 60), i)], [ref])),
    );
    expect(telemetry().stats().batches - before).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.points).toHaveLength(40);
    expect(seen[0]!.devices.get(ref.id)?.code).toBe('LP-S1');
    const [n] = await q<{ n: number }>('select count(*)::int as n from iot.telemetry where device_id = $1', [
      ref.id,
    ]);
    expect(n!.n).toBe(40);
  });

  it('answers the callers even when a listener fails', async () => {
    const { ref } = await device('LP-S2', 'lamppost');
    let failed = false;
    telemetry().onStored(async (batch) => {
      if (!failed && batch.devices.has(ref.id)) {
        failed = true;
        throw new Error('a rule broke');
      }
    });
    await telemetry().store([point(ref, 'power', at(0), 5)], [ref]);
    expect(failed).toBe(true);
  });

  it('rejects every caller of a batch the database refuses, and writes none of it', async () => {
    const { ref } = await device('MH-S4');
    await q("alter table iot.telemetry add constraint telemetry_test_refuse check (key <> 'refused')");
    try {
      const results = await Promise.allSettled([
        telemetry().store([point(ref, 'tilt', at(0), 2)], [ref]),
        telemetry().store([point(ref, 'refused', at(0), 1)], [ref]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    } finally {
      await q('alter table iot.telemetry drop constraint telemetry_test_refuse');
    }
    const [n] = await q<{ n: number }>('select count(*)::int as n from iot.telemetry where device_id = $1', [
      ref.id,
    ]);
    expect(n!.n).toBe(0);
    const [dev] = await q<{ status: string }>('select status from iot.devices where id = $1', [ref.id]);
    expect(dev!.status).toBe('offline');
    // The next batch goes through.
    await telemetry().store([point(ref, 'tilt', at(0), 2)], [ref]);
  });

  it('counts bad payloads per device and reason, with the last sample cut short', async () => {
    const { ref } = await device('MH-S5');
    telemetry().countBad(ref, 'not_json', 'x'.repeat(2000));
    telemetry().countBad(ref, 'not_json', `{${'y'.repeat(800)}`);
    telemetry().countBad(ref, 'out_of_range', '{"tilt": 999}');
    await telemetry().flush();
    telemetry().countBad(ref, 'not_json', 'last');
    await telemetry().flush();
    const rows = await q<{ reason: string; count: number; last_sample: string }>(
      'select reason, count::int as count, last_sample from iot.bad_payloads where device_id = $1 order by reason',
      [ref.id],
    );
    expect(rows).toEqual([
      { reason: 'not_json', count: 3, last_sample: 'last' },
      { reason: 'out_of_range', count: 1, last_sample: '{"tilt": 999}' },
    ]);
    telemetry().countBad(ref, 'wrong_type', 'z'.repeat(2000));
    await telemetry().flush();
    const [long] = await q<{ n: number }>(
      "select length(last_sample) as n from iot.bad_payloads where device_id = $1 and reason = 'wrong_type'",
      [ref.id],
    );
    expect(long!.n).toBe(500);
  });

  it('makes callers wait while too many points are unanswered', async () => {
    const { ref } = await device('LP-S3', 'lamppost');
    const small = createTelemetryService({
      database: t.p.database,
      profiles: t.p.modules.iot.profiles,
      logger: createLogger('silent'),
      now: () => clock,
      writer: { maxPendingPoints: 10, batchPoints: 10 },
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let delivered!: () => void;
    const firstDelivered = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    small.onStored(async () => {
      delivered();
      await gate;
    });
    const ten = Array.from({ length: 10 }, (_, i) => point(ref, 'power', at(i / 60), i));
    const first = small.store(ten, [ref]);
    await firstDelivered; // committed; its listener holds it unanswered
    let secondDone = false;
    const second = small.store([point(ref, 'power', at(1), 99)], [ref]).then(() => {
      secondDone = true;
    });
    await new Promise((r) => setTimeout(r, 200));
    const count = async () =>
      (
        await q<{ n: number }>('select count(*)::int as n from iot.telemetry where device_id = $1', [ref.id])
      )[0]!.n;
    expect(await count()).toBe(10);
    expect(secondDone).toBe(false);
    release();
    await first;
    await second;
    expect(await count()).toBe(11);
    await small.stop();
  });

  describe('routes', () => {
    let code: string;
    beforeAll(async () => {
      const { ref } = await device('WIM-R1', 'wim', 'JTYSJ');
      code = ref.code;
      await telemetry().store(
        [
          point(ref, 'gross_weight', at(-30), 40),
          point(ref, 'gross_weight', at(-20), 60),
          point(ref, 'plate', at(-20), null, '湘A12345'),
          point(ref, 'axles', at(-20), 5),
        ],
        [ref],
      );
    });

    it('shows the latest values to whoever may read the device', async () => {
      const res = await t.call('GET', `/api/iot/devices/${code}/latest`, t.as.jtysj!);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        code,
        values: {
          axles: { ts: at(-20).toISOString(), value: 5 },
          gross_weight: { ts: at(-20).toISOString(), value: 60 },
          plate: { ts: at(-20).toISOString(), value: '湘A12345' },
        },
      });
      expect((await t.call('GET', `/api/iot/devices/${code}/latest`, t.as.leader!)).statusCode).toBe(200);
    });

    it("hides another department's device and refuses anonymous callers", async () => {
      expect((await t.call('GET', `/api/iot/devices/${code}/latest`, t.as.cgj!)).statusCode).toBe(404);
      expect((await t.call('GET', `/api/iot/devices/${code}/timeseries`, t.as.slj!)).statusCode).toBe(404);
      expect((await t.call('GET', `/api/iot/devices/${code}/latest`, null)).statusCode).toBe(401);
      expect((await t.call('GET', `/api/iot/devices/${code}/timeseries`, null)).statusCode).toBe(401);
      expect((await t.call('GET', '/api/iot/devices/NOPE/latest', t.as.admin!)).statusCode).toBe(404);
    });

    it('answers raw series for a short range, text keys included', async () => {
      const from = at(-60).toISOString();
      const res = await t.call(
        'GET',
        `/api/iot/devices/${code}/timeseries?keys=gross_weight,plate&from=${from}&to=${clock.toISOString()}`,
        t.as.jtysj!,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        interval: 'raw',
        series: {
          gross_weight: [
            { ts: at(-30).toISOString(), value: 40 },
            { ts: at(-20).toISOString(), value: 60 },
          ],
          plate: [{ ts: at(-20).toISOString(), value: '湘A12345' }],
        },
        truncated: [],
      });
    });

    it('answers aggregates for a longer range once rolled up; text stays raw', async () => {
      await telemetry().rollup();
      const from = at(-24 * 60).toISOString();
      const res = await t.call(
        'GET',
        `/api/iot/devices/${code}/timeseries?keys=gross_weight,plate&from=${from}&to=${clock.toISOString()}`,
        t.as.admin!,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.interval).toBe('1m');
      expect(body.series.gross_weight).toEqual([
        { ts: at(-30).toISOString(), min: 40, max: 40, avg: 40, count: 1 },
        { ts: at(-20).toISOString(), min: 60, max: 60, avg: 60, count: 1 },
      ]);
      expect(body.series.plate).toEqual([{ ts: at(-20).toISOString(), value: '湘A12345' }]);
      const hourly = await t.call(
        'GET',
        `/api/iot/devices/${code}/timeseries?keys=gross_weight&from=${from}&interval=1h`,
        t.as.admin!,
      );
      expect(hourly.json().series.gross_weight).toEqual([
        { ts: '2026-12-06T09:00:00.000Z', min: 40, max: 60, avg: 50, count: 2 },
      ]);
    });

    it('names the field of a bad query', async () => {
      const url = `/api/iot/devices/${code}/timeseries`;
      const unknown = await t.call('GET', `${url}?keys=gross_weight,tilt`, t.as.admin!);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0]).toMatchObject({ field: 'keys' });
      expect(unknown.json().errors[0].message).toContain('tilt');
      const backwards = await t.call(
        'GET',
        `${url}?from=${clock.toISOString()}&to=${at(-60).toISOString()}`,
        t.as.admin!,
      );
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().errors[0].field).toBe('from');
      const badDate = await t.call('GET', `${url}?to=yesterday`, t.as.admin!);
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().errors[0].field).toBe('to');
      const badInterval = await t.call('GET', `${url}?interval=5m`, t.as.admin!);
      expect(badInterval.statusCode).toBe(400);
      expect(badInterval.json().errors[0].field).toBe('interval');
    });
  });
});
