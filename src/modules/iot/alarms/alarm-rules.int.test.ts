import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { alarmPlatform } from './alarm-test-kit.ts';

describe.each(databaseKinds)('alarms raised by the rules (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof alarmPlatform>>;
  beforeAll(async () => {
    t = await alarmPlatform(kind);
  });
  afterAll(() => t?.p.close());

  it('a tilted manhole cover raises one alarm that counts repeats, opens a case at CGJ, and clears past the hysteresis', async () => {
    await t.device({ code: 'MH-0001', profile: 'manhole', department: 'CGJ' });
    await t.store([{ device: 'MH-0001', key: 'tilt', value: 23.5 }]);
    let [alarm] = await t.alarmsOf('MH-0001');
    expect(alarm).toMatchObject({
      ruleName: '井盖倾斜',
      severity: 'critical',
      status: 'active_unack',
      message: '井盖倾斜：MH-0001 倾角 23.5° > 15°',
      count: 1,
      firstValue: 23.5,
      subject: '',
    });
    expect(alarm!.caseNumber).toMatch(/^\d{13}$/);
    const opened = await t.caseOf(alarm!.caseNumber!);
    expect(opened).toMatchObject({
      channel: 'sensor',
      categoryCode: 'city.manhole',
      status: 'dispatched',
      departmentId: t.ids.CGJ,
      urgency: 'urgent',
    });

    // Repeats, and a value inside the hysteresis band, keep the one alarm.
    await t.store([
      { device: 'MH-0001', key: 'tilt', value: 25, minutes: 1 },
      { device: 'MH-0001', key: 'tilt', value: 13, minutes: 2 },
    ]);
    const alarms = await t.alarmsOf('MH-0001');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ status: 'active_unack', count: 2, lastValue: 25, firstValue: 23.5 });
    expect(alarms[0]!.caseNumber).toBe(alarm!.caseNumber);

    await t.store([{ device: 'MH-0001', key: 'tilt', value: 11, minutes: 1 }]);
    [alarm] = await t.alarmsOf('MH-0001');
    expect(alarm).toMatchObject({ status: 'cleared_unack', count: 2 });
    // The case shows that the alarm behind it cleared.
    const noted = await t.caseOf(alarm!.caseNumber!);
    expect(noted.steps.map((s: { action: string }) => s.action)).toContain('alarm_cleared');
    expect(noted.status).toBe('dispatched');

    // Tilting again later is a new alarm (and a new case).
    await t.store([{ device: 'MH-0001', key: 'tilt', value: 30, minutes: 5 }]);
    const again = await t.alarmsOf('MH-0001');
    expect(again).toHaveLength(2);
    expect(again[0]).toMatchObject({ status: 'active_unack', count: 1 });
    expect(again[0]!.caseNumber).not.toBe(alarm!.caseNumber);
  });

  it('a large batch of many devices writes one alarm per device and rule, counting each breach', async () => {
    const codes = Array.from({ length: 20 }, (_, i) => `MH-1${String(i).padStart(3, '0')}`);
    for (const code of codes) await t.device({ code, profile: 'manhole', department: 'CGJ' });
    await t.store(
      codes.flatMap((device) =>
        Array.from({ length: 50 }, (_, i) => ({
          device,
          key: 'battery',
          value: 5 + (i % 3),
          minutes: i / 60,
        })),
      ),
    );
    for (const code of [codes[0]!, codes[19]!]) {
      const alarms = await t.alarmsOf(code);
      expect(alarms).toHaveLength(1);
      expect(alarms[0]).toMatchObject({
        ruleName: '电量低',
        severity: 'warning',
        count: 50,
        caseNumber: null,
      });
    }
  });

  it('water over 80 cm under a cover for 10 minutes raises the duration alarm; the case goes to SLJ', async () => {
    await t.device({ code: 'MH-0002', profile: 'manhole', department: 'CGJ' });
    await t.store([
      { device: 'MH-0002', key: 'water', value: 85 },
      { device: 'MH-0002', key: 'water', value: 90, minutes: 5 },
    ]);
    expect(await t.alarmsOf('MH-0002')).toHaveLength(0);
    // Another batch, later: the condition has held since the first reading.
    await t.store([{ device: 'MH-0002', key: 'water', value: 88, minutes: 5 }]);
    const [alarm] = await t.alarmsOf('MH-0002');
    expect(alarm).toMatchObject({ ruleName: '井下积水', severity: 'major', status: 'active_unack' });
    expect(alarm!.message).toBe('井下积水：MH-0002 井下水位 88cm > 80cm 持续 10 分钟');
    expect((await t.caseOf(alarm!.caseNumber!)).departmentId).toBe(t.ids.SLJ);

    await t.store([{ device: 'MH-0002', key: 'water', value: 60, minutes: 1 }]);
    expect((await t.alarmsOf('MH-0002'))[0]!.status).toBe('cleared_unack');
    // Over again: the ten minutes count from now, not from the first time.
    await t.store([{ device: 'MH-0002', key: 'water', value: 85, minutes: 1 }]);
    await t.store([{ device: 'MH-0002', key: 'water', value: 85, minutes: 9 }]);
    expect(await t.alarmsOf('MH-0002', 'active')).toHaveLength(0);
  });

  it("water-level stations: thresholds at each station's own levels, a sharp rise, and level AND rain", async () => {
    await t.device({
      code: 'WL-0001',
      profile: 'water_level',
      department: 'SLJ',
      attributes: { warning_level: 32, guarantee_level: 34 },
    });
    await t.device({ code: 'WL-0002', profile: 'water_level', department: 'SLJ' });
    await t.store([
      { device: 'WL-0001', key: 'level', value: 31.4 },
      { device: 'WL-0002', key: 'level', value: 31.4 },
    ]);
    await t.store([
      { device: 'WL-0001', key: 'level', value: 32.1, minutes: 30 },
      // No levels set on this station: its level rules cannot judge it.
      { device: 'WL-0002', key: 'level', value: 32.1, minutes: 30 },
    ]);
    const names = (await t.alarmsOf('WL-0001')).map((a) => a.ruleName).sort();
    expect(names).toEqual(['水位陡涨', '超警戒水位']);
    const rise = (await t.alarmsOf('WL-0001')).find((a) => a.ruleName === '水位陡涨')!;
    expect(rise.message).toBe('水位陡涨：WL-0001 水位 60 分钟内上涨 0.7m（阈值 0.5m）');
    expect((await t.alarmsOf('WL-0002')).map((a) => a.ruleName)).toEqual(['水位陡涨']);

    // Heavy rain while the level is over the warning level: the combination reads the level from the latest values.
    await t.store([{ device: 'WL-0001', key: 'rainfall', value: 45, minutes: 1 }]);
    const both = (await t.alarmsOf('WL-0001')).find((a) => a.ruleName === '超警戒且强降雨')!;
    expect(both).toMatchObject({
      severity: 'critical',
      status: 'active_unack',
      lastValue: { level: 32.1, rainfall: 45 },
    });
    expect((await t.caseOf(both.caseNumber!)).departmentId).toBe(t.ids.SLJ);
    await t.store([{ device: 'WL-0001', key: 'rainfall', value: 10, minutes: 1 }]);
    expect((await t.alarmsOf('WL-0001')).find((a) => a.ruleName === '超警戒且强降雨')!.status).toBe(
      'cleared_unack',
    );
  });

  it('a lamp switched on that draws no power is a broken streetlight (values from different batches)', async () => {
    await t.device({ code: 'LP-0001', profile: 'lamppost', department: 'CGJ' });
    await t.store([{ device: 'LP-0001', key: 'lamp', value: 1 }]);
    expect(await t.alarmsOf('LP-0001')).toHaveLength(0);
    await t.store([{ device: 'LP-0001', key: 'power', value: 2, minutes: 1 }]);
    const [alarm] = await t.alarmsOf('LP-0001');
    expect(alarm).toMatchObject({
      ruleName: '路灯不亮',
      message: '路灯不亮：LP-0001 照明 1 = 1，功率 2W < 5W',
    });
    expect((await t.caseOf(alarm!.caseNumber!)).categoryCode).toBe('city.streetlight');
  });

  it('an overweight truck is an alarm of its own (by plate), counted when it passes again; the case goes to JTYSJ', async () => {
    await t.device({ code: 'WIM-01', profile: 'wim', department: 'JTYSJ' });
    const truck = (plate: string, axles: number, weight: number, minutes: number) =>
      [
        { key: 'plate', value: plate },
        { key: 'axles', value: axles },
        { key: 'gross_weight', value: weight },
      ].map((r) => ({ ...r, device: 'WIM-01', minutes }));
    await t.store([
      ...truck('湘A12345', 6, 55, 0),
      ...truck('湘A00001', 6, 51, 1), // within 5 % of 49 t
      ...truck('湘B77777', 2, 25, 2),
    ]);
    const alarms = await t.alarmsOf('WIM-01');
    expect(alarms.map((a) => a.subject).sort()).toEqual(['湘A12345', '湘B77777']);
    const first = alarms.find((a) => a.subject === '湘A12345')!;
    expect(first.message).toBe('车辆超限：WIM-01 湘A12345 6 轴 总重 55t，限值 49t，超限 12.2%');
    expect(first.lastValue).toMatchObject({
      plate: '湘A12345',
      axles: 6,
      weight: 55,
      limit: 49,
      overPercent: 12.2,
    });
    expect((await t.caseOf(first.caseNumber!)).departmentId).toBe(t.ids.JTYSJ);
    await t.store(truck('湘A12345', 6, 56, 5));
    const again = (await t.alarmsOf('WIM-01')).filter((a) => a.subject === '湘A12345');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ count: 2, lastValue: { weight: 56 } });
  });

  it('an alarm whose case cannot be opened keeps no case, and a repeat of it tries again', async () => {
    const center = systemCtx('test');
    await t.device({ code: 'MH-0003', profile: 'manhole', department: 'CGJ' });
    await t.p.modules.events.categories.update(center, 'city.manhole', { active: false });
    await t.store([{ device: 'MH-0003', key: 'tilt', value: 20 }]);
    const [alarm] = await t.alarmsOf('MH-0003');
    expect(alarm).toMatchObject({ status: 'active_unack', caseNumber: null });

    await t.p.modules.events.categories.update(center, 'city.manhole', { active: true });
    await t.store([{ device: 'MH-0003', key: 'tilt', value: 21, minutes: 1 }]);
    const [again] = await t.alarmsOf('MH-0003');
    expect(again).toMatchObject({ id: alarm!.id, count: 2 });
    expect((await t.caseOf(again!.caseNumber!)).departmentId).toBe(t.ids.CGJ);
  });

  it('a silent device goes offline with a no-data alarm (once), and data arriving clears it', async () => {
    await t.device({ code: 'MH-0100', profile: 'manhole', department: 'CGJ' });
    await t.store([{ device: 'MH-0100', key: 'battery', value: 80 }]);
    t.pass(59);
    await t.p.modules.iot.alarms.checkOffline();
    expect(await t.alarmsOf('MH-0100')).toHaveLength(0);
    t.pass(2);
    await t.p.modules.iot.alarms.checkOffline();
    await t.p.modules.iot.alarms.checkOffline();
    await t.p.modules.iot.alarms.idle();
    const [alarm] = await t.alarmsOf('MH-0100');
    expect(alarm).toMatchObject({
      ruleName: '设备离线',
      count: 1,
      status: 'active_unack',
      message: '设备离线：MH-0100 超过 60 分钟无数据',
    });
    expect((await t.p.modules.iot.devices.byCode('MH-0100'))!.status).toBe('offline');
    await t.store([{ device: 'MH-0100', key: 'battery', value: 79 }]);
    expect((await t.alarmsOf('MH-0100'))[0]!.status).toBe('cleared_unack');
  });
});
