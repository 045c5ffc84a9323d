import { describe, expect, it } from 'vitest';
import { distanceMetres, offsetMetres } from '../../events/index.ts';
import { boxAround, nearest } from './nearby.ts';

// 高塘岭街道, the district's seat.
const centre = { lng: 112.82, lat: 28.37 };
const at = (east: number, north: number) => offsetMetres(centre, east, north);

describe('what is near an incident', () => {
  it('boxes the whole circle and little more', () => {
    const box = boxAround(centre, 1000);
    for (const [e, n] of [
      [1000, 0],
      [-1000, 0],
      [0, 1000],
      [0, -1000],
    ] as const) {
      const p = at(e, n);
      expect(p.lng).toBeGreaterThanOrEqual(box.west);
      expect(p.lng).toBeLessThanOrEqual(box.east);
      expect(p.lat).toBeGreaterThanOrEqual(box.south);
      expect(p.lat).toBeLessThanOrEqual(box.north);
    }
    expect(distanceMetres(centre, { lng: box.east, lat: centre.lat })).toBeLessThan(1002);
    expect(distanceMetres(centre, { lng: centre.lng, lat: box.north })).toBeLessThan(1002);
  });

  it('keeps what is within the radius, nearest first, capped, with whole metres', () => {
    const items = [
      { name: 'far', ...at(900, 0) },
      { name: 'corner', ...at(800, 800) }, // in the box, outside the circle (1131 m)
      { name: 'near', ...at(0, 120) },
      { name: 'middle', ...at(-400, 300) },
      { name: 'also-near', ...at(150, 0) },
    ];
    const found = nearest(items, centre, 1000, 10);
    expect(found.map((f) => f.name)).toEqual(['near', 'also-near', 'middle', 'far']);
    expect(found.map((f) => f.distanceM)).toEqual([120, 150, 500, 900]);
    expect(nearest(items, centre, 1000, 2).map((f) => f.name)).toEqual(['near', 'also-near']);
    expect(nearest(items, centre, 100, 10)).toEqual([]);
    expect(nearest([], centre, 1000, 10)).toEqual([]);
  });

  it('keeps the given order of things at one distance', () => {
    const same = [
      { name: 'a', ...at(0, 300) },
      { name: 'b', ...at(0, 300) },
    ];
    expect(nearest(same, centre, 1000, 10).map((f) => f.name)).toEqual(['a', 'b']);
    expect(nearest(same.toReversed(), centre, 1000, 10).map((f) => f.name)).toEqual(['b', 'a']);
  });
});
