import { describe, expect, it } from 'vitest';
import { profileSeeds } from '../profiles/seed-data.ts';
import { checkValue, decodeJson, type ProfileRules, readAttributes, readTelemetry, sample } from './parse.ts';
import { externalRoute, maySubscribe, publishRoute, sharedSubscriptions } from './topics.ts';

const NOW = new Date('2026-07-01T08:00:00Z');
const rules = (code: string, retentionDays = 30): ProfileRules => {
  const seed = profileSeeds.find((p) => p.code === code)!;
  return { keys: seed.keys, attributes: seed.attributes ?? [], retentionDays };
};
const manhole = rules('manhole');
const wim = rules('wim');
const lamppost = rules('lamppost');
const read = (json: unknown, profile = manhole) => readTelemetry(json, 7, profile, NOW);
const reasons = (r: { bad: { reason: string }[] }) => r.bad.map((b) => b.reason);

describe('decoding a payload', () => {
  it('takes JSON text or bytes', () => {
    expect(decodeJson('{"tilt":3.2}')).toEqual({ ok: true, value: { tilt: 3.2 } });
    expect(decodeJson(Buffer.from('[1]'))).toEqual({ ok: true, value: [1] });
  });

  it('refuses what is not JSON, or not UTF-8, as not_json with a sample', () => {
    expect(decodeJson('tilt=3')).toEqual({ ok: false, bad: { reason: 'not_json', sample: 'tilt=3' } });
    expect(decodeJson('')).toMatchObject({ ok: false, bad: { reason: 'not_json' } });
    expect(decodeJson(Buffer.from([0x7b, 0xff, 0x7d]))).toMatchObject({
      ok: false,
      bad: { reason: 'not_json' },
    });
  });

  it('keeps samples short and storable', () => {
    expect(sample('x'.repeat(500))).toHaveLength(200);
    expect(sample('a\u0000b')).toBe('a\uFFFDb');
    expect(sample({ tilt: 'high' })).toBe('{"tilt":"high"}');
  });
});

describe('telemetry payloads', () => {
  it('reads {"key": value} at the time of arrival', () => {
    expect(read({ tilt: 3.2, battery: 88 })).toEqual({
      points: [
        { deviceId: 7, key: 'tilt', ts: NOW, num: 3.2, txt: null },
        { deviceId: 7, key: 'battery', ts: NOW, num: 88, txt: null },
      ],
      bad: [],
    });
  });

  it('reads {"ts", "values"} at its own time, and arrays of both forms', () => {
    const ts = NOW.getTime() - 60_000;
    const r = read([{ ts, values: { tilt: 1 } }, { water: 12 }]);
    expect(r.bad).toEqual([]);
    expect(r.points).toEqual([
      { deviceId: 7, key: 'tilt', ts: new Date(ts), num: 1, txt: null },
      { deviceId: 7, key: 'water', ts: NOW, num: 12, txt: null },
    ]);
  });

  it('stores the good values of a payload and counts each bad one with its key', () => {
    const r = read({ tilt: 3, water: 'deep', battery: 140, colour: 'red' });
    expect(r.points.map((p) => p.key)).toEqual(['tilt']);
    expect(r.bad).toEqual([
      { reason: 'wrong_type', sample: '{"water":"deep"}', key: 'water' },
      { reason: 'out_of_range', sample: '{"battery":140}', key: 'battery' },
      { reason: 'unknown_key', sample: '{"colour":"red"}', key: 'colour' },
    ]);
  });

  it('refuses shapes other than the three', () => {
    expect(reasons(read(42))).toEqual(['bad_shape']);
    expect(reasons(read('tilt'))).toEqual(['bad_shape']);
    expect(reasons(read(null))).toEqual(['bad_shape']);
    expect(reasons(read([{ tilt: 1 }, 5, [1]]))).toEqual(['bad_shape', 'bad_shape']);
    expect(reasons(read({ ts: NOW.getTime() }))).toEqual(['bad_shape']);
    expect(reasons(read({ ts: 'yesterday', values: { tilt: 1 } }))).toEqual(['bad_shape']);
    expect(reasons(read({ ts: NOW.getTime(), values: [1] }))).toEqual(['bad_shape']);
    expect(reasons(read({ ts: NOW.getTime(), values: { tilt: 1 }, tilt: 2 }))).toEqual(['bad_shape']);
    expect(read([]).points).toEqual([]);
    expect(read({})).toEqual({ points: [], bad: [] });
  });

  it('refuses timestamps more than 5 minutes ahead, and older than the retention', () => {
    const at = (ms: number) => read({ ts: ms, values: { tilt: 1 } });
    expect(reasons(at(NOW.getTime() + 6 * 60_000))).toEqual(['future_ts']);
    expect(at(NOW.getTime() + 4 * 60_000).points).toHaveLength(1);
    expect(reasons(at(NOW.getTime() - 31 * 86_400_000))).toEqual(['old_ts']);
    expect(at(NOW.getTime() - 29 * 86_400_000).points).toHaveLength(1);
    // A station kept 90 days takes a reading of 60 days ago.
    expect(
      readTelemetry(
        { ts: NOW.getTime() - 60 * 86_400_000, values: { level: 3 } },
        1,
        rules('water_level', 90),
        NOW,
      ).bad,
    ).toEqual([]);
  });
});

