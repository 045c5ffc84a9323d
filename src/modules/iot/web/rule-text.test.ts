import { describe, expect, it } from 'vitest';
import type { Profile } from './iot-types.ts';
import { en, zhCN } from './messages.ts';
import { ruleText } from './rule-text.ts';

// The templates themselves, filled as i18next fills them.
const translator =
  (messages: typeof zhCN) =>
  (key: string, values: Record<string, unknown> = {}) => {
    const template = key.split('.').reduce<any>((node, part) => node[part], messages) as string;
    return template.replace(/\{\{(\w+)\}\}/g, (_, name) => String(values[name]));
  };
const zh = translator(zhCN);
const name = (d: { name: string }) => d.name;

const station: Profile = {
  code: 'water_level',
  name: '水位站',
  nameEn: 'Water-level station',
  keys: [
    { key: 'level', name: '水位', nameEn: 'Water level', unit: 'm', type: 'number' },
    { key: 'rainfall', name: '雨强', nameEn: 'Rainfall', unit: 'mm/h', type: 'number' },
  ],
  attributes: [
    { key: 'warning_level', name: '警戒水位', nameEn: 'Warning level', unit: 'm', type: 'number' },
  ],
  retentionDays: 90,
  offlineMinutes: 10,
};

describe('ruleText', () => {
  it('names keys and attributes of the profile, with units after fixed limits', () => {
    expect(
      ruleText(
        { kind: 'threshold', params: { key: 'level', op: '>', value: { attr: 'warning_level' } } },
        station,
        zh,
        name,
      ),
    ).toBe('水位 > 警戒水位');
    expect(
      ruleText(
        { kind: 'threshold', params: { key: 'level', op: '>=', value: 5, hysteresis: 0.05 } },
        station,
        zh,
        name,
      ),
    ).toBe('水位 >= 5m（回差 0.05）');
    expect(
      ruleText(
        { kind: 'duration', params: { key: 'rainfall', op: '>', value: 30, minutes: 10 } },
        station,
        zh,
        name,
      ),
    ).toBe('雨强 > 30mm/h 持续 10 分钟');
  });

  it('joins the conditions of a combination and reads rates and missing data', () => {
    expect(
      ruleText(
        {
          kind: 'combination',
          params: {
            all: [
              { key: 'level', op: '>', value: { attr: 'warning_level' } },
              { key: 'rainfall', op: '>', value: 30 },
            ],
          },
        },
        station,
        zh,
        name,
      ),
    ).toBe('水位 > 警戒水位 且 雨强 > 30mm/h');
    expect(
      ruleText({ kind: 'rate', params: { key: 'level', delta: 0.5, minutes: 60 } }, station, zh, name),
    ).toBe('水位 60 分钟内变化超过 0.5m');
    expect(ruleText({ kind: 'nodata', params: {} }, station, zh, name)).toBe('超过离线时长（10 分钟）无数据');
    expect(ruleText({ kind: 'nodata', params: { minutes: 30 } }, station, zh, name)).toBe('30 分钟无数据');
  });

  it('reads in English too, and falls back to the key when the profile does not know it', () => {
    const english = translator(en);
    expect(
      ruleText(
        { kind: 'duration', params: { key: 'pm25', op: '>', value: 150, minutes: 30 } },
        undefined,
        english,
        name,
      ),
    ).toBe('pm25 > 150 for 30 min');
  });
});
