/**
 * The demo devices' readings over the history's month: the simulator's own values (simulate/generators.ts) at each
 * device's reporting times, calmed where they would raise an alarm the history does not hold (the simulator's rare
 * episodes come a few an hour district-wide; the month keeps a few a day), with the alarm episodes of the plan
 * (history-alarms.ts) laid over them, and nothing while a device was silent.
 */
import { generators } from '../modules/iot/index.ts';
import { DAY, type HistoryScale, type HistoryWindow } from './history-window.ts';

/** A device as the history needs it. */
export type HistoryDevice = {
  id: number;
  code: string;
  name: string;
  profileCode: string;
  attributes: Record<string, unknown>;
};

/** One payload's values. */
export type Values = Record<string, number | string | boolean>;

/** A rule of a profile, as the history reads it (the seeded rules, or as the center edited them). */
export type HistoryRule = {
  id: number;
  name: string;
  kind: string;
  params: Record<string, unknown>;
  severity: string;
  caseCategory: string | null;
};

/**
 * What an alarm episode does to a device's readings over [from, to): values laid over its calm values, and readings
 * added at the moments `at` (when the condition began, the alarm was raised, the device was back to normal).
 */
export type Episode = {
  deviceId: number;
  from: number;
  to: number;
  values: (t: number, calm: Values) => Values;
  at: number[];
};

/** A time a device sent nothing: [from, to). */
export type Silence = { deviceId: number; from: number; to: number };

const MINUTE = 60_000;

/** A small per-device offset, so that the district's devices do not all report on the same second. */
function offsetOf(code: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % 240) * 1000;
}

/**
 * The times a device reports at in the window: every `readingMinutes` (a quarter of it for water-level stations),
 * every `recentReadingMinutes` in the last day; each step on its own grid of whole multiples.
 */
export function readingGrid(device: HistoryDevice, window: HistoryWindow, scale: HistoryScale): number[] {
  const quarter = device.profileCode === 'water_level' ? 4 : 1;
  const older = (scale.readingMinutes * MINUTE) / quarter;
  const recent = (scale.recentReadingMinutes * MINUTE) / quarter;
  const end = window.now.getTime();
  const recentFrom = end - DAY;
  const offset = offsetOf(device.code);
  const onGrid = (t: number, step: number) => Math.ceil((t - offset) / step) * step + offset;
  const times: number[] = [];
  for (let t = onGrid(window.start.getTime(), older); t < recentFrom; t += older) times.push(t);
  for (let t = onGrid(recentFrom, recent); t <= end; t += recent) times.push(t);
  return times;
}

/** The level a threshold or duration rule compares with on a device (its attribute, for a station's levels). */
export function levelFor(rule: HistoryRule, device: HistoryDevice): number | undefined {
  const value = rule.params.value as number | { attr: string } | undefined;
  if (typeof value === 'number') return value;
  const raw = value ? Number(device.attributes[value.attr]) : Number.NaN;
  return Number.isFinite(raw) ? raw : undefined;
}

/** Whether `value op level`, with a margin the value must keep from the level to count as calm. */
function beyond(op: string, value: number, level: number, margin: number): boolean {
  return op === '>' || op === '>=' ? value > level - margin : value < level + margin;
}

/**
 * The calming of readings: a key whose value would raise a threshold, duration or overweight rule of the device's
 * profile takes the value it had at the same time of another day (or its level's safe side, when none is calm).
 * Battery levels and lamps are left as they are: the month's alarms of those are read from them (history-alarms.ts).
 */
