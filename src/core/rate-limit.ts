/**
 * Fixed-window request limits per key (a client address, or one key for everybody), kept in this process's
 * memory. The map is bounded: when it is full, windows that have ended go first, then the oldest windows, so a
 * flood of new addresses cannot grow memory without limit (the cost is that an evicted client starts afresh).
 */
import { addMessages } from './messages.ts';

/**
 * The namespace of the route limits' refusal text: the sharing API words its own `rate_limited` (with its
 * per-credential limit), so the code cannot be a core one.
 */
export const RATE_LIMIT_NS = 'rate_limit';
addMessages(RATE_LIMIT_NS, {
  rate_limited: {
    'zh-CN': '请求过于频繁，请在 {retryAfter} 秒后重试',
    en: 'Too many requests; try again in {retryAfter} seconds',
  },
});

/** How many calls a key may make per window. */
export type Limit = { max: number; windowMs: number };

/** The outcome of one call: allowed, or refused until `retryAfterSeconds` have passed. */
export type Hit = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A limiter: counts calls per key, answers whether one more is allowed. */
export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** A fixed-window limiter of at most `maxKeys` keys; `now` is injectable so tests can let time pass. */
export function createRateLimiter(limit: Limit, opts: { maxKeys?: number; now?: () => number } = {}) {
  const maxKeys = opts.maxKeys ?? 10_000;
  const now = opts.now ?? Date.now;
  // Insertion order is window-start order: a key is deleted and re-added when its window starts again.
  const windows = new Map<string, { start: number; count: number }>();

  function evict(t: number) {
    for (const [key, w] of windows) {
      if (windows.size < maxKeys) return;
      if (t - w.start >= limit.windowMs) windows.delete(key);
    }
    // Still full of live windows: drop the oldest ones.
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) return;
      windows.delete(key);
    }
  }

  return {
    /** Counts one call of `key`; refused when the key has used up its window. */
    hit(key: string): Hit {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= limit.windowMs) {
        windows.delete(key);
        if (windows.size >= maxKeys) evict(t);
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      if (w.count >= limit.max)
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil((w.start + limit.windowMs - t) / 1000)),
        };
      w.count++;
      return { ok: true };
    },
    /** Number of keys held (for tests of the bound). */
    size: () => windows.size,
  };
}

/** The limits a route can name in `config.rateLimit`, each set in the config (calls a minute; 0: none). */
export const routeLimits = ['verify', 'ckan', 'download', 'login'] as const;
export type RouteLimit = (typeof routeLimits)[number];

type LimitSettings = {
  rateLimitVerify: number;
  rateLimitCkan: number;
  rateLimitDownload: number;
  rateLimitLogin: number;
  rateLimitLoginTotal: number;
};

/**
 * The limiters of the named route limits: per client address, and for sign-in also one for all addresses
 * together (so spraying from many addresses is slowed too). `check` counts one call.
 */
export function createRouteLimiters(config: LimitSettings, now?: () => number) {
  const perMinute = (max: number) => (max > 0 ? createRateLimiter({ max, windowMs: 60_000 }, { now }) : null);
  const perAddress: Record<RouteLimit, RateLimiter | null> = {
    verify: perMinute(config.rateLimitVerify),
    ckan: perMinute(config.rateLimitCkan),
    download: perMinute(config.rateLimitDownload),
    login: perMinute(config.rateLimitLogin),
  };
  const total: Partial<Record<RouteLimit, RateLimiter | null>> = {
    login: perMinute(config.rateLimitLoginTotal),
  };
  return {
    /** Counts one call of route limit `name` from `address`; refused when either limit is used up. */
    check(name: RouteLimit, address: string): Hit {
      const own = perAddress[name]?.hit(address) ?? { ok: true };
      if (!own.ok) return own;
      return total[name]?.hit('*') ?? { ok: true };
    },
  };
}
