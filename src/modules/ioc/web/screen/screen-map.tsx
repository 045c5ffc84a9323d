import { CustomChart, HeatmapChart, LinesChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictMap } from '../../../org/contract.ts';
import type { Incident, ScreenMap as ScreenMapData } from '../../contract.ts';
import { shortNumber } from './format.ts';
import { bboxOf, communityLines, incidentZoom, layerOptions, regionStyles } from './map-series.ts';
import type { Boundaries } from './screen-api.ts';
import { useChartPixelRatio } from './stage.tsx';
import { palette } from './styles.ts';
import { useChart } from './use-chart.ts';
import { type LayerId, layerIds } from './views.ts';

echarts.use([
  GeoComponent,
  TooltipComponent,
  VisualMapComponent,
  ScatterChart,
  HeatmapChart,
  LinesChart,
  CustomChart,
]);

const MAP_NAME = 'ioc-screen-district';

const layerColors: Record<LayerId, string> = {
  devices: palette.online,
  alarms: palette.bad,
  casePoints: '#4096ff',
  caseHeat: palette.warn,
  sites: '#fadb14',
  water: '#36cfc9',
  facilities: '#73d13d',
  choropleth: palette.accent,
};

type Feature = { type: 'Feature'; properties: { name: string; code?: string }; geometry: unknown };

/**
 * The district's map, drawn from its boundaries (no tiles): the subdistricts as areas (filled by their people when
 * the choropleth is on), the communities' borders, and the layers that are on. Clicking a subdistrict shows its
 * figures; any click on the map is reported as the picked point (where an incident may be placed). In emergency
 * mode the map centres on the incident and draws its circle.
 */
