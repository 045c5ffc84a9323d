import { describe, expect, it } from 'vitest';
import { createRateLimiter, createRouteLimiters } from './rate-limit.ts';

describe('rate limiter', () => {
  it('allows max calls a window per key, then says when to retry, and starts again in the next window', () => {
    let t = 1_000_000;
    const limiter = createRateLimiter({ max: 2, windowMs: 60_000 }, { now: () => t });
    expect(limiter.hit('a')).toEqual({ ok: true });
    expect(limiter.hit('a')).toEqual({ ok: true });
    expect(limiter.hit('b')).toEqual({ ok: true });
    t += 15_000;
    expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 45 });
    t += 45_000;
    expect(limiter.hit('a')).toEqual({ ok: true });
  });

  it('holds at most maxKeys keys, dropping ended windows first, then the oldest', () => {
    let t = 0;
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000 }, { maxKeys: 3, now: () => t });
    limiter.hit('old');
    t = 61_000;
    limiter.hit('a');
    limiter.hit('b');
    limiter.hit('c');
    expect(limiter.size()).toBe(3);
    // 'old' went first (its window had ended), so 'a' is still counted.
    expect(limiter.hit('a').ok).toBe(false);
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`);
    expect(limiter.size()).toBe(3);
  });

  it('counts sign-ins per address and from all addresses together; 0 means no limit', () => {
    const limits = createRouteLimiters({
      rateLimitVerify: 0,
      rateLimitCkan: 1,
      rateLimitDownload: 1,
      rateLimitLogin: 2,
      rateLimitLoginTotal: 3,
    });
    for (let i = 0; i < 100; i++) expect(limits.check('verify', 'x').ok).toBe(true);
    expect(limits.check('login', 'a').ok).toBe(true);
    expect(limits.check('login', 'a').ok).toBe(true);
    expect(limits.check('login', 'a').ok).toBe(false);
    expect(limits.check('login', 'b').ok).toBe(true);
    expect(limits.check('login', 'c').ok).toBe(false);
  });
});
