import { InputError } from '../../../core/errors.ts';
import { distanceMetres, isLngLat, type LngLat, METRES_PER_DEGREE } from './geo.ts';

// Early warning (预警) of clusters of similar cases: many reports of one kind of problem at one place in a short
// time usually mean one cause (a burst main, a construction site working at night) that the center should
// handle as one, before the next twenty calls.
//
// The rule, with N = minCases, R = radiusMetres, D = windowDays:
// 1. Only cases of the same category are compared. Cases without usable coordinates or time are left out.
// 2. Each case A anchors a group: A and every case B of its category with distance(A, B) ≤ R (great-circle)
//    and A.receivedAt − D×24 h ≤ B.receivedAt ≤ A.receivedAt (the D days up to and including A).
// 3. A group of N or more cases is hot.
// 4. Hot groups that share a case are merged, transitively; each merged set is one cluster, reported once,
//    with its cases (oldest first), centre (mean position), radius (farthest case from the centre), and
//    first and last receipt times.
// Because the anchor is the latest case of its group, any N cases of one category that all lie within R of
// each other within D days are found (their latest case anchors a hot group holding them all). A group's
// members may be up to 2R apart (each is within R of the anchor), and merging can make a cluster longer
// still, along a street, say: the radius says how spread out it is.
//
// Cost: cases are bucketed per category in a grid of cells at least R wide, each cell sorted by time, so an
// anchor looks only at the 3 × 3 cells around it and, by binary search, at the D days before it. That is
// about n × (cases near in space and time), not n²: 50,000 cases spread over a district take milliseconds.

/** A case as the early warning needs it: WGS-84 position and time of receipt. */
export type ClusterCase = LngLat & { id: string | number; category: string; receivedAt: Date };

/** The thresholds of the early warning: at least `minCases` within `radiusMetres` in `windowDays` days. */
export type ClusterRule = { minCases: number; radiusMetres: number; windowDays: number };

/** The rule: 5 cases of one category within 500 m in 7 days. */
export const DEFAULT_CLUSTER_RULE: ClusterRule = { minCases: 5, radiusMetres: 500, windowDays: 7 };

/** One cluster: the cases (oldest first) of one category that set off the warning, and where and when. */
export type CaseCluster<T extends ClusterCase> = {
  /**
   * category and the id of the oldest case: the same cluster keeps its key as cases join it, so a warning
   * raised once is not raised again on the next run (it changes if the oldest case leaves the input).
   */
  key: string;
  category: string;
  cases: T[];
  centre: LngLat;
  /** Distance in metres from the centre to the farthest case. */
  radiusMetres: number;
  firstAt: Date;
  lastAt: Date;
};

const LIMITS = {
  minCases: { minimum: 2, maximum: 10_000, integer: true },
  radiusMetres: { minimum: 1, maximum: 100_000, integer: false },
  windowDays: { minimum: 0.01, maximum: 366, integer: false },
} as const;

/** The rule with defaults filled in; throws InputError `invalid_cluster_rule` naming each bad field. */
export function clusterRule(rule: Partial<ClusterRule> = {}): ClusterRule {
  const full = { ...DEFAULT_CLUSTER_RULE, ...rule };
  const fields = [];
  for (const field of Object.keys(LIMITS) as (keyof ClusterRule)[]) {
    const { minimum, maximum, integer } = LIMITS[field];
    const value = full[field];
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)))
      fields.push({ field, reason: 'invalid_type', params: { expected: integer ? 'integer' : 'number' } });
    else if (value < minimum) fields.push({ field, reason: 'too_small', params: { minimum } });
    else if (value > maximum) fields.push({ field, reason: 'too_big', params: { maximum } });
  }
  if (fields.length) throw new InputError('invalid_cluster_rule', 'The cluster rule is invalid', fields);
  return full;
}

type Point = { index: number; t: number; lng: number; lat: number };

/**
 * Finds the clusters of similar cases in `cases` by the rule above (defaults: 5 within 500 m in 7 days).
 * Pass the cases that matter for a warning (open, and received in the last weeks); clusters come newest
 * first (by their last case), then by category.
 */
