/**
 * Reading the payloads of the ThingsBoard device API against a device's profile. Pure functions: a payload in,
 * the good points (or attributes) and the bad values with their reasons out. Nothing here throws on bad input.
 *
 * What a value must be, by the key's type (strict, but taking what common firmware sends):
 * - number: a JSON number, or a string holding a plain decimal number ("23.5": firmware that formats with printf);
 * - integer: the same, and integral;
 * - boolean: true/false, 1/0 or "true"/"false"; stored as 1/0;
 * - string: a JSON string (no NUL, well-formed, at most 1024 characters; longer is out of range).
 * Anything else (null, an object, an array, a boolean for a number) is `wrong_type`; outside min/max,
 * `out_of_range`.
 */
import type { BadReason, Point } from '../ports.ts';
import type { AttributeDef, TelemetryKeyDef } from '../schema.ts';

/** One refused payload or value, with a short sample of it (what the console shows). */
export type Bad = { reason: BadReason; sample: string; key?: string };

/** What a profile says about the data of its devices. */
export type ProfileRules = { keys: TelemetryKeyDef[]; attributes: AttributeDef[]; retentionDays: number };

/** A timestamp further ahead than this is a device clock gone wrong. */
export const FUTURE_SLACK_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const MAX_TEXT = 1024;
const MAX_ATTRIBUTE_TEXT = 256;
const MAX_SAMPLE = 200;
const DECIMAL = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;
// Attribute keys a device may set: what firmware names things, nothing that could be mistaken for a path.
const ATTRIBUTE_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

/** A sample of what was refused, short and safe to store as text (no NUL). */
export function sample(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (Buffer.isBuffer(value)) text = value.toString('utf8');
  else text = JSON.stringify(value) ?? String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored in a PostgreSQL text
  text = text.replace(/\u0000/g, '\uFFFD').toWellFormed();
  return text.length > MAX_SAMPLE ? `${text.slice(0, MAX_SAMPLE - 1)}…` : text;
}

/** Decodes a payload as UTF-8 JSON; `not_json` when it is not. */
export function decodeJson(payload: string | Buffer): { ok: true; value: unknown } | { ok: false; bad: Bad } {
  try {
    const text =
      typeof payload === 'string' ? payload : new TextDecoder('utf-8', { fatal: true }).decode(payload);
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, bad: { reason: 'not_json', sample: sample(payload) } };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && DECIMAL.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('\u0000') && value.isWellFormed() ? value : undefined;
}

/** A value checked against its key's definition: what is stored, or why not. */
export function checkValue(
  def: TelemetryKeyDef,
  value: unknown,
): { num: number | null; txt: string | null } | BadReason {
  if (def.type === 'string') {
    const text = asText(value);
    if (text === undefined) return 'wrong_type';
    return text.length > MAX_TEXT ? 'out_of_range' : { num: null, txt: text };
  }
  if (def.type === 'boolean') {
    if (value === true || value === 1 || value === 'true') return { num: 1, txt: null };
    if (value === false || value === 0 || value === 'false') return { num: 0, txt: null };
    return 'wrong_type';
  }
  const n = asNumber(value);
  if (n === undefined || (def.type === 'integer' && !Number.isInteger(n))) return 'wrong_type';
  if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) return 'out_of_range';
  return { num: n, txt: null };
}

/**
 * The points of a telemetry payload: `{"key": value}`, `{"ts": ms, "values": {...}}`, or an array of these. Good
 * values become points; each bad value, each entry of a bad shape and each entry with a bad timestamp is one Bad.
 */
export function readTelemetry(
  json: unknown,
  deviceId: number,
  profile: ProfileRules,
  now: Date,
): { points: Point[]; bad: Bad[] } {
  const points: Point[] = [];
  const bad: Bad[] = [];
  const defs = new Map(profile.keys.map((k) => [k.key, k]));
  const oldest = now.getTime() - profile.retentionDays * DAY_MS;
  const latest = now.getTime() + FUTURE_SLACK_MS;

  const entry = (item: unknown) => {
    if (!isPlainObject(item)) return bad.push({ reason: 'bad_shape', sample: sample(item) });
    let values = item;
    let ts = now;
    if ('ts' in item || 'values' in item) {
      const keys = Object.keys(item);
      if (
        keys.length !== 2 ||
        typeof item.ts !== 'number' ||
        !Number.isSafeInteger(item.ts) ||
        !isPlainObject(item.values)
      )
        return bad.push({ reason: 'bad_shape', sample: sample(item) });
      if (item.ts > latest) return bad.push({ reason: 'future_ts', sample: sample(item) });
      if (item.ts < oldest) return bad.push({ reason: 'old_ts', sample: sample(item) });
      values = item.values;
      ts = new Date(item.ts);
    }
    for (const [key, value] of Object.entries(values)) {
      const def = defs.get(key);
      const checked = def ? checkValue(def, value) : 'unknown_key';
      if (typeof checked === 'string') bad.push({ reason: checked, sample: sample({ [key]: value }), key });
      else points.push({ deviceId, key, ts, ...checked });
    }
  };

  if (Array.isArray(json)) for (const item of json) entry(item);
  else entry(json);
  return { points, bad };
}

/**
 * The client attributes of a payload: a flat object. Attributes the profile defines take their type (numbers as
 * for telemetry); others (firmware version, model …) are taken when they are short text, numbers or booleans.
 */
export function readAttributes(
  json: unknown,
  defs: AttributeDef[],
): { attributes: Record<string, string | number | boolean>; bad: Bad[] } {
  const bad: Bad[] = [];
  if (!isPlainObject(json)) return { attributes: {}, bad: [{ reason: 'bad_shape', sample: sample(json) }] };
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const good: [string, string | number | boolean][] = [];
  for (const [key, value] of Object.entries(json)) {
    const refuse = (reason: BadReason) => bad.push({ reason, sample: sample({ [key]: value }), key });
    if (!ATTRIBUTE_KEY.test(key)) {
      refuse('unknown_key');
      continue;
    }
    const def = byKey.get(key);
    const type = def?.type ?? typeof value;
    if (type === 'number') {
      const n = asNumber(value);
      if (n === undefined) refuse('wrong_type');
      else good.push([key, n]);
    } else if (type === 'string') {
      const text = asText(value);
      if (text === undefined) refuse('wrong_type');
      else if (text.length > MAX_ATTRIBUTE_TEXT) refuse('out_of_range');
      else good.push([key, text]);
    } else if (type === 'boolean') good.push([key, value as boolean]);
    else refuse('wrong_type');
  }
  // fromEntries defines own properties: a key such as "__proto__" stays a key.
  return { attributes: Object.fromEntries(good), bad };
}
