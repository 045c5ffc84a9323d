/**
 * The message of a past alarm, worded as the engine words a live one (rules/kinds.ts), from the rule, the device
 * and the reading that raised it; null when that reading would not have raised the rule's alarm.
 */
import type { DeviceRef } from '../ports.ts';
import type {
  CombinationParams,
  DurationParams,
  NodataParams,
  OverweightParams,
  RateParams,
  ThresholdParams,
} from '../rules/contract.ts';
import {
  combinationMessage,
  compare,
  formatNumber,
  type KeyLabel,
  levelMessage,
  levelOf,
  nodataMessage,
  overweight,
  overweightMessage,
  rateMessage,
} from '../rules/kinds.ts';
import type { Rule } from '../rules/service.ts';

/** What a past alarm's reading is, by its rule's kind. */
export type PastReading =
  /** threshold, duration: the value; rate: the change within the rule's minutes. */
  | number
  /** combination: each condition's key and value. */
  | Record<string, number | string>
  /** overweight: the truck weighed. */
  | { plate: string; axles: number; weight: number }
  /** nodata: nothing. */
  | null;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The alarm's message and the value stored with it, or null when `reading` does not raise `rule`. */
export function pastAlarmText(
  rule: Pick<Rule, 'name' | 'kind' | 'params'>,
  device: Pick<DeviceRef, 'code' | 'attributes'>,
  label: (key: string) => KeyLabel,
  reading: unknown,
  offlineMinutes: number,
): { message: string; value: unknown } | null {
  const attrs = device.attributes ?? {};
  switch (rule.kind) {
    case 'threshold':
    case 'duration': {
      const p = rule.params as ThresholdParams | DurationParams;
      const level = levelOf(p.value, attrs);
      if (typeof reading !== 'number' || level === undefined || !compare(p.op, reading, level)) return null;
      const minutes = rule.kind === 'duration' ? (p as DurationParams).minutes : undefined;
      return {
        message: levelMessage(rule.name, device.code, label(p.key), p.op, reading, level, minutes),
        value: reading,
      };
    }
    case 'rate': {
      const p = rule.params as RateParams;
      if (typeof reading !== 'number' || Math.abs(reading) <= p.delta) return null;
      return { message: rateMessage(rule.name, device.code, label(p.key), p, reading), value: reading };
    }
    case 'combination': {
      const p = rule.params as CombinationParams;
      if (!isRecord(reading)) return null;
      const parts = [];
      for (const c of p.all) {
        const v = reading[c.key];
        if (typeof c.value === 'string') {
          if (String(v) !== c.value) return null;
          parts.push({ key: label(c.key), op: c.op, value: String(v), level: c.value });
          continue;
        }
        const level = levelOf(c.value, attrs);
        if (typeof v !== 'number' || level === undefined || !compare(c.op, v, level)) return null;
        parts.push({ key: label(c.key), op: c.op, value: formatNumber(v), level: formatNumber(level) });
      }
      return { message: combinationMessage(rule.name, device.code, parts), value: reading };
    }
    case 'overweight': {
      const p = rule.params as OverweightParams;
      if (!isRecord(reading)) return null;
      const w = {
        plate: String(reading.plate ?? ''),
        axles: Number(reading.axles),
        weight: Number(reading.weight),
      };
      const over = w.plate ? overweight(p, w) : null;
      if (!over) return null;
      return { message: overweightMessage(rule.name, device.code, w, over), value: { ...w, ...over } };
    }
    case 'nodata': {
      const minutes = (rule.params as NodataParams).minutes ?? offlineMinutes;
      return { message: nodataMessage(rule.name, device.code, minutes), value: null };
    }
    default:
      return null;
  }
}
