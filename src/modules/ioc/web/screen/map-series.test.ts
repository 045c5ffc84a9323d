import { describe, expect, it } from 'vitest';
import type { Incident, ScreenMap } from '../../contract.ts';
import { bboxOf, circleRing, incidentZoom, layerOptions, rampColor, regionStyles } from './map-series.ts';
import type { LayerId } from './views.ts';

const t = (key: string) => key;

const map: ScreenMap = {
  subdistricts: [
    {
      code: '430112001',
      name: '高塘岭街道',
      people: 90_000,
      legalPersons: 5000,
      devices: 40,
      openCases: 12,
      activeAlarms: 2,
    },
    {
      code: '430112002',
      name: '喻家坡街道',
      people: 30_000,
      legalPersons: 900,
      devices: 10,
      openCases: 3,
      activeAlarms: 0,
    },
  ],
  devices: [
    { code: 'MH-1', name: '井盖1', profile: 'manhole', status: 'online', lng: 112.8, lat: 28.3 },
    { code: 'MH-2', name: '井盖2', profile: 'manhole', status: 'offline', lng: 112.81, lat: 28.31 },
  ],
  alarms: [
    {
      id: 7,
      deviceCode: 'MH-1',
      deviceName: '井盖1',
      severity: 'critical',
      startedAt: '2026-12-07T01:00:00Z',
      lng: 112.8,
      lat: 28.3,
    },
  ],
  cases: {
    points: [{ number: '2026120700001', categoryCode: null, status: 'dispatched', lng: 112.8, lat: 28.3 }],
    heat: [
      [112.8, 28.3, 4],
      [112.81, 28.31, 9],
    ],
  },
  constructionSites: [{ code: 'GD-1', name: '工地1', status: 'online', pm10: 180, lng: 112.8, lat: 28.3 }],
  waterStations: [
    { code: 'SW-1', name: '水位站1', status: 'online', level: 5.2, warningLevel: 5, lng: 112.8, lat: 28.3 },
  ],
  facilities: [{ id: 1, kind: 'shelter', name: '避难场所1', capacity: 800, lng: 112.8, lat: 28.3 }],
};

const incident = {
  id: 3,
  title: '郭亮中路内涝',
  lng: 112.82,
  lat: 28.37,
  radiusM: 1000,
} as Incident;

const ids = (layers: LayerId[], withIncident: Incident | null = null) =>
  layerOptions(map, new Set(layers), withIncident, [], t).series.map((s) => s.id);

describe('the screen map’s layers', () => {
  it('draws only the layers that are on, over the communities’ borders', () => {
    expect(ids([])).toEqual(['communities']);
    expect(ids(['devices'])).toEqual(['communities', 'devices-online', 'devices-offline', 'devices-fault']);
    expect(ids(['alarms', 'sites', 'water', 'facilities', 'casePoints'])).toEqual([
      'communities',
      'case-points',
      'sites',
      'water',
      'facilities',
      'alarms',
    ]);
  });

  it('names the device of an alarm by code and name, coloured by severity', () => {
    const alarms = layerOptions(map, new Set<LayerId>(['alarms']), null, [], t).series.find(
      (s) => s.id === 'alarms',
    )!;
    const [point] = alarms.data as { value: number[]; tip: string; itemStyle: { color: string } }[];
    expect(point!.value).toEqual([112.8, 28.3]);
    expect(point!.tip).toContain('MH-1 井盖1');
    expect(point!.itemStyle.color).toBe('#ff4d4f');
  });

  it('gives the heat layer its own colour scale, up to the busiest cell, and none without it', () => {
    const heat = layerOptions(map, new Set<LayerId>(['devices', 'caseHeat']), null, [], t);
    expect(heat.visualMap).toHaveLength(1);
    expect(heat.series[heat.visualMap[0]!.seriesIndex]!.id).toBe('case-heat');
    expect(heat.visualMap[0]!.max).toBe(9);
    expect(layerOptions(map, new Set<LayerId>(['devices']), null, [], t).visualMap).toEqual([]);
  });

  it('colours a water station over its warning level and a dusty site as bad', () => {
    const { series } = layerOptions(map, new Set<LayerId>(['water', 'sites']), null, [], t);
    const colour = (id: string) =>
      (series.find((s) => s.id === id)!.data as { itemStyle: { color: string } }[])[0]!.itemStyle.color;
    expect(colour('water')).toBe('#ff4d4f');
    expect(colour('sites')).toBe('#ff4d4f');
  });

  it('draws the incident’s circle and marker in emergency mode', () => {
    expect(ids([], incident)).toEqual(['communities', 'incident-area', 'incident']);
  });

  it('fills the subdistricts by their people when the choropleth is on, named as the boundaries name them', () => {
    const names = new Map([['430112001', '高塘岭街道（边界）']]);
    const regions = regionStyles(map, names, true);
    expect(regions.map((r) => r.name)).toEqual(['高塘岭街道（边界）', '喻家坡街道']);
    expect(regions[0]!.itemStyle.areaColor).toBe(rampColor(1));
    expect(regionStyles(map, names, false)).toEqual([]);
  });
});

describe('the incident on the map', () => {
  it('draws a circle of the radius in metres', () => {
    const ring = circleRing(112.82, 28.37, 1000);
    const box = bboxOf([ring]);
    expect((box.maxLat - box.minLat) * 111_320).toBeCloseTo(2000, 0);
    expect((box.maxLng - box.minLng) * 111_320 * Math.cos((28.37 * Math.PI) / 180)).toBeCloseTo(2000, 0);
    expect(ring[0]).toEqual(ring.at(-1));
  });

  it('zooms so the circle shows with room around it, never out past the district', () => {
    // About 20 km by 30 km.
    const box = { minLng: 112.7, maxLng: 112.9, minLat: 28.2, maxLat: 28.47 };
    const zoom = incidentZoom(box, 1000);
    expect(zoom).toBeGreaterThan(2);
    expect(incidentZoom(box, 20_000)).toBe(1);
    expect(incidentZoom(box, 500)).toBeCloseTo(zoom * 2);
  });

  it('ramps from dark to light', () => {
    expect(rampColor(0)).toBe('#12305f');
    expect(rampColor(1)).toBe('#b5f5ff');
    expect(rampColor(2)).toBe('#b5f5ff');
  });
});
