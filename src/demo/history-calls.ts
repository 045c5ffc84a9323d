/**
 * The month's calls of the departments' systems under the demo's grants: a share of the calls each application
 * expected a day, fewer at weekends, through office hours (a few batch jobs at night), mostly look-ups of one key of
 * the registry, some pages and change feeds; now and then a key not found or a filter refused. Pure: the same seed,
 * grant and window give the same calls.
 */
import type { PastCall } from '../modules/sharing/index.ts';
import { chinaMidnight, type HistoryWindow, HOUR } from './history-window.ts';
import { createRandom, weightedTable } from './random.ts';

/** A grant of the demo as its calls need it. */
export type CallGrant = {
  id: number;
  /** The resource's alias (population, legal_person …). */
  resource: string;
  consumerDepartmentId: number;
  validFrom: Date;
  /** The calls a day its application expected. */
  expectedDailyCalls: number;
  /** The grant's row filter, sent with its pages. */
  rowFilter: Record<string, string>;
  /** Keys its system looks up (none: it pages and follows the change feed instead). */
  keys: string[];
};

// Calls by the hour (China): the working day, a lunch dip, and the nightly synchronisations.
const hourWeights = [2, 1, 3, 1, 1, 1, 2, 4, 9, 12, 12, 10, 5, 7, 11, 12, 11, 9, 5, 3, 2, 2, 2, 2];
const hours = weightedTable(hourWeights.map((w, h) => [h, w] as const));

/** The share of a day's calls made by the end of hour `h` of it. */
function dayShareBefore(ms: number): number {
  const total = hourWeights.reduce((a, b) => a + b, 0);
  const h = Math.floor(ms / HOUR);
  const done =
    hourWeights.slice(0, h).reduce((a, b) => a + b, 0) + (hourWeights[h] ?? 0) * ((ms % HOUR) / HOUR);
  return done / total;
}

/** The calls of one grant over the window, oldest first, none before the grant's start nor after now. */
export function planCalls(args: {
  seed: number;
  window: HistoryWindow;
  share: number;
  grant: CallGrant;
}): PastCall[] {
  const { window, grant } = args;
  const now = window.now.getTime();
  const ip = `10.43.${grant.consumerDepartmentId % 250}.${20 + (grant.id % 200)}`;
  const calls: PastCall[] = [];
  for (const day of window.days) {
    const random = createRandom(args.seed, `calls:${grant.id}:${day}`);
    const start = chinaMidnight(day).getTime();
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    // Today only so far; a day's volume drifts from one day to the next.
    const share = Math.min(1, dayShareBefore(Math.max(0, now - start)));
    const volume = grant.expectedDailyCalls * args.share * (weekend ? 0.3 : 1) * (0.75 + 0.5 * random.next());
    const count = Math.round(volume * share);
    for (let i = 0; i < count; i++) {
      const at = start + hours.pick(random) * HOUR + random.below(HOUR);
      if (at > now || at < grant.validFrom.getTime()) continue;
      const x = random.next();
      const looksUp = grant.keys.length > 0 && x < 0.7;
      const pages = !looksUp && (grant.keys.length > 0 || x < 0.15);
      let call: PastCall;
      if (looksUp) {
        const found = !random.chance(0.03);
        call = {
          at: new Date(at),
          endpoint: 'get',
          query: { key: found ? random.pick(grant.keys) : `${random.pick(grant.keys).slice(0, -4)}0000` },
          rows: found ? 1 : 0,
          outcome: found ? 'ok' : 'not_found',
          status: found ? 200 : 404,
          ms: Math.round((2 + random.next() * 10) * 10) / 10,
          ip,
        };
      } else if (pages) {
        const refused = random.chance(0.01);
        call = {
          at: new Date(at),
          endpoint: 'list',
          query: { ...grant.rowFilter, page: String(1 + random.below(20)), pageSize: '50' },
          rows: refused ? 0 : 1 + random.below(50),
          outcome: refused ? 'bad_filter' : 'ok',
          status: refused ? 400 : 200,
          ms: Math.round((15 + random.next() * 70) * 10) / 10,
          ip,
        };
      } else
        call = {
          at: new Date(at),
          endpoint: 'changes',
          query: { limit: '100' },
          rows: random.below(101),
          outcome: 'ok',
          status: 200,
          ms: Math.round((10 + random.next() * 50) * 10) / 10,
          ip,
        };
      calls.push(call);
    }
  }
  return calls.sort((a, b) => a.at.getTime() - b.at.getTime());
}
