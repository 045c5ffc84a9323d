// What is "near" an incident: the databases cut a box around it, then the exact distance (on the sphere, see the
// events module's geo helpers) keeps what lies within the radius, nearest first.
import { distanceMetres, type LngLat, offsetMetres } from '../../events/index.ts';

/** A rectangle of longitudes and latitudes, for the databases' first, coarse cut. */
export type Box = { west: number; south: number; east: number; north: number };

/** The smallest box holding the circle of `radiusM` around `centre` (with a hair to spare for rounding). */
export function boxAround(centre: LngLat, radiusM: number): Box {
  const reach = radiusM * 1.001;
  const northEast = offsetMetres(centre, reach, reach);
  const southWest = offsetMetres(centre, -reach, -reach);
  return { west: southWest.lng, south: southWest.lat, east: northEast.lng, north: northEast.lat };
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
    .map((item, order) => ({ item, order, exact: distanceMetres(centre, item) }))
    .filter((x) => x.exact <= radiusM)
    .sort((a, b) => a.exact - b.exact || a.order - b.order)
    .slice(0, Math.max(0, limit))
    .map((x) => ({ ...x.item, distanceM: Math.round(x.exact) }));
}
