/**
 * Reading an uploaded boundary file: a GeoJSON FeatureCollection of Polygons and MultiPolygons whose properties
 * name a division by code or name (the property names of common exports: code, adcode, XZQDM, QHDM, name, NAME,
 * XZQMC…). Every feature must match one division and have sound WGS-84 geometry near the district; each
 * problem is reported with the feature's index and the reason.
 */
import type { FieldError } from '../../../core/errors.ts';
import type { Area } from './geometry.ts';
import { normalizeText } from './normalize.ts';

/** The divisions a file may name. */
export type DivisionRef = { code: string; name: string; level: 'district' | 'subdistrict' | 'community' };

/** A feature that passed: the division it bounds and its area. */
export type ParsedBoundary = { divisionCode: string; level: 'subdistrict' | 'community'; area: Area };

const codeProps = [
  'code',
  'adcode',
  'XZQDM',
  'QHDM',
  'xzqdm',
  'qhdm',
  'CODE',
  'ADCODE',
  'divisionCode',
  'division_code',
  'Code',
  'id',
];
const nameProps = ['name', 'NAME', 'Name', 'XZQMC', 'QHMC', 'xzqmc', 'qhmc', 'MC', 'mc', '名称'];
/** Coordinate systems that are WGS-84 lng/lat in practice (CGCS2000 differs by centimetres). */
const lngLatCrs = /CRS84|4326|4490/i;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses the file against the divisions and the district's bounding box ([minLng, minLat, maxLng, maxLat]).
 * Returns the boundaries, or the problems (each `field` is `features[i]`).
 */
export function parseBoundaries(
  body: unknown,
  divisions: DivisionRef[],
  districtBox: [number, number, number, number],
): { boundaries: ParsedBoundary[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const boundaries: ParsedBoundary[] = [];
  if (!isObject(body) || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    errors.push({ field: 'type', reason: 'not_feature_collection' });
    return { boundaries, errors };
  }
  const crsName =
    isObject(body.crs) && isObject(body.crs.properties) ? String(body.crs.properties.name ?? '') : '';
  if (crsName && !lngLatCrs.test(crsName)) {
    errors.push({ field: 'crs', reason: 'not_wgs84', params: { crs: crsName } });
    return { boundaries, errors };
  }
  if (body.features.length === 0) errors.push({ field: 'features', reason: 'no_features' });

  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const byName = new Map<string, DivisionRef[]>();
  for (const d of divisions) {
    const key = normalizeText(d.name);
    byName.set(key, [...(byName.get(key) ?? []), d]);
  }
  const seen = new Map<string, number>();
  for (const [i, feature] of (body.features as unknown[]).entries()) {
    const field = `features[${i}]`;
    const fail = (reason: string, params: Record<string, unknown> = {}) => {
      errors.push({ field, reason, params: { index: i, ...params } });
    };
    if (!isObject(feature) || feature.type !== 'Feature') {
      fail('not_a_feature');
      continue;
    }
    const props = isObject(feature.properties) ? feature.properties : {};
    const match = matchDivision(props, byCode, byName);
    if ('problem' in match) {
      fail(match.problem, match.params);
      continue;
    }
    const division = match.division;
    if (division.level === 'district') {
      fail('no_matching_division', { name: division.name });
      continue;
    }
    const geometry = readGeometry(feature.geometry, districtBox);
    if ('problem' in geometry) {
      fail(geometry.problem, geometry.params);
      continue;
    }
    const earlier = seen.get(division.code);
    if (earlier !== undefined) {
      fail('duplicate_division', { name: division.name, other: earlier });
      continue;
    }
    seen.set(division.code, i);
    boundaries.push({ divisionCode: division.code, level: division.level, area: geometry.area });
  }
  return { boundaries, errors };
}

type Problem = { problem: string; params?: Record<string, unknown> };

/** The division a feature's properties name: by code first (12-digit codes with trailing zeros too), then by name. */
function matchDivision(
  props: Json,
  byCode: Map<string, DivisionRef>,
  byName: Map<string, DivisionRef[]>,
): { division: DivisionRef } | Problem {
  const codes = codeProps.map((p) => props[p]).filter((v) => typeof v === 'string' || typeof v === 'number');
  for (const raw of codes) {
    const code = String(raw).trim();
    const division =
      byCode.get(code) ?? byCode.get(code.replace(/0{3}$/, '')) ?? byCode.get(code.replace(/0{6}$/, ''));
    if (division) return { division };
  }
  const names = nameProps
    .map((p) => props[p])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  for (const name of names) {
    const found = byName.get(normalizeText(name));
    if (found?.length === 1) return { division: found[0]! };
    if (found && found.length > 1) return { problem: 'ambiguous_division', params: { name } };
  }
  const named = names[0] ?? (codes[0] !== undefined ? String(codes[0]) : '');
  return named
    ? { problem: 'no_matching_division', params: { name: named } }
    : { problem: 'no_division_property' };
}

/** A Polygon or MultiPolygon with sound rings of WGS-84 positions, at least partly inside the district's box. */
function readGeometry(geometry: unknown, box: [number, number, number, number]): { area: Area } | Problem {
  if (!isObject(geometry)) return { problem: 'bad_geometry', params: { detail: 'missing' } };
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : null;
  if (!polygons || !Array.isArray(polygons) || polygons.length === 0)
    return { problem: 'bad_geometry', params: { detail: String(geometry.type) } };
  const area: Area = [];
  let near = false;
  const margin = 0.05;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0)
      return { problem: 'bad_geometry', params: { detail: 'rings' } };
    const rings: Area[number] = [];
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 4)
        return { problem: 'bad_geometry', params: { detail: 'ring' } };
      const points: [number, number][] = [];
      for (const pos of ring) {
        if (
          !Array.isArray(pos) ||
          pos.length < 2 ||
          !pos.every((n) => typeof n === 'number' && Number.isFinite(n))
        )
          return { problem: 'bad_geometry', params: { detail: 'position' } };
        const [lng, lat] = pos as number[];
        if (lng! < -180 || lng! > 180 || lat! < -90 || lat! > 90)
          return { problem: 'not_wgs84', params: { lng, lat } };
        if (
          lng! >= box[0] - margin &&
          lng! <= box[2] + margin &&
          lat! >= box[1] - margin &&
          lat! <= box[3] + margin
        )
          near = true;
        points.push([lng!, lat!]);
      }
      rings.push(points);
    }
    area.push(rings);
  }
  if (!near) return { problem: 'outside_district' };
  return { area };
}
