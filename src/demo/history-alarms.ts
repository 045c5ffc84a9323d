/**
 * The month's alarms of the demo district, a few a day: covers knocked askew, water under covers in a shower, dusty
 * and noisy sites, hazy streets, overloaded trucks, a river over its warning level now and then, devices gone
 * silent for a while; and those the simulator's own values hold (a cover's battery running low, a lamp that stays
 * dark for a night). Each comes with what it does to the device's readings, so readings and alarms tell one story,
 * and, where its rule opens a case, with how the department handled the case. Pure: the same seed, devices, rules
 * and window give the same plan.
 */
import type { PastAlarm, PastCaseHandling } from '../modules/iot/index.ts';
import { generators, grossLimits } from '../modules/iot/index.ts';
import {
  type createCalmer,
  type Episode,
  type HistoryDevice,
  type HistoryRule,
  levelFor,
  readingGrid,
  type Silence,
  type Values,
} from './history-readings.ts';
import { chinaMidnight, type HistoryScale, type HistoryWindow, HOUR } from './history-window.ts';
import { createRandom, type Random } from './random.ts';

const MINUTE = 60_000;

/** The alarms of the month, and what they do to the readings. */
export type AlarmPlan = { alarms: PastAlarm[]; episodes: Episode[]; silences: Silence[] };

/** How long a department takes over each step of a case (minutes, from the step before), by category. */
const handlingMinutes: Record<
  string,
  { accept: [number, number]; reply: [number, number]; close: [number, number] }
> = {
  'city.manhole': { accept: [5, 25], reply: [40, 200], close: [10, 60] },
  'water.flood': { accept: [5, 20], reply: [40, 180], close: [10, 60] },
  'construction.site': { accept: [20, 120], reply: [120, 1200], close: [30, 240] },
  'transport.overload': { accept: [30, 180], reply: [240, 1300], close: [30, 180] },
  'city.streetlight': { accept: [60, 600], reply: [600, 2400], close: [60, 600] },
};
const otherHandling = { accept: [30, 120], reply: [120, 1200], close: [30, 240] } as const;

/** What departments reply on the cases of alarms, by category. */
const replies: Record<string, string[]> = {
  'city.manhole': [
    '已派维修人员到场复位井盖并加装防坠网，现场恢复正常。',
    '井盖受车辆碾压移位，已复位并更换破损井座。',
    '现场核实为施工车辆碰撞所致，已复位井盖并设置警示标志。',
  ],
  'water.flood': ['已组织排水作业，疏通雨水口，井下积水已排除。', '管网排水不畅，已安排清淤，积水已消退。'],
  'construction.site': [
    '已责令工地开启雾炮和喷淋、覆盖裸土，扬尘已得到控制。',
    '检查发现渣土车未冲洗上路，已责令整改并约谈项目负责人。',
  ],
  'transport.overload': [
    '已通知路政执法人员拦截超限车辆，依法卸载并处罚。',
    '超限车辆已查处，驾驶人及运输企业已依法处理。',
  ],
  'city.streetlight': [
    '灯具光源损坏，已更换 LED 光源，恢复照明。',
    '供电线路接触不良，已检修，路灯恢复正常。',
  ],
};

type Planned = { alarm: PastAlarm; episode?: Episode; silence?: Silence; category: string | null };

/** What planning needs: the window, the devices by profile, their rules, calm values, and each device's grid. */
type Context = {
  seed: number;
  window: HistoryWindow;
  scale: HistoryScale;
  byProfile: Map<string, HistoryDevice[]>;
  rulesOf: (profileCode: string) => HistoryRule[];
  calmer: ReturnType<typeof createCalmer>;
  offlineMinutes: (profileCode: string) => number;
};