export function ScreenMap({
  district,
  boundaries,
  data,
  layers,
  onToggle,
  incident,
  onPick,
  pick,
  onDrawn,
  children,
}: {
  district: DistrictMap;
  boundaries: Boundaries | undefined;
  data: ScreenMapData;
  layers: ReadonlySet<LayerId>;
  onToggle: (layer: LayerId) => void;
  incident: Incident | null;
  onPick: (point: { lng: number; lat: number }) => void;
  pick: { lng: number; lat: number } | null;
  onDrawn: () => void;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation('ioc');
  const layered = useRef(false);
  const { element, chart } = useChart(useChartPixelRatio(), () => {
    if (layered.current) onDrawn();
  });
  const [selected, setSelected] = useState<string | null>(null);
  const picked = useRef(onPick);
  picked.current = onPick;

  // The subdistricts' own boundaries when the server has them, else the district's outline alone.
  const geo = useMemo(() => {
    const features: Feature[] = boundaries?.subdistricts.features.length
      ? boundaries.subdistricts.features
      : [district.outline];
    const rings = features.flatMap((f) => {
      const g = f.geometry as { type: string; coordinates: unknown };
      return (
        g.type === 'MultiPolygon'
          ? (g.coordinates as [number, number][][][]).flat()
          : (g.coordinates as [number, number][][])
      ) as [number, number][][];
    });
    const names = new Map(
      features.flatMap((f) => (f.properties.code ? [[f.properties.code, f.properties.name]] : [])),
    );
    return { json: { type: 'FeatureCollection', features }, box: bboxOf(rings), names };
  }, [district, boundaries]);
  const lines = useMemo(() => communityLines(boundaries?.communities), [boundaries]);

  const byName = useMemo(() => {
    const found = new Map(data.subdistricts.map((s) => [geo.names.get(s.code) ?? s.name, s]));
    return found;
  }, [data, geo]);
  const byNameRef = useRef(byName);
  byNameRef.current = byName;

  useEffect(() => {
    if (!chart) return;
    echarts.registerMap(MAP_NAME, geo.json as never);
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: 'item',
        backgroundColor: 'rgba(4, 18, 48, 0.92)',
        borderColor: palette.accent,
        textStyle: { color: '#fff', fontSize: 14 },
        formatter: (p: { componentType: string; name: string; data?: { tip?: string } }) => {
          if (p.componentType !== 'geo') return p.data?.tip ?? p.name;
          const s = byNameRef.current.get(p.name);
          return s ? `${p.name}<br/>${t('screen.map.people')} ${s.people}` : p.name;
        },
      },
      geo: {
        map: MAP_NAME,
        roam: true,
        layoutCenter: ['50%', '50%'],
        layoutSize: '94%',
        label: { show: true, color: 'rgba(214, 228, 255, 0.75)', fontSize: 13 },
        itemStyle: {
          areaColor: 'rgba(20, 70, 150, 0.55)',
          borderColor: 'rgba(63, 208, 255, 0.85)',
          borderWidth: 1.2,
          shadowColor: 'rgba(63, 208, 255, 0.5)',
          shadowBlur: 10,
        },
        emphasis: { itemStyle: { areaColor: 'rgba(63, 208, 255, 0.45)' }, label: { color: '#fff' } },
        select: { disabled: true },
        tooltip: { show: true },
      },
    });
    chart.on('click', (p) => {
      if (p.componentType === 'geo') setSelected(p.name);
    });
    const zr = chart.getZr();
    const clicked = (e: { offsetX: number; offsetY: number }) => {
      const at = chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (at && Number.isFinite(at[0]) && Number.isFinite(at[1]))
        picked.current({ lng: Number(at[0]!.toFixed(6)), lat: Number(at[1]!.toFixed(6)) });
    };
    zr.on('click', clicked);
    return () => {
      chart.off('click');
      zr.off('click', clicked);
    };
  }, [chart, geo, t]);

  useEffect(() => {
    if (!chart) return;
    const { series, visualMap } = layerOptions(data, layers, incident, lines, t);
    chart.setOption(
      { geo: { regions: regionStyles(data, geo.names, layers.has('choropleth')) }, series, visualMap },
      { replaceMerge: ['series', 'visualMap'] },
    );
    layered.current = true;
  }, [chart, geo, data, layers, incident, lines, t]);

  // Centred on the incident in emergency mode, on the district otherwise; only when that changes, so a map moved by
  // hand stays where it is while layers refresh.
  const [focusLng, focusLat, focusRadius] = incident ? [incident.lng, incident.lat, incident.radiusM] : [];
  useEffect(() => {
    if (!chart) return;
    const { box } = geo;
    chart.setOption({
      geo:
        focusLng !== undefined && focusLat !== undefined && focusRadius !== undefined
          ? { center: [focusLng, focusLat], zoom: incidentZoom(box, focusRadius) }
          : { center: [(box.minLng + box.maxLng) / 2, (box.minLat + box.maxLat) / 2], zoom: 1 },
    });
  }, [chart, geo, focusLng, focusLat, focusRadius]);

  const card = selected ? byName.get(selected) : undefined;
  const count = (n: number) => shortNumber(n, i18n.language);
  return (
    <div className="ioc-map" data-testid="screen-map">
      <div ref={element} className="ioc-map-canvas" data-testid="screen-map-canvas" />
      <div className="ioc-layers">
        {layerIds.map((id) => (
          <button
            type="button"
            key={id}
            className="ioc-layer"
            data-testid={`layer-${id}`}
            aria-pressed={layers.has(id)}
            onClick={() => onToggle(id)}
          >
            <i style={{ background: layerColors[id] }} />
            {t(`screen.layers.${id}`)}
          </button>
        ))}
      </div>
      {layers.has('choropleth') && (
        <div className="ioc-legend">
          {t('screen.map.fewer')}
          <span className="ioc-legend-ramp" />
          {t('screen.map.more')}
        </div>
      )}
      {selected && (
        <div className="ioc-card" data-testid="subdistrict-card">
          <h3>
            {selected}
            <button
              type="button"
              className="ioc-icon-button"
              onClick={() => setSelected(null)}
              aria-label={t('screen.map.close')}
            >
              ×
            </button>
          </h3>
          {card ? (
            <dl>
              {(['people', 'legalPersons', 'devices', 'openCases', 'activeAlarms'] as const).map((key) => (
                <div key={key} style={{ display: 'contents' }}>
                  <dt>{t(`screen.map.${key}`)}</dt>
                  <dd data-testid={`subdistrict-${key}`} data-value={card[key]}>
                    {count(card[key])}
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <div className="ioc-empty">{t('screen.none')}</div>
          )}
        </div>
      )}
      {pick && (
        <div className="ioc-pick" data-testid="map-pick">
          {t('screen.map.picked', { lng: pick.lng.toFixed(5), lat: pick.lat.toFixed(5) })}
        </div>
      )}
      {children && <div className="ioc-control">{children}</div>}
    </div>
  );
}
