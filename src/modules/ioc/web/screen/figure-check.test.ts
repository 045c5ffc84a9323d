import { describe, expect, it } from 'vitest';
import { figuresAgainst } from './figure-check.ts';

const summary = {
  at: '2026-12-07T01:00:00.000Z',
  registries: { people: 4991, legalPersons: 495 },
  data: { quality: null, recordsToday: 12 },
  cases: { today: 13, onTimeRate: 0.918 },
};

describe('the screen’s figures against the API', () => {
  it('compares panel and headline figures by their exact numbers', () => {
    expect(
      figuresAgainst(summary, [
        ['figure-registries-people', '4991'],
        ['figure-cases-onTimeRate', '0.918'],
        ['figure-data-quality', ''],
        ['kpi-today', '13'],
      ]),
    ).toEqual({ compared: 4, differ: [] });
  });

  it('names what differs', () => {
    const { differ } = figuresAgainst(summary, [
      ['figure-registries-legalPersons', '494'],
      ['kpi-recordsToday', '11'],
      ['figure-data-quality', '0.5'],
    ]);
    expect(differ).toEqual([
      'figure-registries-legalPersons shows 494, the API says 495',
      'kpi-recordsToday shows 11, the API says 12',
      'figure-data-quality shows 0.5, the API says null',
    ]);
  });

  it('leaves out what the screen works out itself', () => {
    expect(
      figuresAgainst(summary, [
        ['figure-devices-onlineRate', '0.9'],
        ['kpi-onlineRate', '0.9'],
      ]),
    ).toEqual({
      compared: 0,
      differ: [],
    });
  });
});
