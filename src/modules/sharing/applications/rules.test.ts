import { describe, expect, it } from 'vitest';
import type { Resource } from '../../catalog/index.ts';
import type { ApplicationInput } from '../contract.ts';
import { addYears, checkApplication, dailyQuotaFor, grantWindow, narrowScope } from './rules.ts';

const resource = {
  items: [
    { code: 'id_number', name: '公民身份号码', type: 'id_number', required: true, personal: true },
    { code: 'name', name: '姓名', type: 'string', required: true, personal: true },
    { code: 'subdistrict', name: '街道', type: 'string', required: false, personal: false },
  ],
} as Resource;

const input = (over: Partial<ApplicationInput> = {}): ApplicationInput => ({
  resource: 'population',
  purpose: 'p',
  legalBasis: 'b',
  items: ['id_number', 'name'],
  rawItems: [],
  rowFilter: {},
  consumingSystem: 's',
  periodFrom: '2026-03-01',
  periodTo: '2027-02-28',
  expectedDailyCalls: 10,
  ...over,
});

const fieldsOf = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return (error as { fields: { field: string; reason: string }[] }).fields.map(
      (f) => `${f.field}:${f.reason}`,
    );
  }
  return [];
};

describe('application rules', () => {
  it('runs a grant from midnight of the first day to midnight after the last, Shanghai time', () => {
    expect(grantWindow('2026-03-01', '2026-03-31')).toEqual({
      validFrom: new Date('2026-02-28T16:00:00Z'),
      expiresAt: new Date('2026-03-31T16:00:00Z'),
    });
  });

  it('counts years by the calendar, 29 February included', () => {
    expect(addYears('2026-03-01', 3)).toBe('2029-03-01');
    expect(addYears('2028-02-29', 1)).toBe('2029-03-01');
  });

  it('gives twice the expected calls as the daily quota, at least 1,000', () => {
    expect(dailyQuotaFor(10)).toBe(1000);
    expect(dailyQuotaFor(800)).toBe(1600);
  });

  it('allows a period of three years less a day, not three years', () => {
    expect(
      fieldsOf(() => checkApplication(resource, input({ periodTo: '2029-02-28' }), '2026-03-01')),
    ).toEqual([]);
    expect(
      fieldsOf(() => checkApplication(resource, input({ periodTo: '2029-03-01' }), '2026-03-01')),
    ).toEqual(['periodTo:period_too_long']);
    // A period that ended yesterday is over; one that ends today is not.
    expect(fieldsOf(() => checkApplication(resource, input(), '2027-03-01'))).toEqual([
      'periodTo:period_past',
    ]);
    expect(fieldsOf(() => checkApplication(resource, input(), '2027-02-28'))).toEqual([]);
  });

  it('narrows: keeps what is left, drops raw items with their items, keeps and adds filter conditions', () => {
    const previous = {
      items: ['id_number', 'name'],
      rawItems: ['name'],
      rowFilter: { subdistrict: '高塘岭街道' },
    };
    expect(narrowScope(resource, previous, { decision: 'approve' })).toEqual(previous);
    expect(narrowScope(resource, previous, { decision: 'approve', items: ['id_number'] })).toEqual({
      items: ['id_number'],
      rawItems: [],
      rowFilter: { subdistrict: '高塘岭街道' },
    });
    expect(
      fieldsOf(() =>
        narrowScope(resource, previous, {
          decision: 'approve',
          items: ['subdistrict'],
          rawItems: ['id_number'],
          rowFilter: { subdistrict: '白沙洲街道' },
        }),
      ),
    ).toEqual(['items.0:item_widened', 'rawItems.0:item_widened', 'rowFilter.subdistrict:filter_widened']);
    expect(
      fieldsOf(() =>
        narrowScope(resource, previous, { decision: 'approve', items: ['id_number'], rawItems: ['name'] }),
      ),
    ).toEqual(['rawItems.0:raw_not_asked']);
  });
});
