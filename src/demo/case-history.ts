/**
 * The demo district's year of 12345 cases, as a former system would have them: categories in their usual shares
 * and seasons, calls through the day and fewer at weekends, places from the district's subdistricts (by
 * population) and roads, most cases handled within their time limit and some late, callbacks mostly satisfied, a
 * few reopened or merged. Then a few open cases in every state, relative to `now`, so that every inbox, clock and
 * page has something to show. Same seed, count and `now`: the same cases.
 */
import type { CaseChannel, CaseStatus, Satisfaction } from '../modules/events/contract.ts';
import { dueAt, type ImportCase, type ImportStep } from '../modules/events/index.ts';
import { insidePolygon, loadDistrictOutline } from '../modules/org/index.ts';
import { type CaseProfile, caseProfiles, hourWeights } from './case-texts.ts';
import { type District, pointNear, type Subdistrict } from './places.ts';
import { createRandom, type Random, weightedTable } from './random.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const CHINA = 8 * HOUR;
const POINTS_PER_SUBDISTRICT = 100;

export type CaseHistoryOptions = {
  seed: number;
  /** Closed cases over the year before `now`. */
  count: number;
  now: Date;
  district: District;
  /** The categories with their time limits (the seeded list, or the database's). */
  categories: readonly { code: string; timeLimit: string }[];
  /** The department a category's cases go to (null when unknown: the bench's file does not need it). */
  departmentOf: (code: string) => number | null;
  /** A department's name, for the history steps of open cases. */
  departmentName?: (id: number) => string;
};

type Place = {
  subdistrict: Subdistrict;
  community: Subdistrict['communities'][number];
  address: string;
  point: [number, number];
};

/** YYYYMMDD of the China-local day of an instant. */
function chinaDay(at: number): string {
  return new Date(at + CHINA).toISOString().slice(0, 10).replaceAll('-', '');
}

function fill(template: string, place: Place, road: string): string {
  return template
    .replaceAll('{road}', road)
    .replaceAll('{community}', place.community.name)
    .replaceAll('{subdistrict}', place.subdistrict.name);
}

/** The shared machinery of both generators: places, texts, numbers (per day, in order). */
type Shared = {
  sequences: Map<string, number>;
  pools: Map<string, [number, number][]>;
  poolRandom: Random;
  district: District;
};

function caseMaker(
  o: CaseHistoryOptions,
  random: Random,
  { sequences, pools, poolRandom, district }: Shared,
) {
  const limits = new Map(o.categories.map((c) => [c.code, c.timeLimit]));
  const codes = o.categories.map((c) => c.code).filter((c) => caseProfiles[c]);
  const categoryTable = weightedTable(codes.map((c) => [c, caseProfiles[c]!.share] as const));
  // Points are drawn from a pool per subdistrict (placing a point inside the outline is slow, and calls about one
  // spot come again and again, which is what early warnings look for).
  const pointIn = (subdistrict: Subdistrict) => {
    let pool = pools.get(subdistrict.code);
    if (!pool) {
      pool = Array.from({ length: POINTS_PER_SUBDISTRICT }, () =>
        pointNear(poolRandom, district, subdistrict.centre),
      );
      pools.set(subdistrict.code, pool);
    }
    return random.pick(pool);
  };
  return {
    codes,
    categoryTable,
    limitOf: (code: string) => limits.get(code)!,
    number(at: number) {
      const day = chinaDay(at);
      const next = (sequences.get(day) ?? 0) + 1;
      sequences.set(day, next);
      return `${day}${String(next).padStart(5, '0')}`;
    },
    place(): Place & { road: string } {
      const subdistrict = o.district.pickSubdistrict(random);
      const community = random.pick(subdistrict.communities);
      const road = random.pick(subdistrict.roads);
      const onRoad = random.chance(0.6);
      const address = onRoad
        ? `望城区${subdistrict.name}${road}${random.between(1, 388)}号`
        : `望城区${subdistrict.name}${community.name}`;
      return {
        subdistrict,
        community,
        road,
        address,
        point: pointIn(subdistrict),
      };
    },
    content(profile: CaseProfile, place: Place & { road: string }, channel: CaseChannel) {
      const text = fill(random.pick(profile.texts), place, place.road);
      return channel === 'grid' ? `巡查发现：${text}` : text;
    },
    channel(profile: CaseProfile): CaseChannel {
      if (random.chance(profile.grid)) return 'grid';
      const x = random.next();
      return x < 0.93 ? 'hotline' : x < 0.97 ? 'app' : 'open311';
    },
    urgency(code: string): ImportCase['urgency'] {
      const urgentShare = ['city.manhole', 'water.flood', 'safety.hazard'].includes(code) ? 0.3 : 0.03;
      return random.chance(urgentShare) ? 'urgent' : 'normal';
    },
  };
}

