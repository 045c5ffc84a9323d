// What the screen's map draws, as ECharts options built from the map's layers: pure functions, so the rules (which
// layer shows what, in which colour, the incident's circle and zoom) are tested without a browser.
import type { BoundaryCollection } from '../../../org/contract.ts';
import type { Incident, ScreenMap } from '../../contract.ts';
import { palette, pm10Color, severityColor } from './styles.ts';
import type { LayerId } from './views.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Position = [number, number];
export type Bbox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

/** The extent of some rings. */
export function bboxOf(rings: Position[][]): Bbox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const ring of rings)
    for (const [lng, lat] of ring) {
      box.minLng = Math.min(box.minLng, lng);
      box.maxLng = Math.max(box.maxLng, lng);
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
    }
  return box;
}

const METRES_PER_DEGREE = 111_320;

/** A circle of `radiusM` metres around a point, as a ring of `steps` points (longitude squeezed by latitude). */
export function circleRing(lng: number, lat: number, radiusM: number, steps = 72): Position[] {
  const dLat = radiusM / METRES_PER_DEGREE;
  const dLng = dLat / Math.cos((lat * Math.PI) / 180);
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / steps;
    return [lng + dLng * Math.cos(a), lat + dLat * Math.sin(a)] as Position;
  });
}

/**
 * The geo zoom that shows the incident's circle with room around it (about three radii across the shorter side
 * of the district), never less than the whole district.
 */
export function incidentZoom(box: Bbox, radiusM: number): number {
  const midLat = (box.minLat + box.maxLat) / 2;
  const width = (box.maxLng - box.minLng) * METRES_PER_DEGREE * Math.cos((midLat * Math.PI) / 180);
  const height = (box.maxLat - box.minLat) * METRES_PER_DEGREE;
  const shorter = Math.min(width, height);
  if (!(shorter > 0)) return 1;
  return Math.max(1, Math.min(40, shorter / (6 * radiusM)));
}

const ramp = ['#12305f', '#1f6fd1', '#3fd0ff', '#b5f5ff'];

/** A colour of the choropleth's ramp for a share 0..1. */
export function rampColor(share: number): string {
  const x = Math.max(0, Math.min(1, share)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(x));
  const mix = (a: string, b: string, f: number) =>
    `#${[1, 3, 5]
      .map((k) => {
        const v = Math.round(
          Number.parseInt(a.slice(k, k + 2), 16) * (1 - f) + Number.parseInt(b.slice(k, k + 2), 16) * f,
        );
        return v.toString(16).padStart(2, '0');
      })
      .join('')}`;
  return mix(ramp[i]!, ramp[i + 1]!, x - i);
}

/**
 * The subdistricts' fill: by their registered people when the choropleth is on (named as the map's regions are,
 * matched by code), else one quiet colour.
 */
export function regionStyles(
  map: ScreenMap,
  regionNames: Map<string, string>,
  choropleth: boolean,
): { name: string; itemStyle: { areaColor: string } }[] {
  if (!choropleth) return [];
  const peak = Math.max(1, ...map.subdistricts.map((s) => s.people));
  return map.subdistricts.map((s) => ({
    name: regionNames.get(s.code) ?? s.name,
    itemStyle: { areaColor: rampColor(s.people / peak) },
  }));
}

/** The communities' borders, thin lines over the subdistricts' areas (rings of more than 400 points thinned). */
export function communityLines(communities: BoundaryCollection | undefined): { coords: Position[] }[] {
  if (!communities) return [];
  return communities.features.flatMap((f) =>
    f.geometry.coordinates.flatMap((polygon) =>
      polygon.map((ring) => {
        const step = Math.ceil(ring.length / 400);
        return { coords: step > 1 ? ring.filter((_, i) => i % step === 0 || i === ring.length - 1) : ring };
      }),
    ),
  );
}

const symbolSize = { devices: 5, alarms: 13, casePoints: 6, sites: 12, water: 12, facilities: 10 };

/** A point of a scatter layer: its position and the tooltip's text. */
function point(lng: number, lat: number, tip: string, extra: Record<string, unknown> = {}) {
  return { value: [lng, lat], tip, ...extra };
}

/**
 * The series of the layers that are on (and of the incident, in emergency mode); each series keeps one id, so an
 * update replaces only what changed. `visualMap` is there for the heat layer only.
 */
