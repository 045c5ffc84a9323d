import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictMap as DistrictMapData } from '../contract.ts';

echarts.use([GeoComponent, TooltipComponent, ScatterChart, CanvasRenderer]);

type Point = { name: string; value: [number, number, number] };

/** The district's outline with a point at each subdistrict's centre, sized by its number of communities; no map tiles needed. */
export function DistrictMap({ data, height = 440 }: { data: DistrictMapData; height?: number }) {
  const { t } = useTranslation('org');
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const mapName = `district-${data.district.code}`;
    echarts.registerMap(mapName, { type: 'FeatureCollection', features: [data.outline] } as never);
    const chart = echarts.init(element.current!);
    const points: Point[] = data.subdistricts
      .filter((s) => s.lng !== null && s.lat !== null)
      .map((s) => ({ name: s.name, value: [s.lng!, s.lat!, s.communities] }));
    chart.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesType?: string; name: string; value?: Point['value'] }) => {
          const name = echarts.format.encodeHTML(p.name);
          return p.seriesType === 'scatter' && p.value
            ? `<b>${name}</b><br/>${t('widgets.communities')}: ${p.value[2]}`
            : name;
        },
      },
      geo: {
        map: mapName,
        // Wheel zoom would steal the page's scrolling; the whole district fits in view anyway.
        roam: false,
        // Degrees of longitude shrink with latitude; without this the district is drawn too wide.
        aspectScale: Math.cos(((data.district.lat ?? 28) * Math.PI) / 180),
        layoutCenter: ['50%', '50%'],
        layoutSize: '95%',
        itemStyle: {
          areaColor: '#e8f1ff',
          borderColor: '#1668dc',
          borderWidth: 1.5,
          shadowColor: 'rgba(22,104,220,0.25)',
          shadowBlur: 12,
        },
        emphasis: { itemStyle: { areaColor: '#d6e6ff' }, label: { show: false } },
        tooltip: { show: false },
      },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          data: points,
          symbolSize: (value: Point['value']) => 8 + Math.sqrt(value[2]) * 2.5,
          itemStyle: { color: '#1668dc', borderColor: '#fff', borderWidth: 1.5 },
          label: { show: true, formatter: '{b}', position: 'right', fontSize: 11, color: '#1f2d3d' },
          labelLayout: { hideOverlap: true },
          emphasis: { scale: 1.4, label: { fontWeight: 'bold' } },
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
    // `t` changes with the language, and the tooltip text must follow it.
  }, [data, t]);

  return <div ref={element} data-testid="district-map" style={{ width: '100%', height }} />;
}