/** A satisfaction from a callback: mostly satisfied, less so when the case was late. */
function callbackResult(random: Random, late: boolean): Satisfaction {
  const x = random.next();
  const unsatisfied = late ? 0.3 : 0.13;
  if (x < unsatisfied) return 'unsatisfied';
  return x < unsatisfied + 0.17 ? 'basically_satisfied' : 'satisfied';
}

/**
 * The demo's cases: the year's closed (and merged) ones before `now`, `count` of them in no set order, then
 * `perState` open ones in each of openStates. Numbers run per day across both.
 */
export function* generateDemoCases(o: CaseHistoryOptions & { perState: number }): Generator<ImportCase> {
  // The outline thinned to every 8th vertex: close enough for scattering points, and eight times faster to test.
  const ring = loadDistrictOutline().geometry.coordinates[0]!.filter((_, i) => i % 8 === 0);
  const district = { ...o.district, inside: (p: [number, number]) => insidePolygon(p, ring) };
  const shared: Shared = {
    sequences: new Map(),
    pools: new Map(),
    poolRandom: createRandom(o.seed, 'case-places'),
    district,
  };
  yield* generateCaseHistory(o, shared);
  yield* openCasesInEveryState(o, shared);
}

function* generateCaseHistory(o: CaseHistoryOptions, shared: Shared): Generator<ImportCase> {
  const random = createRandom(o.seed, 'cases');
  const make = caseMaker(o, random, shared);
  // Day 0 is the China-local day a year before today; the last day of history is yesterday.
  const today = Math.floor((o.now.getTime() + CHINA) / DAY);
  const first = today - 365;
  const dayTables = new Map<string, ReturnType<typeof weightedTable<number>>>();
  const dayTable = (code: string) => {
    let table = dayTables.get(code);
    if (!table) {
      const profile = caseProfiles[code]!;
      const entries: [number, number][] = [];
      for (let d = first; d < today; d++) {
        const date = new Date(d * DAY);
        const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
        const weekday = weekend ? (profile.night ? 1.15 : 0.7) : 1;
        entries.push([d, profile.months[date.getUTCMonth()]! * weekday]);
      }
      table = weightedTable(entries);
      dayTables.set(code, table);
    }
    return table;
  };
  const hours = {
    day: weightedTable(hourWeights.day.map((w, h) => [h, w] as const)),
    night: weightedTable(hourWeights.night.map((w, h) => [h, w] as const)),
  };
  // The latest case of each category in each subdistrict: what a repeated call is merged into.
  const latest = new Map<string, { number: string; at: number }>();
  const end = o.now.getTime();

  for (let i = 0; i < o.count; i++) {
    const code = make.categoryTable.pick(random);
    const profile = caseProfiles[code]!;
    const day = dayTable(code).pick(random);
    const hour = (profile.night ? hours.night : hours.day).pick(random);
    const received = day * DAY - CHINA + hour * HOUR + random.below(3600) * 1000;
    const place = make.place();
    const channel = make.channel(profile);
    const receivedAt = new Date(received);
    const due = dueAt(receivedAt, make.limitOf(code)).getTime();
    const allowed = due - received;
    const late = random.chance(profile.late);
    // On time: somewhere in the allowed time, early more often; late: up to twice as long again.
    let replied =
      received +
      allowed * (late ? 1.02 + random.next() * random.next() * 2 : 0.08 + 0.87 * random.next() ** 1.4);
    let closed = late
      ? replied + random.between(10, 240) * 60_000
      : replied + Math.min(random.between(10, 120) * 60_000, (due - replied) * 0.9);
    // Received yesterday and not yet done by now: done a little before now instead.
    if (closed > end - 600_000) {
      closed = received + (end - 600_000 - received) * (0.5 + random.next() * 0.4);
      replied = Math.min(replied, closed);
    }
    const dispatched = received + Math.min(random.between(3, 40) * 60_000, (replied - received) * 0.2);
    const accepted = dispatched + (replied - dispatched) * (0.05 + random.next() * 0.25);
    const key = `${code}|${place.subdistrict.code}`;
    const before = latest.get(key);
    const merged = channel === 'hotline' && before && received - before.at < 2 * DAY && random.chance(0.35);
    const number = make.number(received);
    latest.set(key, { number, at: received });
    const department = o.departmentOf(code);
    const asked = channel !== 'grid' && random.chance(0.8);
    let satisfaction = asked && !merged ? callbackResult(random, late) : null;
    let reopenCount = 0;
    if (satisfaction === 'unsatisfied' && random.chance(0.4)) {
      // Reopened once (重办) and handled again: the second callback is mostly kinder.
      reopenCount = 1;
      satisfaction = random.chance(0.7) ? 'basically_satisfied' : 'unsatisfied';
    }
    yield {
      number,
      channel,
      status: merged ? 'merged' : 'closed',
      categoryCode: code,
      departmentId: department,
      content: make.content(profile, place, channel),
      address: place.address,
      lng: place.point[0],
      lat: place.point[1],
      subdistrictCode: place.subdistrict.code,
      communityCode: place.community.code,
      urgency: make.urgency(code),
      receivedAt,
      dueAt: new Date(due),
      dispatchedAt: merged ? null : new Date(dispatched),
      acceptedAt: merged ? null : new Date(accepted),
      repliedAt: merged ? null : new Date(replied),
      closedAt: merged ? receivedAt : new Date(closed),
      reply: merged ? null : random.pick(profile.replies),
      satisfaction,
      reopenCount,
      supervised: late && random.chance(0.3),
      escalated: false,
      extensionRequest: null,
      suspendedAt: null,
      suspendedFrom: null,
      mergedInto: merged ? before!.number : null,
      steps: null,
    };
  }
}

