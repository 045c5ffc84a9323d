import { describe, expect, it } from 'vitest';
import { partitionDay, partitionName } from './partitions.ts';
import { autoInterval } from './read.ts';
import { csvLine } from './write-repository.ts';
import { newestPerKey } from './writer.ts';

const ts = new Date('2026-12-06T10:00:00Z');

describe('telemetry helpers', () => {
  it('writes a point as a COPY line: empty for null, text quoted, NUL dropped', () => {
    expect(csvLine({ deviceId: 7, key: 'tilt', ts, num: 1.5, txt: null })).toBe(
      '7,"tilt",2026-12-06T10:00:00.000Z,1.5,\n',
    );
    expect(csvLine({ deviceId: 7, key: 'plate', ts, num: null, txt: '湘A"1,\n2\0' })).toBe(
      '7,"plate",2026-12-06T10:00:00.000Z,,"湘A""1,\n2"\n',
    );
    expect(csvLine({ deviceId: 7, key: 'plate', ts, num: null, txt: '' })).toBe(
      '7,"plate",2026-12-06T10:00:00.000Z,,""\n',
    );
  });

  it('keeps the newest point per device and key, a later one winning a tie, in (device, key) order', () => {
    const at = (s: number) => new Date(ts.getTime() + s * 1000);
    const rows = newestPerKey([
      { deviceId: 2, key: 'b', ts: at(1), num: 1, txt: null },
      { deviceId: 1, key: 'z', ts: at(5), num: 2, txt: null },
      { deviceId: 2, key: 'b', ts: at(0), num: 3, txt: null },
      { deviceId: 2, key: 'a', ts: at(1), num: 4, txt: null },
      { deviceId: 2, key: 'a', ts: at(1), num: 5, txt: null },
    ]);
    expect(rows.map((r) => [r.deviceId, r.key, r.num])).toEqual([
      [1, 'z', 2],
      [2, 'a', 5],
      [2, 'b', 1],
    ]);
  });

  it('picks the interval by the range', () => {
    const plus = (hours: number) => new Date(ts.getTime() + hours * 3_600_000);
    expect(autoInterval(ts, plus(2))).toBe('raw');
    expect(autoInterval(ts, plus(3))).toBe('1m');
    expect(autoInterval(ts, plus(48))).toBe('1m');
    expect(autoInterval(ts, plus(49))).toBe('1h');
    expect(autoInterval(ts, plus(60 * 24))).toBe('1h');
    expect(autoInterval(ts, plus(61 * 24))).toBe('1d');
  });

  it('names partitions by their UTC day', () => {
    expect(partitionName(new Date('2026-12-06T00:00:00Z'))).toBe('telemetry_20261206');
    expect(partitionDay('telemetry_20261206')).toEqual(new Date('2026-12-06T00:00:00Z'));
    expect(partitionDay('telemetry_default')).toBeNull();
  });
});
