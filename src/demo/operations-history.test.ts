import { describe, expect, it } from 'vitest';
import { idNumberCheck } from '../core/cn-codes.ts';
import { planAlarms } from './history-alarms.ts';
import { planCalls } from './history-calls.ts';
import { planDeliveries, type RowPool } from './history-deliveries.ts';
import {
  createCalmer,
  type HistoryDevice,
  type HistoryRule,
  readingBatches,
  readingGrid,
} from './history-readings.ts';
import { chinaDayOf, HOUR, historyScales, historyWindow } from './history-window.ts';
import { waterStations } from './water-levels.ts';

// A Monday, half past nine in the morning in China.
const now = new Date('2026-12-07T01:30:00Z');
const window = historyWindow(now);
const scale = historyScales.small;

describe('the window of the operations history', () => {
  it('holds the 30 China-local days up to today, from the first one’s midnight', () => {
    expect(window.days).toHaveLength(30);
    expect(window.days[0]).toBe('2026-11-08');
    expect(window.days.at(-1)).toBe('2026-12-07');
    expect(window.start.toISOString()).toBe('2026-11-07T16:00:00.000Z');
    // 23:30 UTC is the next morning in China.
    expect(historyWindow(new Date('2026-12-06T23:30:00Z')).days.at(-1)).toBe('2026-12-07');
  });
});

// The seeded rules the plan reads (as the iot module seeds them).
const rule = (
  id: number,
  name: string,
  kind: string,
  params: object,
  severity: string,
  caseCategory?: string,
) => ({ id, name, kind, params, severity, caseCategory: caseCategory ?? null }) as HistoryRule;
const rules: Record<string, HistoryRule[]> = {
  manhole: [
    rule(
      1,
      '井盖倾斜',
      'threshold',
      { key: 'tilt', op: '>', value: 15, hysteresis: 3 },
      'critical',
      'city.manhole',
    ),
    rule(
      2,
      '井下积水',
      'duration',
      { key: 'water', op: '>', value: 80, minutes: 10 },
      'major',
      'water.flood',
    ),
    rule(3, '电量低', 'threshold', { key: 'battery', op: '<', value: 10, hysteresis: 5 }, 'warning'),
  ],
  lamppost: [
    rule(
      4,
      '路灯不亮',
      'combination',
      {
        all: [
          { key: 'lamp', op: '=', value: 1 },
          { key: 'power', op: '<', value: 5 },
        ],
      },
      'minor',
      'city.streetlight',
    ),
    rule(5, 'PM2.5 持续超标', 'duration', { key: 'pm25', op: '>', value: 150, minutes: 30 }, 'warning'),
  ],
  water_level: [
    rule(
      6,
      '超警戒水位',
      'threshold',
      { key: 'level', op: '>', value: { attr: 'warning_level' }, hysteresis: 0.05 },
      'major',
    ),
  ],
  dust: [
    rule(
      7,
      '扬尘超标',
      'duration',
      { key: 'pm10', op: '>', value: 150, minutes: 15 },
      'major',
      'construction.site',
    ),
    rule(8, '施工噪声超标', 'duration', { key: 'noise', op: '>', value: 85, minutes: 10 }, 'minor'),
    rule(9, '设备离线', 'nodata', {}, 'minor'),
  ],
  wim: [
    rule(
      10,
      '车辆超限',
      'overweight',
      { plateKey: 'plate', axlesKey: 'axles', weightKey: 'gross_weight', tolerancePercent: 5 },
      'major',
      'transport.overload',
    ),
  ],
};
const rulesOf = (profile: string) => rules[profile] ?? [];
let id = 0;
const devices: HistoryDevice[] = [
  ...Array.from({ length: 40 }, (_, i) => ['lamppost', `WC-LD-${i}`] as const),
  ...Array.from({ length: 40 }, (_, i) => ['manhole', `WC-JG-${i}`] as const),
  ...Array.from({ length: 10 }, (_, i) => ['dust', `WC-YC-${i}`] as const),
  ...Array.from({ length: 5 }, (_, i) => ['wim', `WC-ZC-${i}`] as const),
].map(([profileCode, code]) => ({ id: ++id, code, name: code, profileCode, attributes: {} }));
for (const station of waterStations.slice(0, 6))
  devices.push({
    id: ++id,
    code: `WC-SW-${station.code}`,
    name: station.name,
    profileCode: 'water_level',
    attributes: { warning_level: station.warning, guarantee_level: station.warning + 1.5 },
  });
