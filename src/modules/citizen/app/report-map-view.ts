/**
 * The district drawn as an SVG for picking a place (no map tiles, nothing from the internet): longitude and latitude
 * projected flat, longitude shrunk by the cosine of the district's latitude so shapes look as on a map.
 */

export type LngLat = [number, number];
/** The part of the plane the SVG shows (its viewBox), in projected units. */
export type View = { x: number; y: number; width: number; height: number };

/** The projection of a district around latitude `lat`: to the plane and back. */
export function projection(lat: number) {
  const k = Math.cos((lat * Math.PI) / 180);
  return {
    to: ([lng, la]: LngLat): [number, number] => [lng * k, -la],
    from: ([x, y]: [number, number]): LngLat => [x / k, -y],
  };
}
export type Projection = ReturnType<typeof projection>;

/** The view around an outline, with a margin of `margin` of its size on every side. */
export function viewAround(ring: LngLat[], p: Projection, margin = 0.04): View {
  const pts = ring.map(p.to);
  const xs = pts.map((q) => q[0]);
  const ys = pts.map((q) => q[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const m = Math.max(x1 - x0, y1 - y0) * margin;
  return { x: x0 - m, y: y0 - m, width: x1 - x0 + 2 * m, height: y1 - y0 + 2 * m };
}

/** The SVG path of a ring. */
export function pathOf(ring: LngLat[], p: Projection): string {
  return `${ring
    .map((q, i) => {
      const [x, y] = p.to(q);
      return `${i ? 'L' : 'M'}${x.toFixed(5)} ${y.toFixed(5)}`;
    })
    .join('')}Z`;
}

/** The point of the plane under a tap at (`dx`, `dy`): fractions 0..1 of the drawn SVG's width and height. */
export function pointAt(view: View, dx: number, dy: number): [number, number] {
  return [view.x + dx * view.width, view.y + dy * view.height];
}

/**
 * The view `factor` times closer (or farther, below 1) around `centre`, never wider than `full` nor out of it, the
 * same shape as `full` (the SVG keeps its size on the page).
 */
export function zoom(view: View, full: View, centre: [number, number], factor: number): View {
  const width = Math.min(full.width, view.width / factor);
  const height = (width * full.height) / full.width;
  const clamp = (v: number, lo: number, span: number, fullSpan: number) =>
    Math.min(Math.max(v, lo), lo + fullSpan - span);
  return {
    x: clamp(centre[0] - width / 2, full.x, width, full.width),
    y: clamp(centre[1] - height / 2, full.y, height, full.height),
    width,
    height,
  };
}