export function createCalmer(rulesOf: (profileCode: string) => HistoryRule[]) {
  const limits = new Map<string, HistoryRule[]>();
  const limitsOf = (profileCode: string) => {
    let list = limits.get(profileCode);
    if (!list) {
      list = rulesOf(profileCode).filter(
        (r) =>
          ((r.kind === 'threshold' || r.kind === 'duration') && r.params.key !== 'battery') ||
          r.kind === 'overweight',
      );
      limits.set(profileCode, list);
    }
    return list;
  };

  /** The keys of `values` that would raise a rule. */
  function raising(device: HistoryDevice, values: Values): Set<string> {
    const keys = new Set<string>();
    for (const rule of limitsOf(device.profileCode)) {
      if (rule.kind === 'overweight') {
        const weight = Number(values[rule.params.weightKey as string]);
        const axles = Number(values[rule.params.axlesKey as string]);
        const limit = weightLimit(axles);
        if (limit !== undefined && weight > limit) keys.add(rule.params.weightKey as string);
        continue;
      }
      const key = rule.params.key as string;
      const level = levelFor(rule, device);
      const value = values[key];
      if (typeof value !== 'number' || level === undefined) continue;
      if (beyond(rule.params.op as string, value, level, Number(rule.params.hysteresis ?? 0))) keys.add(key);
    }
    return keys;
  }

  return {
    raising,
    /** The device's calm values at `t`. */
    valuesAt(device: HistoryDevice, t: number): Values {
      const generate = generators[device.profileCode];
      if (!generate) return {};
      const sim = { code: device.code, attributes: device.attributes };
      const values = generate(sim, t);
      // A station's level is the middle of five days' at this time of day: the simulator's flood waves (a rare
      // day's) fall out whole, rising flanks included, which no other rule would catch (a steep rise).
      if (device.profileCode === 'water_level') {
        const levels = [-2, -1, 1, 2].map((k) => Number(generate(sim, t + k * DAY).level));
        values.level = [...levels, Number(values.level)].sort((a, b) => a - b)[2]!;
      }
      let loud = raising(device, values);
      // The same moment of other days, and a second later (another truck), until the values are calm.
      for (const shift of [DAY, -DAY, 2 * DAY, -2 * DAY, 3 * DAY, 1000, 2000, 3000]) {
        if (!loud.size) break;
        const other = generate(sim, t + shift);
        if (device.profileCode === 'wim') {
          if (!raising(device, other).size) return other;
          continue;
        }
        for (const key of loud) values[key] = other[key]!;
        loud = raising(device, values);
      }
      return values;
    },
  };
}

/** GB 1589 gross weight limits (t) by axle count, as the overweight rule reads them (6 axles and more: 49 t). */
export function weightLimit(axles: number): number | undefined {
  if (!Number.isFinite(axles) || axles < 2) return undefined;
  return axles >= 6 ? 49 : ({ 2: 18, 3: 25, 4: 31, 5: 43 } as Record<number, number>)[Math.floor(axles)];
}

/** A past reading, as the iot history import takes it. */
export type Reading = { deviceId: number; ts: Date; values: Values };

/**
 * The devices' readings in batches of about `size`: each device's grid and its episodes' moments, up to now,
 * silences left out, episodes laid over the calm values.
 */
export function* readingBatches(args: {
  devices: HistoryDevice[];
  window: HistoryWindow;
  scale: HistoryScale;
  calmer: ReturnType<typeof createCalmer>;
  episodes: Episode[];
  silences: Silence[];
  size?: number;
}): Generator<Reading[]> {
  const size = args.size ?? 5000;
  const end = args.window.now.getTime();
  const episodes = Map.groupBy(args.episodes, (e) => e.deviceId);
  const silences = Map.groupBy(args.silences, (s) => s.deviceId);
  let batch: Reading[] = [];
  for (const device of args.devices) {
    if (!generators[device.profileCode]) continue;
    const own = episodes.get(device.id) ?? [];
    const quiet = silences.get(device.id) ?? [];
    const times = [...new Set([...readingGrid(device, args.window, args.scale), ...own.flatMap((e) => e.at)])]
      .filter((t) => t <= end && !quiet.some((s) => t >= s.from && t < s.to))
      .sort((a, b) => a - b);
    for (const t of times) {
      const values = args.calmer.valuesAt(device, t);
      for (const e of own) if (t >= e.from && t < e.to) Object.assign(values, e.values(t, values));
      batch.push({ deviceId: device.id, ts: new Date(t), values });
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}
