import { describe, expect, it } from 'vitest';
import { profileSeeds } from '../profiles/seed-data.ts';
import { grossLimits, type SimDevice, simulatedValues, truckPlate, type Values } from './generators.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Midnight in China on 2026-07-01.
const START = Date.UTC(2026, 5, 30, 16);

const station = (i: number): SimDevice => ({
  code: `WC-SW-${i}`,
  attributes: { warning_level: 35.8, guarantee_level: 37.3 },
});
const devices = (prefix: string, n: number): SimDevice[] =>
  Array.from({ length: n }, (_, i) => ({ code: `${prefix}-${String(i + 1).padStart(4, '0')}` }));

/** How many times the condition turns true along each device's readings, every `step` ms over `span`. */
function starts(profile: string, list: SimDevice[], span: number, step: number, on: (v: Values) => boolean) {
  let count = 0;
  for (const device of list) {
    let was = false;
    for (let t = START; t < START + span; t += step) {
      const now = on(simulatedValues(profile, device, new Date(t))!);
      if (now && !was) count++;
      was = now;
    }
  }
  return count;
}

describe('the simulated readings', () => {
  it('are the same for the same device and time, and differ between devices', () => {
    for (const profile of ['lamppost', 'manhole', 'water_level', 'dust', 'wim']) {
      const at = new Date(START + 5 * HOUR + 17 * MINUTE);
      const a = simulatedValues(profile, station(1), at);
      expect(simulatedValues(profile, station(1), at), profile).toEqual(a);
      expect(simulatedValues(profile, station(2), at), profile).not.toEqual(a);
    }
    expect(simulatedValues('gateway', station(1), new Date(START))).toBeNull();
  });

  it("stay within each profile's keys, types and ranges", () => {
    for (const profile of profileSeeds.filter((p) => p.keys.length > 0)) {
      const list = profile.code === 'water_level' ? [station(1), station(2)] : devices(profile.code, 12);
      for (const device of list)
        for (let t = START; t < START + 2 * DAY; t += 37 * MINUTE) {
          const values = simulatedValues(profile.code, device, new Date(t))!;
          expect(Object.keys(values).sort(), profile.code).toEqual(profile.keys.map((k) => k.key).sort());
          for (const key of profile.keys) {
            const value = values[key.key];
            if (key.type === 'boolean') expect(typeof value, key.key).toBe('boolean');
            else if (key.type === 'string') expect(typeof value, key.key).toBe('string');
            else {
              expect(typeof value, key.key).toBe('number');
              if (key.type === 'integer') expect(Number.isInteger(value), key.key).toBe(true);
              if (key.min !== undefined) expect(value, key.key).toBeGreaterThanOrEqual(key.min);
              if (key.max !== undefined) expect(value, key.key).toBeLessThanOrEqual(key.max);
            }
          }
        }
    }
  });

  it('light the lamps from dusk to dawn in China time at 80–150 W', () => {
    const lamp = { code: 'WC-LD-0001' };
    const at = (hour: number) => simulatedValues('lamppost', lamp, new Date(START + hour * HOUR))!;
    expect(at(23)).toMatchObject({ lamp: true });
    expect(at(23).power).toBeGreaterThanOrEqual(78);
    expect(at(23).power).toBeLessThanOrEqual(155);
    expect(at(12)).toMatchObject({ lamp: false });
    expect(at(12).power).toBeLessThan(1);
  });

  it('give a truck a plate like 湘A·12345 and 2–6 axles', () => {
    for (let n = 0; n < 200; n++) expect(truckPlate(7, n)).toMatch(/^[\u4e00-\u9fa5][A-Z]·[0-9A-Z]{5}$/);
    const axles = new Set<number>();
    for (let t = START; t < START + HOUR; t += 30_000)
      axles.add(simulatedValues('wim', station(3), new Date(t))!.axles as number);
    expect([...axles].sort()).toEqual([2, 3, 4, 5, 6]);
  });

  // The whole demo district (200 covers, 200 lampposts, 20 stations, 60 sites, 20 weigh stations) should raise a
  // few alarms an hour: each kind of rare event is counted over a day or a month of one kind of device.
  it('make rare events rare: a few alarms an hour over the demo district', () => {
    const tilted = starts('manhole', devices('JG', 200), DAY, MINUTE, (v) => (v.tilt as number) > 15);
    expect(tilted).toBeGreaterThan(2);
    expect(tilted).toBeLessThan(60);

    let broken = 0;
    for (const lamp of devices('LD', 200))
      for (let night = 0; night < 10; night++) {
        const v = simulatedValues('lamppost', lamp, new Date(START + night * DAY + 2 * HOUR))!;
        if (v.lamp && (v.power as number) < 5) broken++;
      }
    expect(broken).toBeGreaterThan(0);
    expect(broken).toBeLessThan(60);

    const dusty = starts('dust', devices('YC', 60), DAY, MINUTE, (v) => (v.pm10 as number) > 150);
    expect(dusty).toBeGreaterThan(2);
    expect(dusty).toBeLessThan(50);

    let trucks = 0;
    let over = 0;
    for (const scale of devices('ZC', 20))
      for (let t = START; t < START + DAY; t += 30_000) {
        const v = simulatedValues('wim', scale, new Date(t))!;
        trucks++;
        if ((v.gross_weight as number) > grossLimits[v.axles as number]! * 1.05) over++;
      }
    expect(over).toBeGreaterThan(10);
    expect(over / trucks).toBeLessThan(0.003);

    const stations = Array.from({ length: 20 }, (_, i) => station(i));
    const floods = starts('water_level', stations, 30 * DAY, 10 * MINUTE, (v) => (v.level as number) > 35.8);
    expect(floods).toBeGreaterThan(4);
    expect(floods).toBeLessThan(70);
    const overGuarantee = starts(
      'water_level',
      stations,
      30 * DAY,
      10 * MINUTE,
      (v) => (v.level as number) > 37.3,
    );
    expect(overGuarantee).toBe(0);
  });

  it('fill the covers in heavy rain, only the low-lying few over 80 cm', () => {
    const covers = devices('JG', 200);
    let wettest = 0;
    const flooded = new Set<string>();
    for (let t = START; t < START + 10 * DAY; t += 10 * MINUTE)
      for (const cover of covers) {
        const water = simulatedValues('manhole', cover, new Date(t))!.water as number;
        wettest = Math.max(wettest, water);
        if (water > 80) flooded.add(cover.code);
      }
    expect(wettest).toBeGreaterThan(80);
    expect(flooded.size).toBeLessThan(20);
  });
});
