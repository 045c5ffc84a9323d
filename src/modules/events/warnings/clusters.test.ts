import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.ts';
import { type ClusterCase, clusterRule, findClusters } from './clusters.ts';
import { distanceMetres, type LngLat, offsetMetres } from './geo.ts';

// 高塘岭街道, the demo district's centre, and a start time.
const here: LngLat = { lng: 112.82, lat: 28.35 };
const t0 = new Date('2026-03-02T09:00:00+08:00').getTime();
const DAY = 86_400_000;

let serial = 0;
function kase(category: string, at: LngLat, days: number, metresEast = 0, metresNorth = 0): ClusterCase {
  return {
    id: `c${++serial}`,
    category,
    ...offsetMetres(at, metresEast, metresNorth),
    receivedAt: new Date(t0 + days * DAY),
  };
}

/** n cases of a category around a point, within 200 m, received over `spanDays`. */
function burst(category: string, at: LngLat, n: number, spanDays = 3): ClusterCase[] {
  return Array.from({ length: n }, (_, i) =>
    kase(category, at, (spanDays * i) / Math.max(1, n - 1), 150 * Math.cos(i), 150 * Math.sin(i)),
  );
}

const ids = (cases: ClusterCase[]) => cases.map((c) => c.id).sort();

describe('findClusters', () => {
  it('raises one warning for 5 cases of one category within 500 m in 7 days, listing them', () => {
    const cases = burst('env.noise', here, 5);
    const clusters = findClusters(cases);
    expect(clusters).toHaveLength(1);
    const [cluster] = clusters;
    expect(cluster!.category).toBe('env.noise');
    expect(ids(cluster!.cases)).toEqual(ids(cases));
    expect(cluster!.cases.map((c) => c.receivedAt)).toEqual(cases.map((c) => c.receivedAt));
    expect(cluster!.firstAt).toEqual(new Date(t0));
    expect(cluster!.lastAt).toEqual(new Date(t0 + 3 * DAY));
    expect(cluster!.key).toBe(`env.noise:${cases[0]!.id}`);
    expect(distanceMetres(cluster!.centre, here)).toBeLessThan(150);
    expect(cluster!.radiusMetres).toBeGreaterThan(0);
    expect(cluster!.radiusMetres).toBeLessThan(300);
  });

  it('finds nothing in nothing', () => {
    expect(findClusters([])).toEqual([]);
  });

  it('does not for 4', () => {
    expect(findClusters(burst('env.noise', here, 4))).toEqual([]);
  });

  it('does not for 5 spread over 10 days', () => {
    expect(findClusters(burst('env.noise', here, 5, 10))).toEqual([]);
  });

  it('counts 7 days up to and including the 7th, not a millisecond more', () => {
    expect(findClusters(burst('env.noise', here, 5, 7))).toHaveLength(1);
    const late = burst('env.noise', here, 5, 7);
    late[4]!.receivedAt = new Date(late[4]!.receivedAt.getTime() + 1);
    expect(findClusters(late)).toEqual([]);
  });

  it('measures 500 m from the latest case: 490 m around it is a cluster, 510 m is not', () => {
    const ring = (metres: number) => [
      kase('city.garbage', here, 0, metres, 0),
      kase('city.garbage', here, 1, -metres, 0),
      kase('city.garbage', here, 2, 0, metres),
      kase('city.garbage', here, 3, 0, -metres),
      kase('city.garbage', here, 4),
    ];
    expect(findClusters(ring(490))).toHaveLength(1);
    expect(findClusters(ring(510))).toEqual([]);
  });

  it('does not mix two categories at one place', () => {
    const noise = burst('env.noise', here, 3);
    const garbage = burst('city.garbage', here, 3);
    expect(findClusters([...noise, ...garbage])).toEqual([]);
    const more = burst('env.noise', here, 5);
    const clusters = findClusters([...more, ...garbage]);
    expect(clusters.map((c) => c.category)).toEqual(['env.noise']);
    expect(ids(clusters[0]!.cases)).toEqual(ids(more));
  });

  it('gives two clusters for two groups far apart, newest first', () => {
    const there = offsetMetres(here, 5000, 0);
    const a = burst('water.flood', here, 5);
    const b = burst('water.flood', there, 6).map((c) => ({
      ...c,
      receivedAt: new Date(c.receivedAt.getTime() + DAY),
    }));
    const clusters = findClusters([...a, ...b]);
    expect(clusters.map((c) => ids(c.cases))).toEqual([ids(b), ids(a)]);
  });

  it('merges overlapping groups into one cluster, reported once, and leaves out cases in no group', () => {
    // Nine cases 100 m apart along a street, one every three hours: each with the five before it is a group.
    const street = Array.from({ length: 9 }, (_, i) => kase('city.road', here, i / 8, 100 * i, 0));
    const alone = kase('city.road', here, 0.5, 0, 2000);
    const clusters = findClusters([alone, ...street]);
    expect(clusters).toHaveLength(1);
    expect(ids(clusters[0]!.cases)).toEqual(ids(street));
    expect(clusters[0]!.radiusMetres).toBeGreaterThan(390);
  });

  it('leaves out cases without a usable place or time', () => {
    const cases = burst('env.noise', here, 5);
    const broken = [
      { ...cases[0]!, lat: Number.NaN },
      { ...cases[1]!, lng: 200 },
      { ...cases[2]!, receivedAt: new Date('nonsense') },
    ];
    expect(findClusters([...broken, ...cases.slice(3)])).toEqual([]);
    expect(findClusters([...broken, ...cases])).toHaveLength(1);
  });

  it('takes another rule', () => {
    const cases = [kase('traffic.parking', here, 0), kase('traffic.parking', here, 0.1, 80, 0)];
    expect(findClusters(cases, { minCases: 2, radiusMetres: 100, windowDays: 1 })).toHaveLength(1);
    expect(findClusters(cases, { minCases: 2, radiusMetres: 50, windowDays: 1 })).toEqual([]);
    expect(findClusters(cases, { minCases: 2, radiusMetres: 100, windowDays: 0.05 })).toEqual([]);
  });

  it('refuses a rule that makes no sense, naming each field', () => {
    expect(clusterRule()).toEqual({ minCases: 5, radiusMetres: 500, windowDays: 7 });
    let error: unknown;
    try {
      clusterRule({ minCases: 1, radiusMetres: -5, windowDays: Number.NaN });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('invalid_cluster_rule');
    expect((error as InputError).fields).toEqual([
      { field: 'minCases', reason: 'too_small', params: { minimum: 2 } },
      { field: 'radiusMetres', reason: 'too_small', params: { minimum: 1 } },
      { field: 'windowDays', reason: 'invalid_type', params: { expected: 'number' } },
    ]);
    expect(() => findClusters([], { minCases: 2.5 })).toThrow(InputError);
  });

  it('finds what comparing every pair finds, near the equator and far north', () => {
    for (const centre of [here, { lng: 25, lat: 60 }, { lng: -70, lat: -1 }]) {
      const cases = randomCases(2500, centre, 4000, 20, ['a', 'b', 'c'], 1234);
      const fast = findClusters(cases);
      expect(fast.length).toBeGreaterThan(3);
      expect(fast.map((c) => ids(c.cases)).sort()).toEqual(everyPair(cases).sort());
    }
  });

  it('handles 50,000 cases over a district and still finds a planted cluster', () => {
    const cases = randomCases(50_000, here, 20_000, 60, categories, 42);
    const quiet = offsetMetres(here, 25_000, 25_000);
    const planted = burst('env.pollution', quiet, 6);
    const clusters = findClusters([...cases, ...planted]);
    const found = clusters.filter((c) => c.cases.some((k) => k.id === planted[0]!.id));
    expect(found.map((c) => ids(c.cases))).toEqual([ids(planted)]);
  });
});

const categories = Array.from({ length: 25 }, (_, i) => `cat${i}`);

/** Deterministic pseudo-random cases (mulberry32) in a square of `halfWidth` metres around `centre`. */
function randomCases(
  n: number,
  centre: LngLat,
  halfWidth: number,
  days: number,
  cats: string[],
  seed: number,
): ClusterCase[] {
  let s = seed;
  const random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, (_, i) => ({
    id: `r${seed}-${i}`,
    category: cats[Math.floor(random() * cats.length)]!,
    ...offsetMetres(centre, (random() * 2 - 1) * halfWidth, (random() * 2 - 1) * halfWidth),
    receivedAt: new Date(t0 + Math.floor(random() * days * DAY)),
  }));
}

/** The rule applied by comparing every pair (the reference the grid must agree with), as sorted id lists. */
function everyPair(cases: ClusterCase[]): string[][] {
  const parent = cases.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  const hot = new Set<number>();
  cases.forEach((a, i) => {
    const group = cases.flatMap((b, j) =>
      b.category === a.category &&
      b.receivedAt.getTime() <= a.receivedAt.getTime() &&
      b.receivedAt.getTime() >= a.receivedAt.getTime() - 7 * DAY &&
      distanceMetres(a, b) <= 500
        ? [j]
        : [],
    );
    if (group.length < 5) return;
    for (const j of group) {
      hot.add(j);
      parent[find(j)] = find(i);
    }
  });
  const sets = new Map<number, string[]>();
  for (const i of hot) sets.set(find(i), [...(sets.get(find(i)) ?? []), String(cases[i]!.id)]);
  return [...sets.values()].map((set) => set.sort());
}