describe('values by type', () => {
  const def = (type: 'number' | 'integer' | 'boolean' | 'string', min?: number, max?: number) => ({
    key: 'k',
    name: 'k',
    nameEn: 'k',
    type,
    min,
    max,
  });

  it('numbers: JSON numbers and decimal strings, within min and max', () => {
    expect(checkValue(def('number', 0, 10), 2.5)).toEqual({ num: 2.5, txt: null });
    expect(checkValue(def('number', 0, 10), ' 7.25 ')).toEqual({ num: 7.25, txt: null });
    expect(checkValue(def('number', 0, 10), 10)).toEqual({ num: 10, txt: null });
    expect(checkValue(def('number', 0, 10), 10.01)).toBe('out_of_range');
    expect(checkValue(def('number', 0, 10), -1)).toBe('out_of_range');
    for (const bad of [true, null, 'abc', '', '0x10', [1], { v: 1 }, Number.POSITIVE_INFINITY])
      expect(checkValue(def('number'), bad)).toBe('wrong_type');
  });

  it('integers: integral numbers only', () => {
    expect(checkValue(def('integer', 2, 12), 5)).toEqual({ num: 5, txt: null });
    expect(checkValue(def('integer', 2, 12), '6')).toEqual({ num: 6, txt: null });
    expect(checkValue(def('integer', 2, 12), 5.5)).toBe('wrong_type');
    expect(checkValue(def('integer', 2, 12), 13)).toBe('out_of_range');
  });

  it('booleans: true/false, 1/0 and "true"/"false", stored as 1/0', () => {
    for (const yes of [true, 1, 'true'])
      expect(checkValue(def('boolean'), yes)).toEqual({ num: 1, txt: null });
    for (const no of [false, 0, 'false'])
      expect(checkValue(def('boolean'), no)).toEqual({ num: 0, txt: null });
    for (const bad of [2, 'yes', 'TRUE', null, 0.5])
      expect(checkValue(def('boolean'), bad)).toBe('wrong_type');
  });

  it('strings: JSON strings without NUL, at most 1024 characters', () => {
    expect(checkValue(def('string'), '湘A12345')).toEqual({ num: null, txt: '湘A12345' });
    expect(checkValue(def('string'), 12345)).toBe('wrong_type');
    expect(checkValue(def('string'), 'a\u0000')).toBe('wrong_type');
    expect(checkValue(def('string'), '\ud800')).toBe('wrong_type');
    expect(checkValue(def('string'), 'x'.repeat(1025))).toBe('out_of_range');
  });

  it('applies them through the profile', () => {
    const r = readTelemetry({ plate: '湘A12345', axles: 6, gross_weight: '52.3', speed: 61 }, 3, wim, NOW);
    expect(r.bad).toEqual([]);
    expect(r.points.map((p) => [p.key, p.num, p.txt])).toEqual([
      ['plate', null, '湘A12345'],
      ['axles', 6, null],
      ['gross_weight', 52.3, null],
      ['speed', 61, null],
    ]);
    expect(readTelemetry({ lamp: true }, 3, lamppost, NOW).points[0]).toMatchObject({ key: 'lamp', num: 1 });
  });
});

