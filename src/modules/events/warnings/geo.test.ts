import { describe, expect, it } from 'vitest';
import { distanceMetres, isLngLat, offsetMetres } from './geo.ts';

describe('geo', () => {
  it('measures great-circle distances in metres', () => {
    expect(distanceMetres({ lng: 112.82, lat: 28.35 }, { lng: 112.82, lat: 28.35 })).toBe(0);
    expect(distanceMetres({ lng: 0, lat: 0 }, { lng: 0, lat: 1 })).toBeCloseTo(111_195, 0);
    expect(distanceMetres({ lng: 0, lat: 60 }, { lng: 1, lat: 60 })).toBeCloseTo(55_597, -1);
    // Tiananmen to the Bund: about 1,067 km.
    const km = distanceMetres({ lng: 116.3975, lat: 39.9087 }, { lng: 121.4903, lat: 31.2397 }) / 1000;
    expect(km).toBeGreaterThan(1060);
    expect(km).toBeLessThan(1075);
    expect(distanceMetres({ lng: 0, lat: 0 }, { lng: 180, lat: 0 })).toBeCloseTo(Math.PI * 6_371_008.8, 0);
  });

  it('moves a point by metres east and north', () => {
    const from = { lng: 112.82, lat: 28.35 };
    expect(distanceMetres(from, offsetMetres(from, 300, 400))).toBeCloseTo(500, 0);
  });

  it('tells usable coordinates', () => {
    expect(isLngLat({ lng: 112.82, lat: 28.35 })).toBe(true);
    expect(isLngLat({ lng: 112.82, lat: 91 })).toBe(false);
    expect(isLngLat({ lng: -181, lat: 0 })).toBe(false);
    expect(isLngLat({ lng: Number.NaN, lat: 0 })).toBe(false);
  });
});
