// What is "near" an incident: distances on the WGS-84 points the modules keep (longitude, latitude in degrees). A
// sphere of the Earth's mean radius is within 0.5 % of the ellipsoid, far finer than a radius typed in metres.

/** A point as longitude and latitude in degrees (WGS-84). */
export type LngLat = { lng: number; lat: number };

/** A rectangle of longitudes and latitudes, for the databases' first, coarse cut. */
export type Box = { west: number; south: number; east: number; north: number };

const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two points (haversine formula). */
export function metresBetween(a: LngLat, b: LngLat): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The smallest box holding the circle of `radiusM` around `centre` (with a hair to spare for rounding). */
export function boxAround(centre: LngLat, radiusM: number): Box {
  const margin = 1.001;
  const dLat = (radiusM * margin) / METRES_PER_DEGREE;
  const dLng = (radiusM * margin) / (METRES_PER_DEGREE * Math.max(Math.cos(rad(centre.lat)), 1e-6));
  return {
    west: centre.lng - dLng,
    east: centre.lng + dLng,
    south: centre.lat - dLat,
    north: centre.lat + dLat,
  };
}

/** The point `east` and `north` metres from `p` (a flat approximation, good over a few kilometres). */
export function offsetMetres(p: LngLat, east: number, north: number): LngLat {
  return {
    lng: p.lng + east / (METRES_PER_DEGREE * Math.cos(rad(p.lat))),
    lat: p.lat + north / METRES_PER_DEGREE,
  };
}

/**
 * The items within `radiusM` of `centre`, nearest first (ties keep their order), at most `limit`, each with its
 * distance in whole metres.
 */
export function nearest<T extends LngLat>(
  items: readonly T[],
  centre: LngLat,
  radiusM: number,
  limit: number,
): (T & { distanceM: number })[] {
  return items
    .map((item, order) => ({ item, order, exact: metresBetween(centre, item) }))
    .filter((x) => x.exact <= radiusM)
    .sort((a, b) => a.exact - b.exact || a.order - b.order)
    .slice(0, Math.max(0, limit))
    .map((x) => ({ ...x.item, distanceM: Math.round(x.exact) }));
}
