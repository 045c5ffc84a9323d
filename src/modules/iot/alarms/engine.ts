/**
 * The alarm engine: applies the rules to a committed batch of points. Set-based: whatever the batch's size, it reads
 * what the rules need (active alarms, duration states, earlier readings, latest values) in a few queries, decides in
 * memory with the pure functions of rules/kinds.ts, and writes the outcome in one transaction of a few statements.
 * State lives in the database, so several processes may evaluate points of one device.
 */
import type { Database } from '../../../core/db.ts';
import type { DeviceRef, Point, StoredBatch } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';
import type {
  CombinationParams,
  DurationParams,
  OverweightParams,
  RateParams,
  ThresholdParams,
} from '../rules/contract.ts';
import {
  combinationHolds,
  combinationMessage,
  durationVerdict,
  formatNumber,
  type KeyLabel,
  type LatestValue,
  levelMessage,
  levelOf,
  overweight,
  overweightMessage,
  rateMessage,
  rateVerdict,
  type Sample,
  thresholdVerdict,
} from '../rules/kinds.ts';
import type { Rule, RuleService } from '../rules/service.ts';
import * as repo from './repository.ts';

type Raise = { type: 'raise'; at: Date; value: unknown; message: string };
type Clear = { type: 'clear'; at: Date };
type Outcome = Raise | Clear;

/** What one evaluation changed: every alarm touched, and the ones cleared. */
export type Evaluated = { written: repo.Written[] };

const keyOf = (deviceId: number, ruleId: number, subject: string) =>
  `${deviceId}\u0001${ruleId}\u0001${subject}`;

/** Whether a rule has anything to say about a batch with these keys of a device. */
function concerns(rule: Rule, keys: Set<string>): boolean {
  const p = rule.params as Record<string, any>;
  switch (rule.kind) {
    case 'threshold':
    case 'duration':
    case 'rate':
      return keys.has(p.key);
    case 'combination':
      return (p.all as { key: string }[]).some((c) => keys.has(c.key));
    case 'overweight':
      return keys.has(p.weightKey);
    default:
      // No data: any data clears it.
      return true;
  }
}

