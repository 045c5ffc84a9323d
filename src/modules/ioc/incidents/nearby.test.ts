import { describe, expect, it } from 'vitest';
import { boxAround, metresBetween, nearest, offsetMetres } from './nearby.ts';

// 高塘岭街道, the district's seat.
const centre = { lng: 112.82, lat: 28.37 };
const at = (east: number, north: number) => offsetMetres(centre, east, north);

describe('distances near an incident', () => {
  it('measures metres on the sphere', () => {
    expect(metresBetween(centre, centre)).toBe(0);
    // One degree of latitude is about 111.2 km.
    expect(metresBetween({ lng: 112, lat: 28 }, { lng: 112, lat: 29 })).toBeCloseTo(111_195, -1);
    expect(metresBetween(centre, at(300, 400))).toBeCloseTo(500, 0);
    expect(metresBetween(at(300, 400), centre)).toBeCloseTo(metresBetween(centre, at(300, 400)), 9);
  });

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
    expect(metresBetween(centre, { lng: box.east, lat: centre.lat })).toBeLessThan(1002);
    expect(metresBetween(centre, { lng: centre.lng, lat: box.north })).toBeLessThan(1002);
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
});