/** The open states shown on the pages, each a status with the flags that make it what it is. */
export const openStates = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'replied',
  'reviewed',
  'returned',
  'suspended',
  'extension_asked',
  'supervised',
  'merged',
  'escalated',
] as const;
type OpenState = (typeof openStates)[number];

const statusOfState: Record<OpenState, CaseStatus> = {
  received: 'received',
  dispatched: 'dispatched',
  accepted: 'accepted',
  in_progress: 'in_progress',
  replied: 'replied',
  reviewed: 'reviewed',
  returned: 'returned',
  suspended: 'suspended',
  extension_asked: 'in_progress',
  supervised: 'in_progress',
  merged: 'merged',
  escalated: 'received',
};

/**
 * `perState` open cases in each of openStates, received lately (some with time to spare, some near their due
 * time, some overdue), each with its history as the desk and the department wrote it.
 */
function openCasesInEveryState(o: CaseHistoryOptions & { perState: number }, shared: Shared): ImportCase[] {
  const random = createRandom(o.seed, 'open-cases');
  const make = caseMaker(o, random, shared);
  const end = o.now.getTime();
  const out: ImportCase[] = [];
  const nameOf = (id: number | null) => (id && o.departmentName ? o.departmentName(id) : '承办部门');
  const openTargets: string[] = [];
  for (const state of openStates) {
    for (let k = 0; k < o.perState; k++) {
      const code = make.categoryTable.pick(random);
      const profile = caseProfiles[code]!;
      const limit = make.limitOf(code);
      // Share of the allowed time used so far: a third fresh, a third near due (warning), a third overdue.
      const share = [0.3, 0.88, 1.6][k % 3]! * (0.8 + random.next() * 0.3);
      const allowed = dueAt(new Date(end), limit).getTime() - end;
      const received = Math.round((end - share * allowed) / 60_000) * 60_000;
      const receivedAt = new Date(received);
      const due = dueAt(receivedAt, limit).getTime();
      const place = make.place();
      const channel = make.channel(profile);
      const status = statusOfState[state];
      const department = status === 'received' || status === 'returned' ? null : o.departmentOf(code);
      const lead = o.departmentOf(code);
      // The moments of its history so far, spread between receipt and now.
      const span = end - received;
      const at = (f: number) => new Date(received + span * f);
      const steps: ImportStep[] = [];
      const step = (
        action: string,
        from: string | null,
        to: string,
        f: number,
        actor: string,
        note: string | null = null,
        dept: number | null = null,
      ) =>
        steps.push({
          action,
          fromStatus: from,
          toStatus: to,
          actorName: actor,
          departmentId: dept,
          note,
          at: at(f),
        });
      const desk = channel === 'grid' ? '网格员' : '12345受理员';
      step('receive', null, 'received', 0, desk);
      const dispatchedTo = ['received', 'merged'].includes(state) ? null : lead;
      if (dispatchedTo) step('dispatch', 'received', 'dispatched', 0.05, '派单员', null, dispatchedTo);
      const reached = (s: CaseStatus) =>
        ['accepted', 'in_progress', 'replied', 'reviewed', 'suspended'].includes(s);
      if (reached(status)) step('accept', 'dispatched', 'accepted', 0.15, nameOf(lead), null, lead);
      if (['in_progress', 'replied', 'reviewed', 'suspended'].includes(status))
        step('start', 'accepted', 'in_progress', 0.25, nameOf(lead), null, lead);
      const reply = random.pick(profile.replies);
      if (status === 'replied' || status === 'reviewed')
        step('reply', 'in_progress', 'replied', 0.6, nameOf(lead), reply, lead);
      if (status === 'reviewed') step('review', 'replied', 'reviewed', 0.8, '12345审核员');
      if (state === 'returned')
        step('return', 'dispatched', 'returned', 0.4, nameOf(lead), '不属于本部门职责，请重新派单', lead);
      if (state === 'suspended')
        step('suspend', 'in_progress', 'suspended', 0.5, '12345受理员', '等待诉求人补充材料');
      const extension =
        state === 'extension_asked'
          ? { limit: '2wd', reason: '需协调多个部门现场处理', by: nameOf(lead), at: at(0.7).toISOString() }
          : null;
      if (extension)
        step('request_extension', 'in_progress', 'in_progress', 0.7, nameOf(lead), extension.reason, lead);
      if (state === 'supervised')
        step('supervise', 'in_progress', 'in_progress', 0.9, '督办员', '请加快办理');
      const merged = state === 'merged' && openTargets.length > 0;
      if (merged) step('merge', 'received', 'merged', 0.1, '12345受理员', '重复来电，并入原工单');
      if (state === 'escalated') {
        step('callback', 'reviewed', 'dispatched', 0.3, '12345回访员', '对处理结果不满意');
        step('callback', 'reviewed', 'received', 0.9, '12345回访员', '再次不满意，转中心研判');
      }
      const number = make.number(received);
      if (['dispatched', 'accepted', 'in_progress'].includes(status)) openTargets.push(number);
      out.push({
        number,
        channel,
        status: merged ? 'merged' : state === 'merged' ? 'received' : status,
        categoryCode: code,
        departmentId: department,
        content: make.content(profile, place, channel),
        address: place.address,
        lng: place.point[0],
        lat: place.point[1],
        subdistrictCode: place.subdistrict.code,
        communityCode: place.community.code,
        urgency: make.urgency(code),
        receivedAt,
        dueAt: new Date(due),
        dispatchedAt: dispatchedTo ? at(0.05) : null,
        acceptedAt: reached(status) ? at(0.15) : null,
        repliedAt: status === 'replied' || status === 'reviewed' ? at(0.6) : null,
        closedAt: merged ? at(0.1) : null,
        reply: status === 'replied' || status === 'reviewed' ? reply : null,
        satisfaction: state === 'escalated' ? 'unsatisfied' : null,
        reopenCount: state === 'escalated' ? 1 : 0,
        supervised: state === 'supervised',
        escalated: state === 'escalated',
        extensionRequest: extension,
        suspendedAt: state === 'suspended' ? at(0.5) : null,
        suspendedFrom: state === 'suspended' ? 'in_progress' : null,
        mergedInto: merged ? random.pick(openTargets) : null,
        steps,
      });
    }
  }
  return out;
}