/** A number in [lo, hi]. */
const between = (random: Random, [lo, hi]: readonly [number, number]) => lo + random.next() * (hi - lo);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** How the case of an alarm started at `at` went: each step a while after the one before, those after `now` not taken. */
export function handlingOf(random: Random, category: string, at: number, now: number): PastCaseHandling {
  const m = handlingMinutes[category] ?? otherHandling;
  const accepted = at + between(random, m.accept) * MINUTE;
  const replied = accepted + between(random, m.reply) * MINUTE;
  const closed = replied + between(random, m.close) * MINUTE;
  const reply = random.pick(replies[category] ?? ['已处理完毕。']);
  if (closed <= now)
    return {
      status: 'closed',
      acceptedAt: new Date(accepted),
      repliedAt: new Date(replied),
      closedAt: new Date(closed),
      reply,
    };
  if (replied <= now)
    return { status: 'replied', acceptedAt: new Date(accepted), repliedAt: new Date(replied), reply };
  if (accepted <= now) return { status: 'in_progress', acceptedAt: new Date(accepted) };
  return { status: 'dispatched' };
}

/** The moments of a device's readings in [from, to). */
function gridIn(ctx: Context, device: HistoryDevice, from: number, to: number): number[] {
  return readingGrid(device, ctx.window, ctx.scale).filter((t) => t >= from && t < to);
}

/** Rules of a profile by kind and key. */
function ruleOf(ctx: Context, profile: string, kind: string, key?: string): HistoryRule | undefined {
  return ctx.rulesOf(profile).find((r) => r.kind === kind && (key === undefined || r.params.key === key));
}

/**
 * An episode of a value beyond a threshold or duration rule's level: the condition holds from `start` for
 * `minutes`; the alarm is raised at once (threshold) or once it has held for the rule's minutes (duration), and
 * clears at the first reading after. Null when the episode would not be over `level` by then (it is later than now).
 */
function levelEpisode(
  ctx: Context,
  device: HistoryDevice,
  rule: HistoryRule,
  start: number,
  minutes: number,
  peak: number,
): Planned | null {
  const level = levelFor(rule, device);
  if (level === undefined) return null;
  const key = rule.params.key as string;
  const held = rule.kind === 'duration' ? Number(rule.params.minutes) * MINUTE : 0;
  const end = start + minutes * MINUTE;
  const raisedAt = start + held;
  if (raisedAt > ctx.window.now.getTime() || held >= end - start) return null;
  // Over the level all along the episode, highest in its middle.
  const value = (t: number) =>
    round(level + (peak - level) * (0.6 + 0.4 * Math.sin((Math.PI * (t - start)) / (end - start))));
  const raising = [raisedAt, ...gridIn(ctx, device, raisedAt + 1, end)].filter(
    (t) => t <= ctx.window.now.getTime(),
  );
  const last = raising.at(-1)!;
  return {
    category: rule.caseCategory,
    alarm: {
      deviceCode: device.code,
      ruleId: rule.id,
      startedAt: new Date(raisedAt),
      lastAt: new Date(last),
      count: raising.length,
      reading: value(raisedAt),
      lastReading: value(last),
      clearedAt: end <= ctx.window.now.getTime() ? new Date(end) : null,
    },
    episode: {
      deviceId: device.id,
      from: start,
      to: end,
      values: (t) => ({ [key]: value(t) }),
      at: [start, raisedAt, end],
    },
  };
}

/** A truck over its limit weighed at `at`: the one the station weighs then, heavier. */
function overload(device: HistoryDevice, rule: HistoryRule, at: number, random: Random): Planned {
  const truck = generators.wim!({ code: device.code, attributes: device.attributes }, at);
  const axles = Number(truck.axles);
  const limit = grossLimits[axles] ?? 49;
  const weight = round(limit * (1.08 + random.next() * 0.4), 2);
  const weightKey = rule.params.weightKey as string;
  const reading = { plate: String(truck.plate), axles, weight };
  return {
    category: rule.caseCategory,
    alarm: {
      deviceCode: device.code,
      ruleId: rule.id,
      subject: reading.plate,
      startedAt: new Date(at),
      reading,
      // Cleared by hand once its case is closed (see settle).
      clearedAt: null,
    },
    episode: { deviceId: device.id, from: at, to: at + 1, values: () => ({ [weightKey]: weight }), at: [at] },
  };
}

