import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BoundaryCollection } from '../contract.ts';

// SVG like the home page's district map: a few dozen polygons need no chart library.

type Feature = BoundaryCollection['features'][number];

/** Projects the features' extent onto a `height`-high plane (longitude squeezed by the latitude's cosine). */
function projection(features: Feature[], height: number, pad = 16) {
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features)
    for (const polygon of f.geometry.coordinates)
      for (const [lng, lat] of polygon[0] ?? []) {
        [minLng, maxLng] = [Math.min(minLng, lng), Math.max(maxLng, lng)];
        [minLat, maxLat] = [Math.min(minLat, lat), Math.max(maxLat, lat)];
      }
  const squeeze = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (height - 2 * pad) / (maxLat - minLat || 1);
  const width = (maxLng - minLng) * squeeze * scale + 2 * pad;
  const project = (lng: number, lat: number) => [
    pad + (lng - minLng) * squeeze * scale,
    pad + (maxLat - lat) * scale,
  ];
  return { project, width: Number.isFinite(width) ? width : height };
}

/**
 * The boundaries of one level: uploaded ones drawn solid, approximate ones dashed and lighter, as the legend
 * says, with a dot for each point placed on the map (an address tried on the page).
 */
export function BoundaryMap({
  data,
  height = 420,
  marker,
  selected,
}: {
  data: BoundaryCollection;
  height?: number;
  marker?: [number, number] | null;
  selected?: string | null;
}) {
  const { t } = useTranslation('org');
  const { project, width } = projection(data.features, height);
  const path = (f: Feature) =>
    f.geometry.coordinates
      .flatMap((polygon) =>
        polygon.map((ring) => `M${ring.map(([lng, lat]) => project(lng, lat).join(',')).join('L')}Z`),
      )
      .join('');
  const dot = marker ? project(marker[0], marker[1]) : null;
  return (
    <svg
      data-testid="boundary-map"
      viewBox={`0 0 ${width} ${height}`}
      style={{ width: '100%', height, display: 'block' }}
      role="img"
      aria-label={t('places.mapLabel')}
    >
      {data.features.map((f) => (
        <Tooltip
          key={f.properties.code}
          title={`${f.properties.name} · ${t(f.properties.approximate ? 'places.approximate' : 'places.uploaded')}`}
        >
          <path
            d={path(f)}
            fillRule="evenodd"
            fill={
              f.properties.code === selected ? '#bcd7ff' : f.properties.approximate ? '#f0f5ff' : '#d6e4ff'
            }
            stroke={f.properties.approximate ? '#7da7e6' : '#1668dc'}
            strokeWidth={f.properties.approximate ? 1 : 1.6}
            strokeDasharray={f.properties.approximate ? '4 3' : undefined}
          />
        </Tooltip>
      ))}
      {data.features.map((f) => {
        const [x, y] = project(f.properties.centre[0], f.properties.centre[1]);
        return (
          <text
            key={f.properties.code}
            x={x}
            y={y}
            fontSize={11}
            textAnchor="middle"
            fill="#1f2d3d"
            pointerEvents="none"
          >
            {f.properties.name.replace(/(社区居委会|居委会|村委会)$/, (m) =>
              m === '村委会' ? '村' : m === '居委会' ? '' : '社区',
            )}
          </text>
        );
      })}
      {dot && (
        <circle
          data-testid="boundary-map-marker"
          cx={dot[0]}
          cy={dot[1]}
          r={6}
          fill="#f5222d"
          stroke="#fff"
          strokeWidth={2}
        />
      )}
    </svg>
  );
}
