/**
 * What each rule kind decides, as pure functions of values (no database, no clock): the alarm engine feeds them the
 * points of a batch in time order with what it remembers (whether an alarm is active, since when a condition has
 * held, earlier readings) and writes what they decide.
 */
import type {
  CombinationParams,
  DurationParams,
  Level,
  OverweightParams,
  RateParams,
  ThresholdParams,
} from './contract.ts';

export type Op = '>' | '<' | '>=' | '<=' | '=';

/** Whether `a op b`. */
export function compare(op: Op, a: number, b: number): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    case '=':
      return a === b;
  }
}

/** The number a level stands for on this device: itself, or the device's attribute (undefined when not set). */
export function levelOf(level: Level, attributes: Record<string, unknown>): number | undefined {
  if (typeof level === 'number') return level;
  const raw = attributes[level.attr];
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** A rule's verdict on one reading: raise (or repeat) the alarm, clear it, or leave things as they are. */
export type Verdict = 'raise' | 'clear' | 'hold';

/**
 * Threshold with hysteresis: raise while `value op level`; an active alarm clears only once the value is back past
 * the level by `hysteresis` (so a value hovering at the level does not raise and clear over and over).
 */
export function thresholdVerdict(p: ThresholdParams, value: number, level: number, active: boolean): Verdict {
  if (compare(p.op, value, level)) return 'raise';
  if (!active) return 'hold';
  const h = p.hysteresis ?? 0;
  const above = p.op === '>' || p.op === '>=';
  const back = above ? value <= level - h : value >= level + h;
  return back ? 'clear' : 'hold';
}

/**
 * Duration ("above X for N minutes"): `since` is when the condition began to hold (null: it does not). Raises once
 * it has held for the rule's minutes at this reading's time; clears when it stops holding.
 */
export function durationVerdict(
  p: DurationParams,
  value: number,
  level: number,
  at: Date,
  since: Date | null,
): { verdict: Verdict; since: Date | null } {
  if (!compare(p.op, value, level)) return { verdict: 'clear', since: null };
  const from = since && since <= at ? since : at;
  const held = at.getTime() - from.getTime() >= p.minutes * 60_000;
  return { verdict: held ? 'raise' : 'hold', since: from };
}

/** A reading of one key: time and number. */
export type Sample = { ts: Date; num: number };

/**
 * Rate of change: the largest change between this reading and any earlier one within the rule's minutes. Raises
 * when it is more than `delta` (either way); clears otherwise. `earlier` may include readings outside the window.
 */
export function rateVerdict(
  p: RateParams,
  reading: Sample,
  earlier: readonly Sample[],
): { verdict: Verdict; change: number } {
  const from = reading.ts.getTime() - p.minutes * 60_000;
  let change = 0;
  for (const s of earlier) {
    const t = s.ts.getTime();
    if (t < from || t > reading.ts.getTime()) continue;
    const d = reading.num - s.num;
    if (Math.abs(d) > Math.abs(change)) change = d;
  }
  return { verdict: Math.abs(change) > p.delta ? 'raise' : 'clear', change };
}

/** A key's latest value as the combination rule sees it. */
export type LatestValue = { num: number | null; txt: string | null };

/**
 * Combination: every condition holds on the device's latest values. Undefined when a key has no value yet or a
 * level attribute is missing (the rule cannot judge the device).
 */
export function combinationHolds(
  p: CombinationParams,
  latest: ReadonlyMap<string, LatestValue>,
  attributes: Record<string, unknown>,
): boolean | undefined {
  let all = true;
  for (const c of p.all) {
    const v = latest.get(c.key);
    if (!v) return undefined;
    if (typeof c.value === 'string') {
      if (c.op !== '=') return undefined;
      all &&= (v.txt ?? (v.num === null ? null : String(v.num))) === c.value;
      continue;
    }
    const level = levelOf(c.value, attributes);
    if (level === undefined || v.num === null) return undefined;
    all &&= compare(c.op, v.num, level);
  }
  return all;
}

/** The gross weight limit of a vehicle by axle count (GB 1589-2016), in tonnes. */
export function weightLimit(axles: number): number | undefined {
  if (!Number.isFinite(axles) || axles < 2) return undefined;
  if (axles >= 6) return 49;
  return ({ 2: 18, 3: 25, 4: 31, 5: 43 } as Record<number, number>)[Math.floor(axles)];
}

/** One truck weighed: plate, axle count, gross weight (t). */
export type Weighing = { plate: string; axles: number; weight: number };

/**
 * Overweight: over the limit for its axles by more than the weighing tolerance. Returns the limit and how far over
 * it the truck is (percent of the limit), or null when it is within it.
 */
export function overweight(p: OverweightParams, w: Weighing): { limit: number; overPercent: number } | null {
  const limit = weightLimit(w.axles);
  if (limit === undefined) return null;
  if (w.weight <= limit * (1 + p.tolerancePercent / 100)) return null;
  return { limit, overPercent: Math.round(((w.weight - limit) / limit) * 1000) / 10 };
}

/** A number as people read it: at most two decimals, no trailing zeros. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** How a key is named and measured in messages. */
export type KeyLabel = { name: string; unit: string };

const withUnit = (n: number, unit: string) => `${formatNumber(n)}${unit}`;

/** The alarm message of a threshold or duration rule, e.g. "井盖倾斜：MH-0001 倾角 23.5° > 15°". */
export function levelMessage(
  rule: string,
  device: string,
  key: KeyLabel,
  op: string,
  value: number,
  level: number,
  minutes?: number,
): string {
  const lasting = minutes ? ` 持续 ${formatNumber(minutes)} 分钟` : '';
  return `${rule}：${device} ${key.name} ${withUnit(value, key.unit)} ${op} ${withUnit(level, key.unit)}${lasting}`;
}

/** The alarm message of a rate rule, e.g. "水位陡涨：WL-01 水位 60 分钟内上涨 0.6m（阈值 0.5m）". */
export function rateMessage(rule: string, device: string, key: KeyLabel, p: RateParams, change: number) {
  const way = change >= 0 ? '上涨' : '下降';
  return `${rule}：${device} ${key.name} ${formatNumber(p.minutes)} 分钟内${way} ${withUnit(Math.abs(change), key.unit)}（阈值 ${withUnit(p.delta, key.unit)}）`;
}

/** The alarm message of a combination rule, naming each condition's value. */
export function combinationMessage(
  rule: string,
  device: string,
  parts: { key: KeyLabel; op: string; value: string; level: string }[],
): string {
  return `${rule}：${device} ${parts.map((c) => `${c.key.name} ${c.value}${c.key.unit} ${c.op} ${c.level}${c.key.unit}`).join('，')}`;
}

/** The alarm message of a no-data rule. */
export function nodataMessage(rule: string, device: string, minutes: number): string {
  return `${rule}：${device} 超过 ${formatNumber(minutes)} 分钟无数据`;
}

/** The alarm message of an overweight truck, e.g. "车辆超限：WIM-01 湘A12345 6 轴 总重 55t，限值 49t，超限 12.2%". */
export function overweightMessage(
  rule: string,
  device: string,
  w: Weighing,
  o: { limit: number; overPercent: number },
): string {
  return `${rule}：${device} ${w.plate} ${formatNumber(w.axles)} 轴 总重 ${formatNumber(w.weight)}t，限值 ${o.limit}t，超限 ${formatNumber(o.overPercent)}%`;
}