/**
 * A flood wave on a station's river: the level rises over half a day or more to a crest above the warning level
 * and falls again (slowly enough not to count as a steep rise), with no heavy rain while it is high.
 */
function floodWave(ctx: Context, device: HistoryDevice, rule: HistoryRule, crestAt: number, random: Random) {
  const warning = levelFor(rule, device);
  if (warning === undefined) return null;
  const half = between(random, [10, 16]) * HOUR;
  const crest = warning + between(random, [0.05, 0.4]);
  const calmAtCrest = Number(ctx.calmer.valuesAt(device, crestAt).level);
  const levelAt = (t: number, calm: number) => {
    const x = Math.cos((Math.PI * (t - crestAt)) / (2 * half)) ** 2;
    return round(calm + (crest - calmAtCrest) * x, 2);
  };
  const from = crestAt - half;
  const to = crestAt + half;
  const hysteresis = Number(rule.params.hysteresis ?? 0);
  const now = ctx.window.now.getTime();
  let raised: number | null = null;
  let last = 0;
  let count = 0;
  let cleared: number | null = null;
  let first = 0;
  let final = 0;
  for (const t of readingGrid(device, ctx.window, ctx.scale)) {
    if (t < from || t > now) continue;
    const calm = Number(ctx.calmer.valuesAt(device, t).level);
    const level = t < to ? levelAt(t, calm) : calm;
    if (level > warning) {
      if (raised === null) [raised, first] = [t, level];
      [last, final] = [t, level];
      count++;
    } else if (raised !== null && level <= warning - hysteresis) {
      cleared = t;
      break;
    }
  }
  const episode: Episode = {
    deviceId: device.id,
    from,
    to,
    values: (t, calm) => ({
      level: levelAt(t, Number(calm.level)),
      rainfall: Math.min(Number(calm.rainfall), 20),
    }),
    at: [],
  };
  if (raised === null) return { episode };
  return {
    episode,
    planned: {
      category: rule.caseCategory,
      alarm: {
        deviceCode: device.code,
        ruleId: rule.id,
        startedAt: new Date(raised),
        lastAt: new Date(last),
        count,
        reading: first,
        lastReading: final,
        clearedAt: cleared === null ? null : new Date(cleared),
      },
    } satisfies Planned,
  };
}

/** A device silent from `at` for some hours: its no-data alarm, raised once the profile's offline time passed. */
function silence(
  ctx: Context,
  device: HistoryDevice,
  rule: HistoryRule,
  at: number,
  random: Random,
): Planned | null {
  const minutes = Number(rule.params.minutes ?? ctx.offlineMinutes(device.profileCode));
  const back = at + between(random, [3, 9]) * HOUR;
  const raised = at + minutes * MINUTE;
  const now = ctx.window.now.getTime();
  if (raised > now) return null;
  return {
    category: rule.caseCategory,
    alarm: {
      deviceCode: device.code,
      ruleId: rule.id,
      startedAt: new Date(raised),
      reading: null,
      clearedAt: back <= now ? new Date(back) : null,
    },
    silence: { deviceId: device.id, from: at, to: back },
    episode: { deviceId: device.id, from: back, to: back + 1, values: () => ({}), at: [back] },
  };
}

/**
 * The alarms the simulator's values hold in a device's readings: raised at the first reading where `holds`, cleared
 * at the first where `ended` (a low battery until the cover's battery is changed, a lamp dark for a night).
 */
