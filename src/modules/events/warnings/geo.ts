// Distances on the WGS-84 coordinates cases carry (longitude, latitude in degrees). A sphere of the Earth's mean
// radius is within 0.5 % of the ellipsoid, far better than a reporter's phone or a geocoded address.

/** A point as longitude and latitude in degrees (WGS-84). */
export type LngLat = { lng: number; lat: number };

/** The Earth's mean radius in metres (IUGG), the sphere the haversine formula uses. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** Metres along a meridian per degree of latitude on that sphere (and per degree of longitude at the equator). */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two points (haversine formula). */
export function distanceMetres(a: LngLat, b: LngLat): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether a point has usable WGS-84 coordinates (finite, latitude within ±90, longitude within ±180). */
export function isLngLat(p: LngLat): boolean {
  return Number.isFinite(p.lng) && Number.isFinite(p.lat) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
}

/** The point `metresEast` and `metresNorth` from `p` (a flat approximation, good over a few kilometres). */
export function offsetMetres(p: LngLat, metresEast: number, metresNorth: number): LngLat {
  return {
    lng: p.lng + metresEast / (METRES_PER_DEGREE * Math.cos(rad(p.lat))),
    lat: p.lat + metresNorth / METRES_PER_DEGREE,
  };
}
