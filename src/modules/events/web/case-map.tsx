import { HeatmapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DistrictMap } from '../../org/contract.ts';
import type { CaseMap as CaseMapData } from '../contract.ts';

echarts.use([GeoComponent, TooltipComponent, VisualMapComponent, ScatterChart, HeatmapChart, CanvasRenderer]);

/**
 * The district's outline with the cases on it: as heat (counts per ~200 m cell, every case in the range) or as
 * points (a sample, spread over the range); clicking a point opens its case.
 */
export function CaseMap({
  outline,
  data,
  mode,
  height = 520,
}: {
  outline: DistrictMap;
  data: CaseMapData;
  mode: 'heat' | 'points';
  height?: number;
}) {
  const { t } = useTranslation('events');
  const navigate = useNavigate();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const mapName = `district-${outline.district.code}`;
    echarts.registerMap(mapName, { type: 'FeatureCollection', features: [outline.outline] } as never);
    const chart = echarts.init(element.current!);
    const peak = Math.max(1, ...data.heat.map((c) => c[2]));
    chart.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesType: string; value: number[]; data: { number?: string } }) =>
          p.seriesType === 'heatmap'
            ? `${t('stats.map.cell', { metres: data.cellMetres })}: ${p.value[2]}`
            : `${p.data.number ?? ''}<br/><span style="color:#8c8c8c">${t('stats.map.clickHint')}</span>`,
      },
      geo: {
        map: mapName,
        roam: true,
        itemStyle: { areaColor: '#eef4ff', borderColor: '#1668dc', borderWidth: 1.2 },
        emphasis: { disabled: true },
        label: { show: false },
      },
      ...(mode === 'heat'
        ? {
            visualMap: {
              min: 0,
              max: peak,
              calculable: true,
              orient: 'horizontal',
              left: 'center',
              bottom: 8,
              inRange: { color: ['#ffffcc', '#fd8d3c', '#e31a1c', '#800026'] },
              text: [t('stats.map.more'), t('stats.map.fewer')],
            },
            series: [
              { type: 'heatmap', coordinateSystem: 'geo', data: data.heat, pointSize: 6, blurSize: 10 },
            ],
          }
        : {
            series: [
              {
                type: 'scatter',
                coordinateSystem: 'geo',
                symbolSize: 5,
                large: data.points.length > 3000,
                itemStyle: { color: '#1668dc', opacity: 0.7 },
                data: data.points.map((p) => ({ value: [p.lng, p.lat], number: p.number })),
              },
            ],
          }),
    });
    chart.on('click', (p) => {
      const number = (p.data as { number?: string } | undefined)?.number;
      if (number) navigate(`/events/cases/${number}`);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [outline, data, mode, t, navigate]);

  return <div ref={element} data-testid="case-map" style={{ width: '100%', height }} />;
}