function heldAlarms(
  ctx: Context,
  device: HistoryDevice,
  rule: HistoryRule,
  holds: (v: Values) => boolean,
  ended: (v: Values) => boolean,
  reading: (v: Values) => unknown,
): Planned[] {
  const out: Planned[] = [];
  let open: { at: number; first: unknown; last: number; lastReading: unknown; count: number } | null = null;
  const close = (cleared: number | null) => {
    if (!open) return;
    out.push({
      category: rule.caseCategory,
      alarm: {
        deviceCode: device.code,
        ruleId: rule.id,
        startedAt: new Date(open.at),
        lastAt: new Date(open.last),
        count: open.count,
        reading: open.first,
        lastReading: open.lastReading,
        clearedAt: cleared === null ? null : new Date(cleared),
      },
    });
    open = null;
  };
  for (const t of readingGrid(device, ctx.window, ctx.scale)) {
    const v = ctx.calmer.valuesAt(device, t);
    if (holds(v)) {
      if (open) Object.assign(open, { last: t, lastReading: reading(v), count: open.count + 1 });
      else open = { at: t, first: reading(v), last: t, lastReading: reading(v), count: 1 };
    } else if (open && ended(v)) close(t);
  }
  close(null);
  return out;
}

/** Places episodes of one kind on the days of the window, `perDay` on average, starting within `hours` (China). */
function daily(
  ctx: Context,
  kind: string,
  perDay: number,
  hours: [number, number],
  make: (random: Random, at: number) => Planned | null,
): Planned[] {
  const out: Planned[] = [];
  for (const day of ctx.window.days) {
    const random = createRandom(ctx.seed, `alarms:${kind}:${day}`);
    const count = Math.floor(perDay * (0.4 + 1.2 * random.next()) + random.next());
    for (let i = 0; i < count; i++) {
      const at = Math.round((chinaMidnight(day).getTime() + between(random, hours) * HOUR) / 1000) * 1000;
      if (at > ctx.window.now.getTime()) continue;
      const planned = make(random, at);
      if (planned) out.push(planned);
    }
  }
  return out;
}

