import { describe, expect, it } from 'vitest';
import { casesZhCN } from './cases-messages.ts';
import { spanText } from './clock-text.ts';

// The Chinese templates themselves, filled as i18next fills them.
const t = (key: string, values: Record<string, number>) => {
  const template = key.split('.').reduce<any>((node, part) => node[part], casesZhCN) as string;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name) => String(values[name]));
};
const minute = 60_000;

describe('spanText', () => {
  it('says a span in its two largest units, to the minute', () => {
    expect(spanText(t, 5 * minute)).toBe('5 分钟');
    expect(spanText(t, 3 * 60 * minute + 20 * minute)).toBe('3 小时 20 分');
    expect(spanText(t, 2 * 1440 * minute + 4 * 60 * minute + 59 * minute)).toBe('2 天 4 小时');
  });

  it('ignores the sign (late or left) and counts less than a minute as one', () => {
    expect(spanText(t, -90 * minute)).toBe('1 小时 30 分');
    expect(spanText(t, 1000)).toBe('1 分钟');
    expect(spanText(t, 0)).toBe('1 分钟');
  });

  it('rounds to the nearest minute', () => {
    expect(spanText(t, 59 * minute + 40_000)).toBe('1 小时 0 分');
  });
});