export function findClusters<T extends ClusterCase>(
  cases: readonly T[],
  rule: Partial<ClusterRule> = {},
): CaseCluster<T>[] {
  const { minCases, radiusMetres, windowDays } = clusterRule(rule);
  const byCategory = new Map<string, Point[]>();
  cases.forEach((c, index) => {
    const t = c.receivedAt instanceof Date ? c.receivedAt.getTime() : Number.NaN;
    if (!Number.isFinite(t) || !isLngLat(c)) return;
    const list = byCategory.get(c.category) ?? [];
    list.push({ index, t, lng: c.lng, lat: c.lat });
    byCategory.set(c.category, list);
  });
  const clusters: CaseCluster<T>[] = [];
  for (const [category, points] of byCategory) {
    if (points.length < minCases) continue;
    for (const members of hotSets(points, minCases, radiusMetres, windowDays * 86_400_000))
      clusters.push(
        summarise(
          category,
          members.map((i) => cases[i]!),
        ),
      );
  }
  return clusters.sort(
    (a, b) => b.lastAt.getTime() - a.lastAt.getTime() || a.category.localeCompare(b.category),
  );
}

/** The merged hot groups of one category's points, each as indices into the caller's cases. */
function hotSets(points: Point[], minCases: number, radius: number, windowMs: number): number[][] {
  const grid = buildGrid(points, radius);
  // Union-find over positions in `points`: hot groups that share a case end in one set.
  const parent = points.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const hot = new Uint8Array(points.length);
  const group: number[] = [];
  for (let a = 0; a < points.length; a++) {
    const anchor = points[a]!;
    const { cx, cy } = grid.cellOf(anchor);
    group.length = 0;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const cell = grid.cells.get(cellKey(cx + dx, cy + dy));
        if (!cell) continue;
        for (let k = firstAtOrAfter(cell, points, anchor.t - windowMs); k < cell.length; k++) {
          const b = points[cell[k]!]!;
          if (b.t > anchor.t) break;
          if (distanceMetres(anchor, b) <= radius) group.push(cell[k]!);
        }
      }
    }
    if (group.length < minCases) continue;
    const root = find(a);
    for (const b of group) {
      hot[b] = 1;
      parent[find(b)] = root;
    }
  }
  const sets = new Map<number, number[]>();
  for (let i = 0; i < points.length; i++) {
    if (!hot[i]) continue;
    const root = find(i);
    const set = sets.get(root) ?? [];
    set.push(points[i]!.index);
    sets.set(root, set);
  }
  return [...sets.values()];
}

const cellKey = (cx: number, cy: number) => `${cx}:${cy}`;

/**
 * Buckets points in cells at least `radius` wide in every direction, so every point within `radius` of a
 * point lies in its cell or one of the eight around it. A degree of longitude shrinks towards the poles: the
 * cell width in degrees is taken where it is shortest, at the points' highest latitude. Each cell lists its
 * points' positions sorted by time.
 */
function buildGrid(points: Point[], radius: number) {
  const maxLat = Math.min(
    89,
    points.reduce((max, p) => Math.max(max, Math.abs(p.lat)), 0),
  );
  const margin = 1.001; // rounding in the formulas must not shrink a cell below `radius`
  const latStep = (radius * margin) / METRES_PER_DEGREE;
  const lngStep = Math.min(360, (radius * margin) / (METRES_PER_DEGREE * Math.cos((maxLat * Math.PI) / 180)));
  const cellOf = (p: Point) => ({ cx: Math.floor(p.lng / lngStep), cy: Math.floor(p.lat / latStep) });
  const cells = new Map<string, number[]>();
  points.forEach((p, i) => {
    const { cx, cy } = cellOf(p);
    const key = cellKey(cx, cy);
    const cell = cells.get(key);
    if (cell) cell.push(i);
    else cells.set(key, [i]);
  });
  for (const cell of cells.values()) cell.sort((i, j) => points[i]!.t - points[j]!.t);
  return { cells, cellOf };
}

/** The first position in `cell` (sorted by time) whose point is at or after `t`. */
function firstAtOrAfter(cell: number[], points: Point[], t: number): number {
  let lo = 0;
  let hi = cell.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[cell[mid]!]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function summarise<T extends ClusterCase>(category: string, members: T[]): CaseCluster<T> {
  const cases = members.sort(
    (a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || String(a.id).localeCompare(String(b.id)),
  );
  const centre = {
    lng: cases.reduce((sum, c) => sum + c.lng, 0) / cases.length,
    lat: cases.reduce((sum, c) => sum + c.lat, 0) / cases.length,
  };
  const radiusMetres = cases.reduce((max, c) => Math.max(max, distanceMetres(centre, c)), 0);
  return {
    key: `${category}:${cases[0]!.id}`,
    category,
    cases,
    centre,
    radiusMetres,
    firstAt: cases[0]!.receivedAt,
    lastAt: cases[cases.length - 1]!.receivedAt,
  };
}