/** Creates the engine. */
export function createAlarmEngine(deps: {
  database: Database;
  rules: RuleService;
  profiles: ProfileService;
}) {
  const { database, rules, profiles } = deps;
  const db = database.db;

  /** How the profile names and measures a key. */
  async function labels(profileCode: string): Promise<(key: string) => KeyLabel> {
    const profile = await profiles.find(profileCode);
    const byKey = new Map((profile?.keys ?? []).map((k) => [k.key, { name: k.name, unit: k.unit ?? '' }]));
    return (key) => byKey.get(key) ?? { name: key, unit: '' };
  }

  return {
    /** Applies the rules to a committed batch; returns the alarms written. */
    async evaluate(batch: StoredBatch): Promise<Evaluated> {
      const byDevice = new Map<number, Point[]>();
      for (const p of batch.points) {
        const list = byDevice.get(p.deviceId);
        if (list) list.push(p);
        else byDevice.set(p.deviceId, [p]);
      }
      type Work = { device: DeviceRef; points: Point[]; rules: Rule[] };
      const work: Work[] = [];
      for (const [deviceId, points] of byDevice) {
        const device = batch.devices.get(deviceId);
        if (!device) continue;
        const keys = new Set(points.map((p) => p.key));
        const relevant = (await rules.rulesFor(device)).filter((r) => concerns(r, keys));
        if (relevant.length) {
          points.sort((a, b) => a.ts.getTime() - b.ts.getTime());
          work.push({ device, points, rules: relevant });
        }
      }
      if (!work.length) return { written: [] };

      // What the rules need to know, read once for the whole batch.
      const ids = work.map((w) => w.device.id);
      const all = work.flatMap((w) => w.rules);
      const rateRules = all.filter((r) => r.kind === 'rate');
      const minTs = Math.min(...work.map((w) => w.points[0]!.ts.getTime()));
      const maxTs = Math.max(...work.map((w) => w.points.at(-1)!.ts.getTime()));
      const window = Math.max(0, ...rateRules.map((r) => (r.params as RateParams).minutes)) * 60_000;
      const [active, states, history, latestRows] = await Promise.all([
        repo.activeAlarms(db, ids),
        all.some((r) => r.kind === 'duration') ? repo.ruleStatesOf(db, ids) : [],
        rateRules.length
          ? repo.readingsBetween(
              db,
              ids,
              [...new Set(rateRules.map((r) => (r.params as RateParams).key))],
              new Date(minTs - window),
              new Date(maxTs),
            )
          : [],
        all.some((r) => r.kind === 'combination') ? repo.latestOf(db, ids) : [],
      ]);
      const isActive = new Set(active.map((a) => keyOf(a.deviceId, a.ruleId, a.subject)));
      const activeAtStart = new Set(isActive);
      const sinceOf = new Map(states.map((s) => [`${s.deviceId}:${s.ruleId}`, s.since]));
      const samples = new Map<string, Sample[]>();
      for (const h of history) {
        const k = `${h.deviceId}:${h.key}`;
        samples.set(k, [...(samples.get(k) ?? []), { ts: h.ts, num: h.num! }]);
      }
      const latestByDevice = new Map<number, Map<string, LatestValue & { ts: Date }>>();
      for (const l of latestRows) {
        const m = latestByDevice.get(l.deviceId) ?? new Map();
        m.set(l.key, l);
        latestByDevice.set(l.deviceId, m);
      }

      // Outcomes per alarm key, in time order.
      const outcomes = new Map<string, { key: repo.AlarmKey; rule: Rule; list: Outcome[] }>();
      const stateStarts: { deviceId: number; ruleId: number; since: Date }[] = [];
      const stateEnds: { deviceId: number; ruleId: number; at: Date }[] = [];
      const emit = (device: DeviceRef, rule: Rule, subject: string, o: Outcome) => {
        const k = keyOf(device.id, rule.id, subject);
        if (o.type === 'clear' && !isActive.has(k)) return;
        if (o.type === 'raise') isActive.add(k);
        else isActive.delete(k);
        const entry = outcomes.get(k) ?? {
          key: { deviceId: device.id, ruleId: rule.id, subject },
          rule,
          list: [],
        };
        entry.list.push(o);
        outcomes.set(k, entry);
      };

      for (const { device, points, rules: deviceRules } of work) {
        const label = await labels(device.profileCode);
        const attrs = device.attributes ?? {};
        const numbers = (key: string) => points.filter((p) => p.key === key && p.num !== null);
        const lastAt = points.at(-1)!.ts;
        for (const rule of deviceRules) {
          const active = (subject = '') => isActive.has(keyOf(device.id, rule.id, subject));
          switch (rule.kind) {
            case 'threshold': {
              const p = rule.params as ThresholdParams;
              const level = levelOf(p.value, attrs);
              if (level === undefined) break;
              for (const pt of numbers(p.key)) {
                const v = thresholdVerdict(p, pt.num!, level, active());
                if (v === 'raise')
                  emit(device, rule, '', {
                    type: 'raise',
                    at: pt.ts,
                    value: pt.num,
                    message: levelMessage(rule.name, device.code, label(p.key), p.op, pt.num!, level),
                  });
                else if (v === 'clear') emit(device, rule, '', { type: 'clear', at: pt.ts });
              }
              break;
            }
            case 'duration': {
              const p = rule.params as DurationParams;
              const level = levelOf(p.value, attrs);
              if (level === undefined) break;
              const initial = sinceOf.get(`${device.id}:${rule.id}`) ?? null;
              let since = initial;
              let endedAt: Date | null = null;
              for (const pt of numbers(p.key)) {
                const d = durationVerdict(p, pt.num!, level, pt.ts, since);
                if (since && !d.since) endedAt = pt.ts;
                since = d.since;
                if (d.verdict === 'raise')
                  emit(device, rule, '', {
                    type: 'raise',
                    at: pt.ts,
                    value: pt.num,
                    message: levelMessage(
                      rule.name,
                      device.code,
                      label(p.key),
                      p.op,
                      pt.num!,
                      level,
                      p.minutes,
                    ),
                  });
                else if (d.verdict === 'clear') emit(device, rule, '', { type: 'clear', at: pt.ts });
              }
              if (endedAt) stateEnds.push({ deviceId: device.id, ruleId: rule.id, at: endedAt });
              if (since && (!initial || endedAt || since < initial))
                stateStarts.push({ deviceId: device.id, ruleId: rule.id, since });
              break;
            }
            case 'rate': {
              const p = rule.params as RateParams;
              const mine = numbers(p.key);
              const earlier = [
                ...(samples.get(`${device.id}:${p.key}`) ?? []),
                ...mine.map((pt) => ({ ts: pt.ts, num: pt.num! })),
              ];
              for (const pt of mine) {
                const r = rateVerdict(p, { ts: pt.ts, num: pt.num! }, earlier);
                if (r.verdict === 'raise')
                  emit(device, rule, '', {
                    type: 'raise',
                    at: pt.ts,
                    value: pt.num,
                    message: rateMessage(rule.name, device.code, label(p.key), p, r.change),
                  });
                else emit(device, rule, '', { type: 'clear', at: pt.ts });
              }
              break;
            }
            case 'combination': {
              const p = rule.params as CombinationParams;
              // The device's latest values, with this batch's where they are newer than what iot.latest holds.
              const values = new Map<string, LatestValue & { ts: Date }>(latestByDevice.get(device.id) ?? []);
              for (const pt of points) {
                const had = values.get(pt.key);
                if (!had || had.ts <= pt.ts) values.set(pt.key, pt);
              }
              const holds = combinationHolds(p, values, attrs);
              if (holds === undefined) break;
              if (!holds) {
                emit(device, rule, '', { type: 'clear', at: lastAt });
                break;
              }
              const shown = (k: string) => {
                const v = values.get(k)!;
                return v.num !== null ? formatNumber(v.num) : (v.txt ?? '');
              };
              emit(device, rule, '', {
                type: 'raise',
                at: lastAt,
                value: Object.fromEntries(
                  p.all.map((c) => [c.key, values.get(c.key)!.num ?? values.get(c.key)!.txt]),
                ),
                message: combinationMessage(
                  rule.name,
                  device.code,
                  p.all.map((c) => ({
                    key: label(c.key),
                    op: c.op,
                    value: shown(c.key),
                    level:
                      typeof c.value === 'string'
                        ? c.value
                        : formatNumber(levelOf(c.value, attrs) ?? Number.NaN),
                  })),
                ),
              });
              break;
            }
            case 'overweight': {
              const p = rule.params as OverweightParams;
              // One weighing is the plate, axles and weight sent with one timestamp.
              const byTs = new Map<number, Map<string, Point>>();
              for (const pt of points) {
                const m = byTs.get(pt.ts.getTime()) ?? new Map<string, Point>();
                m.set(pt.key, pt);
                byTs.set(pt.ts.getTime(), m);
              }
              for (const m of byTs.values()) {
                const plate = m.get(p.plateKey);
                const axles = m.get(p.axlesKey)?.num;
                const weight = m.get(p.weightKey)?.num;
                const plateText = plate?.txt ?? (plate?.num != null ? String(plate.num) : '');
                if (!plateText || axles == null || weight == null) continue;
                const w = { plate: plateText, axles, weight };
                const over = overweight(p, w);
                if (!over) continue;
                emit(device, rule, plateText, {
                  type: 'raise',
                  at: plate!.ts,
                  value: { ...w, ...over },
                  message: overweightMessage(rule.name, device.code, w, over),
                });
              }
              break;
            }
            case 'nodata':
              // Data arrived: the device speaks again.
              if (active()) emit(device, rule, '', { type: 'clear', at: points[0]!.ts });
              break;
          }
        }
      }

      // Each key's outcomes as writes: repeats of the alarm active before the batch, its clearing, new alarms.
      const continued: repo.AlarmWrite[] = [];
      const clears: (repo.AlarmKey & { at: Date })[] = [];
      const fresh: repo.AlarmWrite[] = [];
      for (const [k, { key, rule, list }] of outcomes) {
        let open: 'existing' | 'fresh' | null = activeAtStart.has(k) ? 'existing' : null;
        let current: repo.AlarmWrite | null = null;
        for (const o of list) {
          if (o.type === 'raise') {
            if (current && open) {
              current.count += 1;
              current.lastAt = o.at;
              current.lastValue = o.value;
              current.message = o.message;
              continue;
            }
            current = {
              ...key,
              severity: rule.severity,
              message: o.message,
              startedAt: o.at,
              lastAt: o.at,
              count: 1,
              firstValue: o.value,
              lastValue: o.value,
              clearedAt: null,
            };
            if (open === 'existing') continued.push(current);
            else {
              fresh.push(current);
              open = 'fresh';
            }
          } else {
            if (open === 'existing') clears.push({ ...key, at: o.at });
            else if (current) current.clearedAt = o.at;
            open = null;
            current = null;
          }
        }
      }
      const writes = await db.transaction(async (tx) => {
        const a = await repo.upsertAlarms(tx, continued);
        const b = await repo.clearActive(tx, clears);
        const c = await repo.upsertAlarms(tx, fresh);
        await repo.endStates(tx, stateEnds);
        await repo.startStates(tx, stateStarts);
        return [...a, ...b, ...c];
      });
      return { written: writes };
    },
  };
}
