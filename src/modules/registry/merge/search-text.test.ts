import { describe, expect, it } from 'vitest';
import { searchTextOf } from './search-text.ts';

describe('registry search text', () => {
  it('holds the name and its pinyin initials, surnames read as surnames', () => {
    expect(searchTextOf('张三')).toBe('张三 zs');
    expect(searchTextOf('单雄信')).toBe('单雄信 sxx');
    expect(searchTextOf('长沙市望城区某某有限公司')).toBe('长沙市望城区某某有限公司 csswcqmmyxgs');
  });

  it('keeps Latin letters and digits, lower-cased, and has nothing for no name', () => {
    expect(searchTextOf('ABC科技')).toMatch(/^abc科技 /);
    expect(searchTextOf('')).toBeNull();
    expect(searchTextOf(undefined)).toBeNull();
  });
});
