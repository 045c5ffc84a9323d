import { describe, expect, it } from 'vitest';
import { bigNumber, clockText, percent, timeText } from './format.ts';

describe('the screen writes its figures', () => {
  it('shortens large counts with 万 and 亿 in Chinese, keeps them whole in English below ten million', () => {
    expect(bigNumber(45_678, 'zh-CN')).toEqual({ value: '45,678', unit: '' });
    expect(bigNumber(812_345, 'zh-CN')).toEqual({ value: '81.23', unit: '万' });
    expect(bigNumber(98_765_432, 'zh-CN')).toEqual({ value: '9876.5', unit: '万' });
    expect(bigNumber(1_234_567_890, 'zh-CN')).toEqual({ value: '12.35', unit: '亿' });
    expect(bigNumber(812_345, 'en')).toEqual({ value: '812,345', unit: '' });
    expect(bigNumber(98_765_432, 'en')).toEqual({ value: '98.77', unit: 'M' });
  });

  it('writes shares as percentages, a dash with nothing to rate', () => {
    expect(percent(0.9734)).toBe('97.3%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(null)).toBe('—');
  });

  it('tells the time in China whatever the display’s zone', () => {
    // 2026-12-06T16:30:05Z is 00:30:05 on 7 December in Beijing.
    const at = Date.parse('2026-12-06T16:30:05Z');
    expect(timeText(at)).toBe('00:30:05');
    expect(clockText(at, 'zh-CN').date).toBe('2026年12月7日星期一');
    expect(clockText(at, 'en').date).toContain('7 Dec 2026');
  });
});