export function layerOptions(
  map: ScreenMap,
  on: ReadonlySet<LayerId>,
  incident: Incident | null,
  communities: { coords: Position[] }[],
  t: Translate,
) {
  const series: Record<string, unknown>[] = [
    {
      id: 'communities',
      type: 'lines',
      coordinateSystem: 'geo',
      polyline: true,
      silent: true,
      // Said outright: ECharts' lines view clears the layer of its series' zlevel, and without one it makes an
      // empty canvas of its own, over the map.
      zlevel: 0,
      z: 1,
      lineStyle: { color: 'rgba(120, 170, 255, 0.28)', width: 0.6 },
      data: communities,
    },
  ];
  const scatter = (id: string, name: string, data: unknown[], style: Record<string, unknown>) =>
    series.push({
      id,
      name,
      type: 'scatter',
      coordinateSystem: 'geo',
      z: 3,
      large: data.length > 2000,
      data,
      ...style,
    });
  const status = (s: string) => t(`screen.status.${s}`, { defaultValue: s });
  if (on.has('devices'))
    for (const s of ['online', 'offline', 'fault'] as const)
      scatter(
        `devices-${s}`,
        `${t('screen.layers.devices')} · ${status(s)}`,
        map.devices
          .filter((d) => d.status === s)
          .map((d) => point(d.lng, d.lat, `${d.code} ${d.name}<br/>${status(d.status)}`)),
        { symbolSize: symbolSize.devices, itemStyle: { color: palette[s], opacity: 0.85 } },
      );
  if (on.has('caseHeat')) {
    series.push({
      id: 'case-heat',
      type: 'heatmap',
      coordinateSystem: 'geo',
      pointSize: 7,
      blurSize: 14,
      z: 2,
      data: map.cases.heat,
    });
  }
  if (on.has('casePoints'))
    scatter(
      'case-points',
      t('screen.layers.casePoints'),
      map.cases.points.map((c) => point(c.lng, c.lat, c.number)),
      { symbolSize: symbolSize.casePoints, itemStyle: { color: '#4096ff', opacity: 0.75 } },
    );
  if (on.has('sites'))
    scatter(
      'sites',
      t('screen.layers.sites'),
      map.constructionSites.map((s) =>
        point(s.lng, s.lat, `${s.name}<br/>PM10 ${s.pm10 ?? '—'}`, {
          itemStyle: { color: pm10Color(s.pm10) },
        }),
      ),
      { symbol: 'triangle', symbolSize: symbolSize.sites },
    );
  if (on.has('water'))
    scatter(
      'water',
      t('screen.layers.water'),
      map.waterStations.map((s) => {
        const over = s.level !== null && s.warningLevel !== null && s.level >= s.warningLevel;
        return point(
          s.lng,
          s.lat,
          `${s.name}<br/>${t('screen.figures.level')} ${s.level ?? '—'} / ${t('screen.figures.warningLevel')} ${s.warningLevel ?? '—'}`,
          { itemStyle: { color: over ? palette.bad : '#36cfc9' } },
        );
      }),
      { symbol: 'diamond', symbolSize: symbolSize.water },
    );
  if (on.has('facilities'))
    scatter(
      'facilities',
      t('screen.layers.facilities'),
      map.facilities.map((f) =>
        point(f.lng, f.lat, `${t(`screen.facility.${f.kind}`)} · ${f.name}`, {
          itemStyle: {
            color: f.kind === 'shelter' ? '#73d13d' : f.kind === 'school' ? '#ffd666' : '#ff85c0',
          },
        }),
      ),
      { symbol: 'rect', symbolSize: symbolSize.facilities },
    );
  if (on.has('alarms'))
    scatter(
      'alarms',
      t('screen.layers.alarms'),
      map.alarms.map((a) =>
        point(
          a.lng,
          a.lat,
          `${a.deviceCode} ${a.deviceName}<br/>${t(`screen.severity.${a.severity}`, { defaultValue: a.severity })}`,
          {
            itemStyle: {
              color: severityColor(a.severity),
              shadowBlur: 12,
              shadowColor: severityColor(a.severity),
            },
          },
        ),
      ),
      { symbolSize: symbolSize.alarms, z: 4, itemStyle: { borderColor: '#fff', borderWidth: 1 } },
    );
  if (incident) {
    const ring = circleRing(incident.lng, incident.lat, incident.radiusM);
    series.push({
      id: 'incident-area',
      type: 'custom',
      coordinateSystem: 'geo',
      silent: true,
      z: 5,
      data: [[incident.lng, incident.lat]],
      renderItem: (_params: unknown, api: { coord: (p: Position) => Position }) => ({
        type: 'polygon',
        shape: { points: ring.map((p) => api.coord(p)) },
        style: { fill: 'rgba(255, 77, 79, 0.16)', stroke: palette.bad, lineWidth: 2, lineDash: [8, 4] },
      }),
    });
    scatter('incident', incident.title, [point(incident.lng, incident.lat, incident.title)], {
      symbol: 'pin',
      symbolSize: 40,
      z: 6,
      itemStyle: { color: palette.bad },
      label: { show: true, position: 'top', color: '#fff', fontSize: 16, formatter: incident.title },
    });
  }
  const heatIndex = series.findIndex((s) => s.id === 'case-heat');
  const peak = Math.max(1, ...map.cases.heat.map((c) => c[2]));
  const visualMap =
    heatIndex >= 0
      ? [
          {
            show: false,
            min: 0,
            max: peak,
            seriesIndex: heatIndex,
            inRange: { color: ['rgba(64,150,255,0)', '#4096ff', '#faad14', '#ff4d4f'] },
          },
        ]
      : [];
  return { series, visualMap };
}