const calmer = createCalmer(rulesOf);
const context = {
  seed: 7,
  window,
  scale,
  byProfile: Map.groupBy(devices, (d) => d.profileCode),
  rulesOf,
  calmer,
  offlineMinutes: () => 10,
};

describe('the devices’ readings', () => {
  it('come every four hours, hourly in the last day, a quarter of that at water-level stations', () => {
    const lamp = readingGrid(devices[0]!, window, scale);
    expect(lamp[0]).toBeGreaterThanOrEqual(window.start.getTime());
    expect(lamp.at(-1)).toBeLessThanOrEqual(now.getTime());
    const steps = lamp.slice(1).map((t, i) => t - lamp[i]!);
    expect(steps.slice(0, 100).every((s) => s === 4 * HOUR)).toBe(true);
    expect(steps.slice(-20).every((s) => s === HOUR)).toBe(true);
    const station = readingGrid(devices.at(-1)!, window, scale);
    expect(station.length).toBeGreaterThan(3.9 * lamp.length);
  });

  it('tell the story of the alarms and no other: each raised where the plan says, calm elsewhere', () => {
    const plan = planAlarms(context);
    expect(planAlarms(context).alarms).toEqual(plan.alarms);
    const readings = new Map<string, Map<number, Record<string, unknown>>>();
    const byId = new Map(devices.map((d) => [d.id, d]));
    for (const batch of readingBatches({ devices, window, scale, calmer, ...plan }))
      for (const r of batch) {
        const code = byId.get(r.deviceId)!.code;
        const own = readings.get(code) ?? new Map();
        own.set(r.ts.getTime(), r.values);
        readings.set(code, own);
        expect(r.ts.getTime()).toBeLessThanOrEqual(now.getTime());
      }
    const tilts = plan.alarms.filter((a) => a.ruleId === 1);
    expect(tilts.length).toBeGreaterThan(10);
    for (const a of tilts) {
      const own = readings.get(a.deviceCode)!;
      expect(own.get(a.startedAt.getTime())!.tilt).toBe(a.reading);
      expect(a.reading as number).toBeGreaterThan(15);
      if (a.clearedAt) expect(own.get(a.clearedAt.getTime())!.tilt as number).toBeLessThanOrEqual(12);
    }
    // Outside the alarms' times, no reading would raise a threshold or duration rule.
    const spans = new Map<string, [number, number][]>();
    for (const a of plan.alarms)
      spans.set(a.deviceCode, [
        ...(spans.get(a.deviceCode) ?? []),
        [a.startedAt.getTime() - 3 * HOUR, a.clearedAt?.getTime() ?? now.getTime()],
      ]);
    for (const d of devices)
      for (const [t, values] of readings.get(d.code) ?? []) {
        if ((spans.get(d.code) ?? []).some(([a, b]) => t >= a && t <= b)) continue;
        expect(
          calmer.raising(d, values as Record<string, number>),
          `${d.code} at ${new Date(t).toISOString()}`,
        ).toEqual(new Set());
      }
  });

  it('holds a few alarms a day, most cleared, their cases handled in order', () => {
    const { alarms, silences } = planAlarms(context);
    const days = new Set(alarms.map((a) => chinaDayOf(a.startedAt)));
    expect(days.size).toBeGreaterThanOrEqual(25);
    expect(alarms.length / 30).toBeGreaterThan(2);
    expect(alarms.length / 30).toBeLessThan(12);
    expect(alarms.filter((a) => a.clearedAt).length / alarms.length).toBeGreaterThan(0.7);
    expect(silences.length).toBeGreaterThan(0);
    for (const a of alarms) {
      expect(a.startedAt >= window.start && a.startedAt <= now, a.deviceCode).toBe(true);
      if (a.clearedAt) expect(a.clearedAt >= a.startedAt).toBe(true);
      const opens = rulesOf(devices.find((d) => d.code === a.deviceCode)!.profileCode).find(
        (r) => r.id === a.ruleId,
      )!.caseCategory;
      expect(Boolean(a.handling), `${a.ruleId}`).toBe(Boolean(opens));
      const h = a.handling;
      if (!h) continue;
      const steps = [a.startedAt, h.acceptedAt, h.repliedAt, h.closedAt].filter((t) => t) as Date[];
      expect(steps.every((t, i) => i === 0 || t >= steps[i - 1]!)).toBe(true);
      expect(steps.at(-1)! <= now).toBe(true);
      if (h.status === 'closed') expect(h.reply).toBeTruthy();
    }
  });
});

