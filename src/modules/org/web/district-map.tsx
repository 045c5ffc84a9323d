import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DistrictMap as DistrictMapData } from '../contract.ts';

// Drawn as SVG rather than with the chart library: the map is on the home page, the first page after sign-in, and
// ECharts alone would add about 150 KB (compressed) to it. An outline and some dots need no more than this.

const pad = 24;
// Room for the names of subdistricts on the outline's eastern edge.
const labelRoom = 110;

/**
 * Projects longitude and latitude onto the SVG's plane (degrees of longitude shrink with latitude), scaled so the
 * district fills `height`; `width` is what the drawing then needs.
 */
function projection(data: DistrictMapData, height: number) {
  const ring = data.outline.geometry.coordinates[0] ?? [];
  const lngs = ring.map(([lng]) => lng);
  const lats = ring.map(([, lat]) => lat);
  const [minLng, maxLng, minLat, maxLat] = [
    Math.min(...lngs),
    Math.max(...lngs),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const squeeze = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (height - 2 * pad) / (maxLat - minLat || 1);
  const width = (maxLng - minLng) * squeeze * scale + 2 * pad + labelRoom;
  const project = (lng: number, lat: number): [number, number] => [
    pad + (lng - minLng) * squeeze * scale,
    pad + (maxLat - lat) * scale,
  ];
  return { project, width };
}

/** The district's outline with a point at each subdistrict's centre, sized by its number of communities; no map tiles needed. */
export function DistrictMap({ data, height = 440 }: { data: DistrictMapData; height?: number }) {
  const { t } = useTranslation('org');
  const { project, width } = projection(data, height);
  const outline = data.outline.geometry.coordinates
    .map((ring) => `M${ring.map(([lng, lat]) => project(lng, lat).join(',')).join('L')}Z`)
    .join('');
  // Largest first, so where labels would overlap the larger subdistrict keeps its name.
  const points = data.subdistricts
    .filter((s) => s.lng !== null && s.lat !== null)
    .map((s) => {
      const [x, y] = project(s.lng!, s.lat!);
      return { ...s, x, y, r: 4 + Math.sqrt(s.communities) * 1.25 };
    })
    .toSorted((a, b) => b.communities - a.communities);
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const labelled = new Set<string>();
  for (const p of points) {
    const box = { x0: p.x + p.r + 2, x1: p.x + p.r + 4 + p.name.length * 13, y0: p.y - 9, y1: p.y + 9 };
    if (placed.some((o) => box.x0 < o.x1 && o.x0 < box.x1 && box.y0 < o.y1 && o.y0 < box.y1)) continue;
    placed.push(box);
    labelled.add(p.code);
  }
  return (
    <svg
      data-testid="district-map"
      viewBox={`0 0 ${width} ${height}`}
      style={{ width: '100%', height, display: 'block' }}
      role="img"
      aria-label={data.district.name}
    >
      <path
        d={outline}
        fill="#e8f1ff"
        stroke="#1668dc"
        strokeWidth={1.5}
        style={{ filter: 'drop-shadow(0 0 6px rgba(22,104,220,0.25))' }}
      />
      {points.map((p) => (
        <Tooltip key={p.code} title={`${p.name} · ${t('widgets.communities')}: ${p.communities}`}>
          <g data-testid="district-map-point">
            <circle cx={p.x} cy={p.y} r={p.r} fill="#1668dc" stroke="#fff" strokeWidth={1.5} />
            {labelled.has(p.code) && (
              <text x={p.x + p.r + 3} y={p.y} dominantBaseline="middle" fontSize={13} fill="#1f2d3d">
                {p.name}
              </text>
            )}
          </g>
        </Tooltip>
      ))}
    </svg>
  );
}
