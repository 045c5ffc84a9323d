/**
 * Plane geometry on WGS-84 longitude/latitude, enough for a district of 40 km: point in polygon, clipping a
 * polygon by half-planes (Voronoi cells), areas and centroids. Distances are compared in degrees scaled by the
 * cosine of the latitude, which is exact enough at this size for "which centre is nearest".
 */

export type LngLat = [number, number];
/** A ring: closed or not (the first point is not repeated in rings made here). */
export type Ring = LngLat[];
/** An outer ring followed by its holes, as GeoJSON writes a Polygon's coordinates. */
export type PolygonCoords = Ring[];
/** The polygons of a MultiPolygon (a Polygon is one of them). */
export type Area = PolygonCoords[];

/** Longitude degrees are shorter than latitude degrees by cos(28°) here; distances use this factor. */
const LNG_SCALE = Math.cos((28.3 * Math.PI) / 180);

/** Squared scaled distance between two points (for comparisons only). */
export function distance2(a: LngLat, b: LngLat): number {
  const dx = (a[0] - b[0]) * LNG_SCALE;
  const dy = a[1] - b[1];
  return dx * dx + dy * dy;
}

/** True when the point lies inside the ring (ray casting; the ring may be closed or not). */
export function insideRing([x, y]: LngLat, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point lies inside one of the area's polygons and outside that polygon's holes. */
export function insideArea(point: LngLat, area: Area): boolean {
  return area.some(
    ([outer, ...holes]) => !!outer && insideRing(point, outer) && !holes.some((h) => insideRing(point, h)),
  );
}

/** The bounding box [minLng, minLat, maxLng, maxLat] of an area. */
export function bboxOf(area: Area): [number, number, number, number] {
  let box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of area)
    for (const [x, y] of polygon[0] ?? [])
      box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
  return box;
}

/** Signed area of a ring (positive when counter-clockwise), in square degrees. */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    sum += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return sum / 2;
}

/** The centroid of an area's outer rings weighted by their areas (holes ignored: a map label needs no more). */
export function centroidOf(area: Area): LngLat | null {
  let cx = 0;
  let cy = 0;
  let total = 0;
  for (const [ring] of area) {
    if (!ring || ring.length < 3) continue;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
      cx += (ring[j]![0] + ring[i]![0]) * f;
      cy += (ring[j]![1] + ring[i]![1]) * f;
    }
    total += ringArea(ring);
  }
  if (Math.abs(total) < 1e-14) return null;
  return [cx / (6 * total), cy / (6 * total)];
}

/**
 * Clips a ring to the half-plane of points nearer `site` than `other` (Sutherland–Hodgman against the
 * perpendicular bisector). The ring may be concave: the result is then still the right region, possibly with
 * zero-width bridges along the bisector, which neither point-in-polygon nor drawing minds.
 */
export function clipToNearer(ring: Ring, site: LngLat, other: LngLat): Ring {
  // side(p) > 0 when p is nearer `site`: compare scaled squared distances, linear in p.
  const ax = (other[0] - site[0]) * LNG_SCALE * LNG_SCALE;
  const ay = other[1] - site[1];
  const mid: LngLat = [(site[0] + other[0]) / 2, (site[1] + other[1]) / 2];
  const side = (p: LngLat) => -((p[0] - mid[0]) * ax + (p[1] - mid[1]) * ay);
  const out: Ring = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const cur = ring[i]!;
    const prev = ring[(i + n - 1) % n]!;
    const sc = side(cur);
    const sp = side(prev);
    if (sc >= 0) {
      if (sp < 0) out.push(cross(prev, cur, sp, sc));
      out.push(cur);
    } else if (sp >= 0) out.push(cross(prev, cur, sp, sc));
  }
  return out;
}

function cross(a: LngLat, b: LngLat, sa: number, sb: number): LngLat {
  const t = sa / (sa - sb);
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/**
 * The Voronoi cell of `sites[index]` within `region` (its outer ring): the part of the region nearer that site
 * than any other. Quadratic in the sites, which are at most a few dozen here.
 */
export function voronoiCell(region: Ring, sites: LngLat[], index: number): Ring {
  let ring = openRing(region);
  const site = sites[index]!;
  for (let j = 0; j < sites.length && ring.length > 0; j++) {
    if (j === index) continue;
    const other = sites[j]!;
    if (other[0] === site[0] && other[1] === site[1]) continue;
    ring = clipToNearer(ring, site, other);
  }
  return ring;
}

/** The ring without its closing point. */
export function openRing(ring: Ring): Ring {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]
    ? ring.slice(0, -1)
    : ring.slice();
}

/** The ring closed, as GeoJSON wants it. */
export function closeRing(ring: Ring): Ring {
  const open = openRing(ring);
  return open.length ? [...open, open[0]!] : open;
}

/** A number rounded to six decimals (about 0.1 m): what coordinates are stored and shown with. */
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
