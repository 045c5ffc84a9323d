// Checks every request passes before any route, query or log sees it, and the headers every answer carries.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FieldError, ForbiddenError, InputError } from './errors.ts';

/** The body limit of routes anyone may call (public and sharing-API routes, unknown paths): small on purpose. */
export const PUBLIC_BODY_LIMIT = 64 * 1024;
/** The body limit of signed-in routes that do not set their own (uploads and imports do). */
export const SIGNED_IN_BODY_LIMIT = 10 * 1024 * 1024;
/** The longest query string (characters, as sent) any route accepts. */
export const QUERY_LIMIT = 8 * 1024;

/**
 * One policy for the console, its files, the API and Swagger UI at /api/docs. antd's CSS-in-JS and Swagger UI
 * write <style> tags and style attributes (style-src 'unsafe-inline'); echarts and Swagger UI's logo draw
 * data: and blob: images; downloads go through blob: URLs. No inline or external script, no framing.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The browser security headers of every answer. */
export const securityHeaders: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

/** Puts the security headers on an answer. */
export function setSecurityHeaders(reply: FastifyReply) {
  reply.headers(securityHeaders);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why a text may not reach a query or a log: a NUL (PostgreSQL refuses it) or a lone surrogate; else null. */
export function badTextReason(text: string): string | null {
  if (text.includes('\0')) return 'forbidden_character';
  if (!text.isWellFormed()) return 'forbidden_character';
  return null;
}

/** Decodes a percent-encoded URL part as UTF-8 ('+' is a space in a query); null when the bytes are not UTF-8. */
function decodeUrlPart(part: string, plusIsSpace: boolean): string | null {
  const text = plusIsSpace ? part.replaceAll('+', ' ') : part;
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '%' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else for (const byte of Buffer.from(text[i]!)) bytes.push(byte); // a stray '%' is itself
  }
  try {
    return utf8.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

/** The bad fields of a request's path and query string: NUL, lone surrogates, bytes that are not UTF-8. */
export function urlProblems(url: string, params: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const at = url.indexOf('?');
  const path = decodeUrlPart(at < 0 ? url : url.slice(0, at), false);
  const reason = path === null ? 'not_utf8' : badTextReason(path);
  if (reason) {
    // Name the route's parameter that holds the bad text, when there is one.
    const named = Object.entries((params ?? {}) as Record<string, unknown>).find(
      ([, value]) => typeof value === 'string' && badTextReason(value),
    );
    const param = named?.[0];
    problems.push({ field: param && param !== '*' ? param : 'path', reason });
  }
  if (at < 0) return problems;
  for (const pair of url.slice(at + 1).split('&')) {
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decodeUrlPart(rawKey, true);
    const value = eq < 0 ? '' : decodeUrlPart(pair.slice(eq + 1), true);
    const keyReason = key === null ? 'not_utf8' : badTextReason(key);
    const valueReason = value === null ? 'not_utf8' : badTextReason(value);
    if (keyReason || valueReason)
      problems.push({ field: keyReason ? 'query' : key!, reason: (keyReason ?? valueReason)! });
  }
  return problems;
}

/** The bad strings (keys or values) of a parsed JSON body, each named by its path (`items.0.name`). */
export function bodyProblems(value: unknown, path = '', problems: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    const reason = badTextReason(value);
    if (reason) problems.push({ field: path || 'body', reason });
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) bodyProblems(item, path ? `${path}.${i}` : String(i), problems);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (badTextReason(key)) problems.push({ field: path || 'body', reason: 'forbidden_character' });
      else bodyProblems(item, field, problems);
    }
  }
  return problems;
}

/** The error for bad text in a request. */
export function invalidText(problems: FieldError[]) {
  return new InputError('invalid_input', 'The request holds text that is not allowed', problems);
}

/** Refuses a query string longer than QUERY_LIMIT. */
export function checkQueryLength(url: string) {
  const at = url.indexOf('?');
  if (at >= 0 && url.length - at - 1 > QUERY_LIMIT)
    throw new InputError('query_too_long', 'The query string is too long', [], { maximum: QUERY_LIMIT });
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a cross-site write that a browser sent with the session cookie (CSRF). Browsers send Sec-Fetch-Site
 * on every request: only `same-origin` (the console) and `none` (the user's own action) pass; `same-site`
 * fails too, because SameSite=Lax sends the cookie from sibling subdomains, which are other applications.
 * Without Sec-Fetch-Site (older browsers), an Origin must name this host. A request with neither comes
 * from no browser, so no one else's cookie rides on it. (The rule of Go's http.CrossOriginProtection.)
 */
export function checkSameOrigin(request: FastifyRequest) {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'none') return;
    throw crossSite();
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (!sameHost(origin, request.host)) throw crossSite();
}

/** True when `origin` names `host` (default ports compare equal); "null" and unreadable origins do not. */
function sameHost(origin: string, host: string): boolean {
  try {
    const from = new URL(origin);
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

function crossSite() {
  return new ForbiddenError('cross_site_request', 'Cross-site requests may not change anything');
}
