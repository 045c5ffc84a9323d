import { describe, expect, it } from 'vitest';
import { channelOf, parseChinaTime, satisfactionOf, statusOf } from './values.ts';

const iso = (text: string) => parseChinaTime(text)?.toISOString();

describe('reading a former system values', () => {
  it('reads times in the common forms as China time', () => {
    expect(iso('2024-03-05 14:22')).toBe('2024-03-05T06:22:00.000Z');
    expect(iso('2024/3/5 14:22:00')).toBe('2024-03-05T06:22:00.000Z');
    expect(iso('2024年3月5日 14时22分')).toBe('2024-03-05T06:22:00.000Z');
    expect(iso('2024.03.05')).toBe('2024-03-04T16:00:00.000Z');
    expect(iso('20240305142200')).toBe('2024-03-05T06:22:00.000Z');
    expect(iso('2024-03-05T14:22:00+08:00')).toBe('2024-03-05T06:22:00.000Z');
    expect(iso('2024-03-05T06:22:00Z')).toBe('2024-03-05T06:22:00.000Z');
    expect(iso('2024-03-05T06:22:00.123Z')).toBe('2024-03-05T06:22:00.000Z');
    // Excel's day 45356 is 2024-03-05; .5 is noon.
    expect(iso('45356.5')).toBe('2024-03-05T04:00:00.000Z');
  });

  it('refuses what is no time', () => {
    for (const bad of ['', 'yesterday', '2024-02-30', '2024-13-01 10:00', '2024-03-05 25:00', '1234'])
      expect(parseChinaTime(bad), bad).toBeUndefined();
  });

  it('maps statuses, satisfactions and channels in Chinese and English', () => {
    expect(statusOf('已办结')).toBe('closed');
    expect(statusOf('办结')).toBe('closed');
    expect(statusOf('处理中')).toBe('in_progress');
    expect(statusOf('In Progress')).toBe('in_progress');
    expect(statusOf('已派单')).toBe('dispatched');
    expect(statusOf('待受理')).toBe('received');
    expect(statusOf('研究中')).toBeUndefined();
    expect(satisfactionOf('基本满意')).toBe('basically_satisfied');
    expect(satisfactionOf('Basically satisfied')).toBe('basically_satisfied');
    expect(satisfactionOf('不满意')).toBe('unsatisfied');
    expect(satisfactionOf('未回访')).toBeNull();
    expect(satisfactionOf('')).toBeNull();
    expect(satisfactionOf('还行吧')).toBeUndefined();
    expect(channelOf('12345')).toBe('hotline');
    expect(channelOf('网格员')).toBe('grid');
    expect(channelOf('Open311')).toBe('open311');
    expect(channelOf('pigeon')).toBeUndefined();
  });
});
