import { ScatterChart } from 'echarts/charts';
import { GeoComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DistrictMap } from '../../org/contract.ts';
import { devicePath } from './devices-api.ts';
import { severityColors } from './iot-tags.tsx';
import type { DevicePoint } from './iot-types.ts';

// The same drawing as the events statistics map (ECharts' geo on the district's outline), no map tiles.
echarts.use([GeoComponent, TooltipComponent, LegendComponent, ScatterChart, CanvasRenderer]);

const statusColors = { online: '#52c41a', offline: '#8c8c8c', fault: '#fa8c16', retired: '#d9d9d9' };

/** The layer a device is drawn in: its alarm's severity when it has one, else its status. */
const layerOf = (d: DevicePoint) => (d.alarmSeverity ? `alarm.${d.alarmSeverity}` : `status.${d.status}`);

const layers = [
  ...(['online', 'offline', 'fault', 'retired'] as const).map((s) => ({
    id: `status.${s}`,
    color: statusColors[s],
  })),
  ...(['warning', 'minor', 'major', 'critical'] as const).map((s) => ({
    id: `alarm.${s}`,
    color: severityColors[s],
  })),
];

/**
 * The district's outline with the devices on it, coloured by status, or by their worst active alarm (drawn on
 * top, larger); clicking a device opens its page. Zoom and pan stay when the points refresh.
 */
export function DeviceMap({
  outline,
  points,
  height = 600,
}: {
  outline: DistrictMap;
  points: DevicePoint[];
  height?: number;
}) {
  const { t } = useTranslation('iot');
  const navigate = useNavigate();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>(null);

  useEffect(() => {
    const mapName = `district-${outline.district.code}`;
    echarts.registerMap(mapName, { type: 'FeatureCollection', features: [outline.outline] } as never);
    const c = echarts.init(element.current!);
    chart.current = c;
    c.setOption({
      geo: {
        map: mapName,
        roam: true,
        itemStyle: { areaColor: '#eef4ff', borderColor: '#1668dc', borderWidth: 1.2 },
        emphasis: { disabled: true },
        label: { show: false },
      },
    });
    c.on('click', (p) => {
      const code = (p.data as { code?: string } | undefined)?.code;
      if (code) navigate(devicePath(code));
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [outline, navigate]);

  useEffect(() => {
    const label = (id: string) => t(id.replace(/^alarm\./, 'severity.'));
    chart.current?.setOption(
      {
        tooltip: {
          trigger: 'item',
          formatter: (p: { data: { code: string; name: string }; seriesName: string }) =>
            `${p.data.code} ${p.data.name}<br/>${p.seriesName}<br/><span style="color:#8c8c8c">${t('map.clickHint')}</span>`,
        },
        legend: { top: 8, left: 8, orient: 'vertical', data: layers.map((l) => label(l.id)) },
        series: layers.map((l) => {
          const alarm = l.id.startsWith('alarm.');
          const data = points.filter((d) => layerOf(d) === l.id);
          return {
            id: l.id,
            name: label(l.id),
            type: 'scatter',
            coordinateSystem: 'geo',
            symbolSize: alarm ? 11 : 7,
            z: alarm ? 3 : 2,
            large: data.length > 3000,
            itemStyle: { color: l.color, borderColor: '#fff', borderWidth: alarm ? 1 : 0 },
            data: data.map((d) => ({ value: [d.lng, d.lat], code: d.code, name: d.name })),
          };
        }),
      },
      { replaceMerge: ['series'] },
    );
  }, [points, t]);

  return <div ref={element} data-testid="device-map" style={{ width: '100%', height }} />;
}