describe('attribute payloads', () => {
  const station = rules('water_level').attributes;

  it('takes a flat object: the profile attributes typed, others when plain and short', () => {
    expect(
      readAttributes({ warning_level: '32.5', fw: '1.4.2', model: 'WL-9', solar: true, slots: 4 }, station),
    ).toEqual({
      attributes: { warning_level: 32.5, fw: '1.4.2', model: 'WL-9', solar: true, slots: 4 },
      bad: [],
    });
  });

  it('refuses what is not a flat object, and bad values one by one', () => {
    expect(reasons(readAttributes([{ a: 1 }], station))).toEqual(['bad_shape']);
    expect(reasons(readAttributes('x', station))).toEqual(['bad_shape']);
    const r = readAttributes(
      {
        warning_level: 'high',
        guarantee_level: 35,
        nested: { a: 1 },
        none: null,
        'a/b': 1,
        long: 'x'.repeat(300),
      },
      station,
    );
    expect(r.attributes).toEqual({ guarantee_level: 35 });
    expect(reasons(r)).toEqual(['wrong_type', 'wrong_type', 'wrong_type', 'unknown_key', 'out_of_range']);
  });

  it('keeps "__proto__" a key, not a prototype', () => {
    const r = readAttributes(JSON.parse('{"__proto__": "x"}'), []);
    expect(Object.getPrototypeOf(r.attributes)).toBe(Object.prototype);
    expect(JSON.stringify(r.attributes)).toBe('{"__proto__":"x"}');
  });
});

describe('topics', () => {
  it('a device publishes its telemetry and attributes; a gateway also the gateway topics', () => {
    expect(publishRoute('v1/devices/me/telemetry', false)).toEqual({ to: 'device', kind: 'telemetry' });
    expect(publishRoute('v1/devices/me/attributes', false)).toEqual({ to: 'device', kind: 'attributes' });
    expect(publishRoute('v1/gateway/telemetry', false)).toBeNull();
    expect(publishRoute('v1/gateway/telemetry', true)).toEqual({ to: 'gateway', kind: 'telemetry' });
    expect(publishRoute('v1/gateway/connect', true)).toEqual({ to: 'gateway', kind: 'connect' });
    for (const topic of [
      'v1/devices/me/rpc/request/1',
      'v1/devices/other/telemetry',
      'city/alarm',
      'v1/gateway/rpc',
    ])
      expect(publishRoute(topic, true)).toBeNull();
  });

  it('a device subscribes to attribute updates, responses and RPC requests only', () => {
    for (const ok of [
      'v1/devices/me/attributes',
      'v1/devices/me/attributes/response/+',
      'v1/devices/me/rpc/request/+',
    ])
      expect(maySubscribe(ok)).toBe(true);
    for (const no of ['#', 'v1/#', 'v1/devices/me/telemetry', 'v1/devices/+/attributes', '$SYS/#'])
      expect(maySubscribe(no)).toBe(false);
  });

  it('an external broker names the device by its token in the topic', () => {
    expect(externalRoute('v1/devices/Tok123/telemetry')).toEqual({
      token: 'Tok123',
      route: { to: 'device', kind: 'telemetry' },
    });
    expect(externalRoute('v1/gateway/Gw9/disconnect')).toEqual({
      token: 'Gw9',
      route: { to: 'gateway', kind: 'disconnect' },
    });
    expect(externalRoute('v1/devices//telemetry')).toBeNull();
    expect(externalRoute('v1/devices/Tok/rpc')).toBeNull();
    expect(sharedSubscriptions().every((s) => s.startsWith('$share/onecity/v1/'))).toBe(true);
    expect(sharedSubscriptions('g2')).toContain('$share/g2/v1/gateway/+/connect');
  });
});
