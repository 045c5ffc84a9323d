import { describe, expect, it } from 'vitest';
import { type DivisionRef, parseBoundaries } from './geojson.ts';

const divisions: DivisionRef[] = [
  { code: '430112', name: '望城区', level: 'district' },
  { code: '430112001', name: '高塘岭街道', level: 'subdistrict' },
  { code: '430112001001', name: '西塘街社区居委会', level: 'community' },
  { code: '430112012204', name: '郭亮村', level: 'community' },
  { code: '430112099201', name: '郭亮村', level: 'community' },
];
const box: [number, number, number, number] = [112.6, 28.1, 113.1, 28.6];
const square = (x = 112.8, y = 28.3) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ],
});
const feature = (properties: object, geometry: object = square()) => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (...features: object[]) => ({ type: 'FeatureCollection', features });

describe('parseBoundaries', () => {
  it('matches divisions by the common code and name properties', () => {
    const { boundaries, errors } = parseBoundaries(
      collection(
        feature({ XZQDM: '430112001000' }),
        feature({ NAME: '西塘街社区' }, { type: 'MultiPolygon', coordinates: [square(112.81).coordinates] }),
      ),
      divisions,
      box,
    );
    expect(errors).toEqual([]);
    expect(boundaries.map((b) => [b.divisionCode, b.level])).toEqual([
      ['430112001', 'subdistrict'],
      ['430112001001', 'community'],
    ]);
  });

  it('names the feature and the reason of each problem', () => {
    const { errors } = parseBoundaries(
      collection(
        feature({ name: '高塘岭街道' }),
        feature({ name: '不存在街道' }),
        feature({ code: '430112001001' }, { type: 'Point', coordinates: [112.8, 28.3] }),
        feature({ name: '郭亮村' }),
        feature(
          { adcode: '430112001' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [38500000, 3100000],
                [38500100, 3100000],
                [38500100, 3100100],
                [38500000, 3100000],
              ],
            ],
          },
        ),
        feature({ name: '高塘岭' }),
        feature({ foo: 1 }),
      ),
      divisions,
      box,
    );
    expect(errors.map((e) => [e.field, e.reason])).toEqual([
      ['features[1]', 'no_matching_division'],
      ['features[2]', 'bad_geometry'],
      ['features[3]', 'ambiguous_division'],
      ['features[4]', 'not_wgs84'],
      ['features[5]', 'no_matching_division'],
      ['features[6]', 'no_division_property'],
    ]);
  });

  it('refuses what is not a FeatureCollection, a projected CRS and a polygon far away', () => {
    expect(parseBoundaries({ type: 'Feature' }, divisions, box).errors[0]?.reason).toBe(
      'not_feature_collection',
    );
    const projected = {
      ...collection(feature({ code: '430112001' })),
      crs: { type: 'name', properties: { name: 'EPSG:4547' } },
    };
    expect(parseBoundaries(projected, divisions, box).errors[0]?.reason).toBe('not_wgs84');
    const far = collection(feature({ code: '430112001' }, square(116.4, 39.9)));
    expect(parseBoundaries(far, divisions, box).errors[0]).toMatchObject({
      field: 'features[0]',
      reason: 'outside_district',
    });
    const twice = collection(feature({ code: '430112001' }), feature({ name: '高塘岭街道' }));
    expect(parseBoundaries(twice, divisions, box).errors[0]).toMatchObject({
      field: 'features[1]',
      reason: 'duplicate_division',
    });
  });
});
