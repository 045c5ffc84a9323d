import { describe, expect, it } from 'vitest';
import { type LngLat, pathOf, pointAt, projection, viewAround, zoom } from './report-map-view.ts';

const square: LngLat[] = [
  [112.7, 28.2],
  [113.0, 28.2],
  [113.0, 28.5],
  [112.7, 28.5],
  [112.7, 28.2],
];

describe('the district drawn for picking a place', () => {
  const p = projection(28.35);

  it('projects and unprojects a point', () => {
    const [lng, lat] = p.from(p.to([112.82, 28.36]));
    expect(lng).toBeCloseTo(112.82, 9);
    expect(lat).toBeCloseTo(28.36, 9);
    // North is up: a point further north has a smaller y.
    expect(p.to([112.8, 28.5])[1]).toBeLessThan(p.to([112.8, 28.2])[1]);
  });

  it('frames the outline with a margin and draws it as a path', () => {
    const v = viewAround(square, p, 0);
    expect(v.height).toBeCloseTo(0.3, 9);
    expect(v.width).toBeCloseTo(0.3 * Math.cos((28.35 * Math.PI) / 180), 9);
    expect(pathOf(square, p)).toMatch(/^M[\d.-]+ [\d.-]+(L[\d.-]+ [\d.-]+){4}Z$/);
  });

  it('turns a tap in the middle of the drawing into the middle of the district', () => {
    const v = viewAround(square, p, 0);
    const [lng, lat] = p.from(pointAt(v, 0.5, 0.5));
    expect(lng).toBeCloseTo(112.85, 6);
    expect(lat).toBeCloseTo(28.35, 6);
    const [, top] = p.from(pointAt(v, 0, 0));
    expect(top).toBeCloseTo(28.5, 6);
  });

  it('zooms around a point and stays inside the district’s frame', () => {
    const full = viewAround(square, p);
    const close = zoom(full, full, p.to([112.85, 28.35]), 4);
    expect(close.width).toBeCloseTo(full.width / 4, 9);
    expect(close.height / close.width).toBeCloseTo(full.height / full.width, 9);
    const corner = zoom(full, full, p.to([112.5, 28.9]), 4);
    expect(corner.x).toBeCloseTo(full.x, 9);
    expect(corner.y).toBeCloseTo(full.y, 9);
    expect(zoom(close, full, p.to([112.85, 28.35]), 0.01)).toEqual(full);
  });
});
