/**
 * Approximate cells of the district's divisions, for when their true boundaries are unknown (the packages have
 * none below district level): subdistrict cells are the Voronoi cells of the subdistricts' approximate centres
 * clipped to the district outline; communities get deterministic points spread inside their subdistrict's area
 * (seeded, then relaxed so they cover it evenly) and cells that are the Voronoi cells of those points within it.
 * Uploaded boundaries take the place of a division's cell. Everything derived carries `approximate: true`.
 */
import {
  type Area,
  bboxOf,
  centroidOf,
  closeRing,
  insideArea,
  type LngLat,
  type Ring,
  round6,
  voronoiCell,
} from './geometry.ts';
import { seededRandom } from './seeded.ts';

/** A division as the layout needs it (the org table's row). */
export type DivisionInput = {
  code: string;
  name: string;
  level: 'district' | 'subdistrict' | 'community';
  parentCode: string | null;
  lng: number | null;
  lat: number | null;
};

/** A subdistrict's or community's place: its area, a point inside it, and whether both are derived. */
export type PlaceCell = {
  code: string;
  name: string;
  level: 'subdistrict' | 'community';
  parentCode: string | null;
  /** A representative point inside the area (a label's position, an address's fallback point). */
  centre: LngLat;
  area: Area;
  approximate: boolean;
};

/** Lloyd relaxation rounds for the community points: enough to even out a random spread. */
const RELAX_ROUNDS = 4;

/**
 * The cells of every subdistrict and community. `outline` is the district's outer ring; `real` holds the
 * uploaded boundaries by division code.
 */
export function buildCells(
  outline: Ring,
  divisions: DivisionInput[],
  real: Map<string, Area> = new Map(),
): PlaceCell[] {
  const subdistricts = divisions
    .filter((d) => d.level === 'subdistrict' && d.lng !== null && d.lat !== null)
    .sort((a, b) => a.code.localeCompare(b.code));
  const sites = subdistricts.map((s) => [s.lng!, s.lat!] as LngLat);
  const cells: PlaceCell[] = [];
  subdistricts.forEach((s, i) => {
    const uploaded = real.get(s.code);
    const area: Area = uploaded ?? [[closeRing(voronoiCell(outline, sites, i))]];
    cells.push({
      code: s.code,
      name: s.name,
      level: 'subdistrict',
      parentCode: s.parentCode,
      centre: uploaded ? pointInside(uploaded, s.code) : sites[i]!,
      area,
      approximate: !uploaded,
    });
  });
  for (const sub of [...cells]) {
    const communities = divisions
      .filter((d) => d.level === 'community' && d.parentCode === sub.code)
      .sort((a, b) => a.code.localeCompare(b.code));
    const region = largestRing(sub.area);
    if (!region || communities.length === 0) continue;
    const points = spreadPoints(sub.area, region, communities.length, sub.code, sub.centre);
    communities.forEach((c, i) => {
      const uploaded = real.get(c.code);
      cells.push({
        code: c.code,
        name: c.name,
        level: 'community',
        parentCode: c.parentCode,
        centre: uploaded ? pointInside(uploaded, c.code) : roundPoint(points[i]!),
        area: uploaded ?? [[closeRing(voronoiCell(region, points, i))]],
        approximate: !uploaded,
      });
    });
  }
  return cells;
}

/** The outer ring of the area's largest polygon (by bounding-box size, enough to tell a main part from islets). */
function largestRing(area: Area): Ring | undefined {
  let best: Ring | undefined;
  let bestSize = -1;
  for (const [outer] of area) {
    if (!outer) continue;
    const [x0, y0, x1, y1] = bboxOf([[outer]]);
    const size = (x1 - x0) * (y1 - y0);
    if (size > bestSize) [best, bestSize] = [outer, size];
  }
  return best;
}

/** `n` points spread evenly inside `region`: seeded random points, then a few rounds of Lloyd relaxation. */
function spreadPoints(area: Area, region: Ring, n: number, seed: string, fallback: LngLat): LngLat[] {
  const points = randomPointsInside(area, n, seed, fallback);
  for (let round = 0; round < RELAX_ROUNDS; round++) {
    const cells = points.map((_, i) => voronoiCell(region, points, i));
    cells.forEach((cell, i) => {
      const c = cell.length >= 3 ? centroidOf([[cell]]) : null;
      if (c && insideArea(c, area)) points[i] = c;
    });
  }
  return points;
}

/** `n` seeded random points inside the area; the fallback point where the area is too thin to hit. */
export function randomPointsInside(area: Area, n: number, seed: string, fallback: LngLat): LngLat[] {
  const random = seededRandom(seed);
  const [x0, y0, x1, y1] = bboxOf(area);
  const points: LngLat[] = [];
  for (let tries = 0; points.length < n && tries < 200 * n; tries++) {
    const p: LngLat = [x0 + (x1 - x0) * random(), y0 + (y1 - y0) * random()];
    if (insideArea(p, area)) points.push(p);
  }
  while (points.length < n) points.push(fallback);
  return points;
}

/** A point inside an uploaded area: its centroid when that lies inside, else a seeded point inside. */
function pointInside(area: Area, seed: string): LngLat {
  const c = centroidOf(area);
  if (c && insideArea(c, area)) return roundPoint(c);
  const [x0, y0, x1, y1] = bboxOf(area);
  return roundPoint(randomPointsInside(area, 1, seed, [(x0 + x1) / 2, (y0 + y1) / 2])[0]!);
}

const roundPoint = (p: LngLat): LngLat => [round6(p[0]), round6(p[1])];
