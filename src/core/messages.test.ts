import { describe, expect, it } from 'vitest';
import { addMessages, message, namespacesOf } from './messages.ts';

describe('message namespaces', () => {
  it("renders a module's own text for a code another module uses too", () => {
    addMessages('test_a', { test_shared_code: { 'zh-CN': 'A：{value}', en: 'A: {value}' } });
    addMessages('test_b', { test_shared_code: { 'zh-CN': 'B：{value}', en: 'B: {value}' } });
    expect(message('test_shared_code', 'zh-CN', { value: 1 }, 'test_a')).toBe('A：1');
    expect(message('test_shared_code', 'en', { value: 2 }, 'test_b')).toBe('B: 2');
    // Asked without a namespace (or from one that lacks it), a code two modules define has no one text.
    expect(message('test_shared_code', 'en', {}, 'test_c')).toBeUndefined();
    expect(namespacesOf('test_shared_code')).toEqual(['test_a', 'test_b']);
  });

  it('finds core codes from any namespace, and a code only one module defines from anywhere', () => {
    addMessages('test_a', { test_only_a: { 'zh-CN': '只有 A', en: 'only A' } });
    expect(message('forbidden', 'en', {}, 'test_a')).toBe('You may not do this');
    expect(message('test_only_a', 'en')).toBe('only A');
    expect(message('test_only_a', 'en', {}, 'test_b')).toBe('only A');
  });

  it('refuses a code registered twice in one namespace with another text, and a code that shadows core', () => {
    addMessages('test_d', { test_twice: { 'zh-CN': '一', en: 'one' } });
    // The same text again is harmless (a module file imported twice).
    expect(() => addMessages('test_d', { test_twice: { 'zh-CN': '一', en: 'one' } })).not.toThrow();
    expect(() => addMessages('test_d', { test_twice: { 'zh-CN': '二', en: 'two' } })).toThrow(
      /test_twice.*twice in namespace "test_d"/,
    );
    expect(() => addMessages('test_d', { forbidden: { 'zh-CN': '不行', en: 'no' } })).toThrow(
      /shadows a core/,
    );
  });
});