describe('the sharing calls', () => {
  const grant = {
    id: 3,
    resource: 'population',
    consumerDepartmentId: 12,
    validFrom: new Date('2026-11-01T00:00:00+08:00'),
    expectedDailyCalls: 2000,
    rowFilter: { subdistrict: '高塘岭街道' },
    keys: ['430112199001011234', '430112198502023456'],
  };

  it('come through the working day, fewer at weekends, none after now nor before the grant', () => {
    const calls = planCalls({ seed: 7, window, share: 0.2, grant });
    expect(planCalls({ seed: 7, window, share: 0.2, grant })).toEqual(calls);
    expect(calls.every((c) => c.at >= grant.validFrom && c.at <= now)).toBe(true);
    const perDay = Map.groupBy(calls, (c) => chinaDayOf(c.at));
    expect(perDay.size).toBe(30);
    const weekend = (day: string) => [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
    const mean = (days: string[]) => days.reduce((n, d) => n + perDay.get(d)!.length, 0) / days.length;
    const past = window.days.slice(0, -1);
    expect(mean(past.filter(weekend))).toBeLessThan(mean(past.filter((d) => !weekend(d))) / 2);
    expect(calls.filter((c) => c.endpoint === 'get').every((c) => typeof c.query?.key === 'string')).toBe(
      true,
    );
    expect(calls.every((c) => (c.outcome === 'ok') === (c.status === 200))).toBe(true);
    const later = planCalls({ seed: 7, window, share: 0.2, grant: { ...grant, validFrom: window.start } });
    expect(later.length).toBe(calls.length);
  });

  it('follow the change feed where the system looks up no key', () => {
    const calls = planCalls({ seed: 7, window, share: 0.2, grant: { ...grant, keys: [], rowFilter: {} } });
    expect(calls.filter((c) => c.endpoint === 'changes').length / calls.length).toBeGreaterThan(0.7);
  });
});

describe('the departments’ deliveries', () => {
  const id = (n: number) => {
    const body = `43011219900101${String(n).padStart(3, '0')}`;
    return body + idNumberCheck(body);
  };
  const pools = new Map<string, RowPool>([
    [
      'gafj_household',
      { headers: ['公民身份号码', '姓名'], rows: Array.from({ length: 100 }, (_, i) => [id(i), `人${i}`]) },
    ],
    ['scjgj_entities', { headers: ['统一社会信用代码', '主体名称'], rows: [['91430112MA4FFCJ46N', '宏丰']] }],
    ['mzj_marriage', { headers: ['当事人身份证号', '当事人姓名'], rows: [[id(1), '人1']] }],
    ['zjj_construction_sites', { headers: ['项目编号', '项目名称'], rows: [['ZJ01', '工地']] }],
  ]);
  const deliveries = planDeliveries({
    seed: 7,
    window,
    pools,
    levelAt: (station, at) => station.warning - 2 + (at % 7) / 100,
    readingsPerDay: 4,
    factor: 1,
  });
  const of = (alias: string) => deliveries.filter((d) => d.spec.alias === alias);

  it('come on each department’s days, up to now, oldest first', () => {
    expect(of('gafj_household').map((d) => d.day)).toEqual(window.days);
    const weekdays = (alias: string) =>
      new Set(of(alias).map((d) => new Date(`${d.day}T12:00:00Z`).getUTCDay()));
    expect(weekdays('scjgj_entities')).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(weekdays('mzj_marriage')).toEqual(new Set([1]));
    expect(weekdays('zjj_construction_sites')).toEqual(new Set([5]));
    expect(deliveries.every((d) => d.at <= now && chinaDayOf(d.at) === d.day)).toBe(true);
    expect(deliveries.map((d) => d.at.getTime())).toEqual(deliveries.map((d) => d.at.getTime()).sort());
  });

  it('send known rows again, now and then one with a mistyped ID number', () => {
    const known = new Set(pools.get('gafj_household')!.rows.map((r) => r[0]));
    const sent = of('gafj_household').flatMap((d) => d.rows.map((r) => r[0]!));
    const wrong = sent.filter((key) => !known.has(key));
    expect(wrong.length).toBeGreaterThan(5);
    for (const key of wrong) expect(idNumberCheck(key.slice(0, 17))).not.toBe(key[17]);
  });

  it('bring 水利局’s readings of the day before, every station four times', () => {
    const [first] = of('slj_water_level');
    expect(first!.rows).toHaveLength(waterStations.length * 4);
    expect(first!.rows[0]).toEqual([
      waterStations[0]!.code,
      waterStations[0]!.name,
      waterStations[0]!.river,
      '2026-11-07 00:00:00',
      expect.stringMatching(/^\d+\.\d\d$/),
      waterStations[0]!.warning.toFixed(2),
    ]);
  });
});