/** The month's alarms with their cases' handling, episodes and silences. */
export function planAlarms(ctx: Context): AlarmPlan {
  const now = ctx.window.now.getTime();
  const of = (profile: string) => ctx.byProfile.get(profile) ?? [];
  const planned: Planned[] = [];
  const level = (
    kind: string,
    profile: string,
    rule: HistoryRule | undefined,
    perDay: number,
    hours: [number, number],
    minutes: [number, number],
    over: (level: number, r: Random) => number,
  ) => {
    if (!rule || !of(profile).length) return;
    planned.push(
      ...daily(ctx, kind, perDay, hours, (random, at) => {
        const device = random.pick(of(profile));
        const l = levelFor(rule, device);
        return l === undefined
          ? null
          : levelEpisode(ctx, device, rule, at, between(random, minutes), over(l, random));
      }),
    );
  };
  level(
    'tilt',
    'manhole',
    ruleOf(ctx, 'manhole', 'threshold', 'tilt'),
    0.8,
    [0, 24],
    [5, 30],
    (l, r) => l + 2 + r.next() * 48,
  );
  level(
    'cover_water',
    'manhole',
    ruleOf(ctx, 'manhole', 'duration', 'water'),
    0.25,
    [0, 24],
    [30, 120],
    (l, r) => l + 10 + r.next() * 50,
  );
  level(
    'dust',
    'dust',
    ruleOf(ctx, 'dust', 'duration', 'pm10'),
    0.7,
    [7, 18],
    [30, 90],
    (l, r) => l + 40 + r.next() * 180,
  );
  level(
    'site_noise',
    'dust',
    ruleOf(ctx, 'dust', 'duration', 'noise'),
    0.4,
    [7, 19],
    [20, 50],
    (l, r) => l + 2 + r.next() * 8,
  );
  level(
    'haze',
    'lamppost',
    ruleOf(ctx, 'lamppost', 'duration', 'pm25'),
    0.3,
    [6, 22],
    [60, 150],
    (l, r) => l + 20 + r.next() * 60,
  );

  const weighing = ruleOf(ctx, 'wim', 'overweight');
  if (weighing && of('wim').length)
    planned.push(
      ...daily(ctx, 'overload', 1, [6, 22], (random, at) =>
        overload(random.pick(of('wim')), weighing, at, random),
      ),
    );

  const warning = ruleOf(ctx, 'water_level', 'threshold');
  const rivers = of('water_level');
  const waves: Episode[] = [];
  if (warning && rivers.length)
    daily(ctx, 'flood', 0.15, [0, 24], (random, at) => {
      const wave = floodWave(ctx, random.pick(rivers), warning, at, random);
      if (wave) waves.push(wave.episode);
      if (wave?.planned) planned.push(wave.planned);
      return null;
    });

  for (const profile of ['dust', 'wim']) {
    const nodata = ruleOf(ctx, profile, 'nodata');
    if (nodata && of(profile).length)
      planned.push(
        ...daily(ctx, `offline:${profile}`, 0.1, [0, 24], (random, at) =>
          silence(ctx, random.pick(of(profile)), nodata, at, random),
        ),
      );
  }

  const battery = ruleOf(ctx, 'manhole', 'threshold', 'battery');
  if (battery)
    for (const device of of('manhole')) {
      const low = levelFor(battery, device) ?? 10;
      const back = low + Number(battery.params.hysteresis ?? 0);
      planned.push(
        ...heldAlarms(
          ctx,
          device,
          battery,
          (v) => Number(v.battery) < low,
          (v) => Number(v.battery) >= back,
          (v) => v.battery,
        ),
      );
    }
  const dark = ruleOf(ctx, 'lamppost', 'combination');
  if (dark)
    for (const device of of('lamppost')) {
      const holds = (v: Values) => v.lamp === true && Number(v.power) < 5;
      planned.push(
        ...heldAlarms(
          ctx,
          device,
          dark,
          holds,
          (v) => !holds(v),
          (v) => ({ lamp: 1, power: Number(v.power) }),
        ),
      );
    }

  // One episode at a time on a device: a later one overlapping an earlier one is dropped.
  const kept: Planned[] = [];
  const busy = new Map<string, [number, number][]>();
  for (const p of planned.sort((a, b) => a.alarm.startedAt.getTime() - b.alarm.startedAt.getTime())) {
    const from = p.silence?.from ?? p.episode?.from ?? p.alarm.startedAt.getTime();
    // An alarm held by the values (a low battery) spans until it cleared; an episode, its own time.
    const to = Math.max(p.silence?.to ?? 0, p.episode?.to ?? 0, p.alarm.clearedAt?.getTime() ?? 0) || now;
    const spans = busy.get(p.alarm.deviceCode) ?? [];
    if (spans.some(([a, b]) => from < b + HOUR && to > a - HOUR) && (p.episode || p.silence)) continue;
    spans.push([from, to]);
    busy.set(p.alarm.deviceCode, spans);
    kept.push(p);
  }
  const alarms = kept.map((p) => settle(ctx, p));
  return {
    alarms,
    episodes: [...kept.flatMap((p) => (p.episode ? [p.episode] : [])), ...waves],
    silences: kept.flatMap((p) => (p.silence ? [p.silence] : [])),
  };
}

/**
 * The alarm as the month left it: its case handled so far (an overloaded truck's alarm cleared by hand once its case
 * closed), and about half of those without a case acknowledged by the duty officer within the half hour.
 */
function settle(ctx: Context, p: Planned): PastAlarm {
  const now = ctx.window.now.getTime();
  const started = p.alarm.startedAt.getTime();
  const random = createRandom(ctx.seed, `settle:${p.alarm.deviceCode}:${started}`);
  if (p.category) {
    const handling = handlingOf(random, p.category, started, now);
    const byHand = p.alarm.subject !== undefined && p.alarm.clearedAt === null;
    return { ...p.alarm, handling, ...(byHand && { clearedAt: handling.closedAt ?? null }) };
  }
  const acknowledged = started + between(random, [5, 40]) * MINUTE;
  if (random.chance(0.5) && acknowledged <= now)
    return { ...p.alarm, acknowledgedAt: new Date(acknowledged), acknowledgedBy: '值班员' };
  return p.alarm;
}
