import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { InputError } from '../../../core/errors.ts';
import { iotPlatform } from '../iot-test-kit.ts';
import type { DeviceRef } from '../ports.ts';
import type { PastAlarm } from './alarms.ts';
import type { PastReading } from './readings.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ctx = systemCtx('history-test');

/** The China-local day of an instant, as case numbers start with it (YYYYMMDD). */
const chinaDay = (at: Date) =>
  new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');

/** The reason of the first field of an InputError the promise rejects with. */
async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).fields[0]!.reason;
}

describe.each(databaseKinds)('the sensing history import on %s', (kind) => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  let cover: DeviceRef;
  let station: DeviceRef;
  // Whole hours, so the hour buckets line up with the readings.
  const now = new Date(Math.floor(Date.now() / HOUR) * HOUR);
  const readings = (device: DeviceRef, hours: number, values: PastReading['values']) =>
    Array.from({ length: hours }, (_, i) => ({
      deviceId: device.id,
      ts: new Date(now.getTime() - (hours - i) * HOUR),
      values,
    }));

  beforeAll(async () => {
    t = await iotPlatform(kind);
    await t.addDevice({ code: 'HIS-JG-1', profile: 'manhole', department: 'CGJ' });
    await t.addDevice({
      code: 'HIS-SW-1',
      profile: 'water_level',
      department: 'SLJ',
      attributes: { warning_level: 35, guarantee_level: 36.5 },
    });
    cover = (await t.p.modules.iot.devices.byCode('HIS-JG-1'))!;
    station = (await t.p.modules.iot.devices.byCode('HIS-SW-1'))!;
  });
  afterAll(async () => {
    await t?.p.close();
  });

  it('stores past readings with their rollups and latest values, and not twice', async () => {
    const history = t.p.modules.iot.history;
    // Three days of hourly readings; a knocked cover among them raises nothing now (the rules do not see history).
    const past = readings(cover, 72, { tilt: 1.5, water: 12, battery: 64 });
    past[30] = { ...past[30]!, values: { tilt: 40, water: 12, battery: 64 } };
    const done = await history.importReadings(ctx, [cover], [past.slice(0, 40), past.slice(40)]);
    expect(done).toMatchObject({ points: 216, skipped: 0, devices: ['HIS-JG-1'] });
    expect(done.from).toBe(past[0]!.ts.toISOString());

    const series = async (interval: string, from: Date) => {
      const q = new URLSearchParams({
        keys: 'tilt',
        from: from.toISOString(),
        to: now.toISOString(),
        interval,
      });
      const res = await t.call('GET', `/api/iot/devices/HIS-JG-1/timeseries?${q}`, t.as.admin!);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().series.tilt as { ts: string; max?: number; value?: number }[];
    };
    const hours = await series('1h', new Date(now.getTime() - 4 * DAY));
    expect(hours).toHaveLength(72);
    expect(Math.max(...hours.map((b) => b.max!))).toBe(40);
    expect(await series('1m', new Date(now.getTime() - 2 * DAY))).toHaveLength(48);
    const days = await series('1d', new Date(now.getTime() - 4 * DAY));
    expect(days.length).toBeGreaterThanOrEqual(3);
    expect((await series('raw', new Date(now.getTime() - 3 * HOUR))).map((p) => p.value)).toEqual([
      1.5, 1.5, 1.5,
    ]);

    const latest = await t.call('GET', '/api/iot/devices/HIS-JG-1/latest', t.as.admin!);
    expect(latest.json().values.tilt).toEqual({ ts: past.at(-1)!.ts.toISOString(), value: 1.5 });
    const alarms = await t.call('GET', '/api/iot/alarms?device=HIS-JG-1', t.as.admin!);
    expect(alarms.json().total).toBe(0);

    // Again: the device has these readings already, so nothing before them is missing.
    expect(await history.importReadings(ctx, [cover], [past])).toMatchObject({
      points: 0,
      skipped: 72,
      devices: [],
    });
    expect(await series('1h', new Date(now.getTime() - 4 * DAY))).toHaveLength(72);
    const audit = await t.call('GET', '/api/audit?action=iot.telemetry.import', t.as.admin!);
    expect(audit.json().items).toContainEqual(expect.objectContaining({ targetId: 'HIS-JG-1' }));
  });

  it('refuses readings the write path would refuse, storing none of the import', async () => {
    const history = t.p.modules.iot.history;
    const good = readings(station, 3, { level: 33.1, rainfall: 0 });
    const old = { deviceId: station.id, ts: new Date(now.getTime() - 91 * DAY), values: { level: 33 } };
    expect(await refusal(history.importReadings(ctx, [station], [good, [old]]))).toBe('old_ts');
    const ahead = { deviceId: station.id, ts: new Date(Date.now() + HOUR), values: { level: 33 } };
    expect(await refusal(history.importReadings(ctx, [station], [[ahead]]))).toBe('future_ts');
    const high = { ...good[0]!, values: { level: 500 } };
    expect(await refusal(history.importReadings(ctx, [station], [[high]]))).toBe('out_of_range');
    const strange = { ...good[0]!, values: { tilt: 3 } };
    expect(await refusal(history.importReadings(ctx, [station], [[strange]]))).toBe('unknown_key');
    const other = { ...good[0]!, deviceId: cover.id };
    expect(await refusal(history.importReadings(ctx, [station], [[other]]))).toBe('unknown_device');
    const res = await t.call('GET', '/api/iot/devices/HIS-SW-1/latest', t.as.admin!);
    expect(res.json().values).toEqual({});
  });

  it('imports past alarms worded as the engine words them, opening their cases as they were handled', async () => {
    const rules = await t.p.modules.iot.rules.rulesFor(cover);
    const tilt = rules.find((r) => r.name === '井盖倾斜')!;
    const battery = rules.find((r) => r.name === '电量低')!;
    const started = new Date(now.getTime() - 2 * DAY + 3 * HOUR);
    const closed = new Date(started.getTime() + 3 * HOUR);
    const fresh = new Date(now.getTime() - 40 * 60_000);
    const alarms: PastAlarm[] = [
      {
        deviceCode: 'HIS-JG-1',
        ruleId: tilt.id,
        startedAt: started,
        reading: 35,
        clearedAt: new Date(started.getTime() + 20 * 60_000),
        handling: {
          status: 'closed',
          acceptedAt: new Date(started.getTime() + 10 * 60_000),
          repliedAt: new Date(started.getTime() + 2 * HOUR),
          closedAt: closed,
          reply: '已复位井盖。',
        },
      },
      {
        deviceCode: 'HIS-JG-1',
        ruleId: battery.id,
        startedAt: new Date(now.getTime() - DAY),
        reading: 8.5,
        clearedAt: null,
        acknowledgedAt: new Date(now.getTime() - DAY + 600_000),
        acknowledgedBy: '值班员',
      },
      {
        deviceCode: 'HIS-JG-1',
        ruleId: tilt.id,
        startedAt: fresh,
        reading: 22,
        clearedAt: null,
        handling: { status: 'in_progress', acceptedAt: new Date(fresh.getTime() + 15 * 60_000) },
      },
    ];
    const done = await t.p.modules.iot.history.importAlarms(ctx, alarms);
    expect(done).toEqual({ imported: 3, skipped: 0, cases: 2 });

    const res = await t.call('GET', '/api/iot/alarms?device=HIS-JG-1&status=all', t.as.admin!);
    const listed = res.json().items as {
      message: string;
      status: string;
      caseNumber: string | null;
      acknowledgedBy: string | null;
      startedAt: string;
    }[];
    const byStart = new Map(listed.map((a) => [a.startedAt, a]));
    const closedOne = byStart.get(started.toISOString())!;
    expect(closedOne.message).toBe('井盖倾斜：HIS-JG-1 倾角 35° > 15°');
    expect(closedOne.status).toBe('cleared_ack');
    expect(closedOne.acknowledgedBy).toBe(`case:${closedOne.caseNumber}`);
    expect(byStart.get(new Date(now.getTime() - DAY).toISOString())).toMatchObject({
      message: '电量低：HIS-JG-1 电量 8.5% < 10%',
      status: 'active_ack',
      caseNumber: null,
      acknowledgedBy: '值班员',
    });
    expect(byStart.get(fresh.toISOString())).toMatchObject({ status: 'active_unack' });

    // The case: the sensing channel's, received when the alarm started, numbered in that day's sequence.
    const number = closedOne.caseNumber!;
    expect(number.slice(0, 8)).toBe(chinaDay(started));
    const detail = await t.call('GET', `/api/events/cases/${number}`, t.as.admin!);
    expect(detail.statusCode, detail.body).toBe(200);
    const c = detail.json();
    expect(c).toMatchObject({
      channel: 'sensor',
      status: 'closed',
      categoryCode: 'city.manhole',
      reply: '已复位井盖。',
    });
    // The events API writes China time.
    expect(new Date(c.receivedAt).getTime()).toBe(started.getTime());
    expect(new Date(c.closedAt).getTime()).toBe(closed.getTime());
    expect(detail.json().content).toMatch(/^井盖倾斜：HIS-JG-1 倾角 35° > 15°。设备：HIS-JG-1（HIS-JG-1）/);
    expect(detail.json().steps.map((s: { action: string }) => s.action)).toEqual([
      'receive',
      'dispatch',
      'accept',
      'start',
      'alarm_cleared',
      'reply',
      'close',
    ]);
    const open = byStart.get(fresh.toISOString())!.caseNumber!;
    expect((await t.call('GET', `/api/events/cases/${open}`, t.as.admin!)).json().status).toBe('in_progress');

    // A case received later that day by intake takes the next number of the day.
    const live = await t.p.modules.events.intake.receive(
      ctx,
      'hotline',
      { content: '井盖松动', urgency: 'normal', wantsReply: false, mediaUrls: [], dispatch: false },
      { receivedAt: new Date(started.getTime() + HOUR) },
    );
    expect(Number(live.number.slice(8))).toBeGreaterThan(Number(number.slice(8)));

    // Again: nothing added, no case opened twice.
    expect(await t.p.modules.iot.history.importAlarms(ctx, alarms)).toEqual({
      imported: 0,
      skipped: 3,
      cases: 0,
    });
  });

  it('refuses an alarm that could not have been raised as given', async () => {
    const rules = await t.p.modules.iot.rules.rulesFor(cover);
    const tilt = rules.find((r) => r.name === '井盖倾斜')!;
    const battery = rules.find((r) => r.name === '电量低')!;
    const stationRule = (await t.p.modules.iot.rules.rulesFor(station)).find((r) => r.name === '超警戒水位')!;
    const at = new Date(now.getTime() - 5 * HOUR);
    const base: PastAlarm = {
      deviceCode: 'HIS-JG-1',
      ruleId: tilt.id,
      startedAt: at,
      reading: 30,
      clearedAt: null,
    };
    const importing = (alarm: Partial<PastAlarm>) =>
      t.p.modules.iot.history.importAlarms(ctx, [{ ...base, ...alarm }]);
    expect(await refusal(importing({ reading: 3 }))).toBe('not_raised');
    expect(await refusal(importing({ ruleId: stationRule.id }))).toBe('not_a_rule_of_the_device');
    expect(await refusal(importing({ deviceCode: 'NO-SUCH' }))).toBe('unknown_device');
    expect(await refusal(importing({ clearedAt: new Date(at.getTime() - 1) }))).toBe('out_of_order');
    expect(await refusal(importing({ startedAt: new Date(Date.now() + HOUR) }))).toBe('future');
    expect(
      await refusal(importing({ ruleId: battery.id, reading: 5, handling: { status: 'dispatched' } })),
    ).toBe('rule_opens_no_case');
    expect(await refusal(importing({ handling: { status: 'closed' } }))).toBe('required');
    // A station's level is read against its own warning level.
    const wave = { deviceCode: 'HIS-SW-1', ruleId: stationRule.id, startedAt: at, clearedAt: null };
    expect(await refusal(importing({ ...wave, reading: 34.9 }))).toBe('not_raised');
    expect(
      await t.p.modules.iot.history.importAlarms(ctx, [{ ...base, ...wave, reading: 35.2 }]),
    ).toMatchObject({
      imported: 1,
    });
    const res = await t.call('GET', '/api/iot/alarms?device=HIS-SW-1', t.as.admin!);
    expect(res.json().items[0].message).toBe('超警戒水位：HIS-SW-1 水位 35.2m > 35m');
  });
});
