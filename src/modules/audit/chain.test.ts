import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH } from './chain.ts';

const entry = {
  at: new Date('2026-01-02T03:04:05.678Z'),
  actorId: 1,
  actorName: 'admin',
  action: 'user.create',
  targetType: 'user',
  targetId: '7',
  outcome: 'ok',
  clientIp: '127.0.0.1',
  detail: { b: 1, a: { d: [1, 2], c: '望城' } },
  prevHash: GENESIS_HASH,
};

describe('audit hash chain', () => {
  it('serializes objects the same whatever their key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('changes the hash when any field or the previous hash changes', () => {
    const base = entryHash(entry);
    expect(entryHash({ ...entry, detail: { a: { c: '望城', d: [1, 2] }, b: 1 } })).toBe(base);
    expect(entryHash({ ...entry, detail: { ...entry.detail, b: 2 } })).not.toBe(base);
    expect(entryHash({ ...entry, outcome: 'denied' })).not.toBe(base);
    expect(entryHash({ ...entry, prevHash: 'f'.repeat(64) })).not.toBe(base);
  });
});
