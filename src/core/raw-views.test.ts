import { describe, expect, it } from 'vitest';
import { createRawViews, rawReason } from './raw-views.ts';

describe('raw views', () => {
  it('needs a reason of one short line', () => {
    expect(() => rawReason(undefined)).toThrow(/reason/);
    expect(() => rawReason('   ')).toThrow(/reason/);
    expect(() => rawReason('x'.repeat(201))).toThrow(/reason/i);
    expect(() => rawReason('a\nb')).toThrow(/reason/i);
    expect(rawReason(' 核对低保申请 ')).toBe('核对低保申请');
  });

  it('opens a view once per person, target and reason until it lapses', () => {
    const views = createRawViews(1000);
    expect(views.first('li', 'population', '核对', 0)).toBe(true);
    expect(views.first('li', 'population', '核对', 500)).toBe(false);
    expect(views.first('li', 'population', '另一事由', 500)).toBe(true);
    expect(views.first('wang', 'population', '核对', 500)).toBe(true);
    expect(views.first('li', 'legal_person', '核对', 500)).toBe(true);
    expect(views.first('li', 'population', '核对', 1000)).toBe(true);
  });
});
