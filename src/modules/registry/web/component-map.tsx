import { ScatterChart } from 'echarts/charts';
import { GeoComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DistrictMap } from '../../org/contract.ts';
import { useLabels } from './labels.ts';
import { type ComponentPoint, entityPath } from './registry-api.ts';

echarts.use([GeoComponent, TooltipComponent, LegendComponent, ScatterChart, CanvasRenderer]);

/** One colour per component class (GB/T 30428's six), and grey for anything else. */
export const classColors: Record<string, string> = {
  公用设施: '#1668dc',
  道路交通: '#fa8c16',
  市容环境: '#13c2c2',
  园林绿化: '#52c41a',
  房屋土地: '#722ed1',
  其他设施: '#8c8c8c',
};
const otherColor = '#bfbfbf';

/** The colour of a class's points. */
export const classColor = (cls: string | null) => (cls && classColors[cls]) || otherColor;

type Datum = { name: string; value: [number, number]; point: ComponentPoint };

// Past this many points ECharts draws a series in one pass, or the map would crawl at the full district's 50,000.
const largeThreshold = 3000;

/**
 * The district's outline with every component as a point coloured by class, one series per class so the legend
 * switches classes on and off; clicking a point opens its entity page.
 */
export function ComponentMap({
  outline,
  points,
  height = 560,
}: {
  outline: DistrictMap;
  points: ComponentPoint[];
  height?: number;
}) {
  const { t } = useTranslation('registry');
  const labels = useLabels('component');
  const navigate = useNavigate();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const mapName = `district-${outline.district.code}`;
    echarts.registerMap(mapName, { type: 'FeatureCollection', features: [outline.outline] } as never);
    const chart = echarts.init(element.current!);
    const byClass = new Map<string, Datum[]>();
    for (const point of points) {
      const cls = point.class ?? '';
      const data = byClass.get(cls) ?? [];
      data.push({ name: point.key, value: [point.lng, point.lat], point });
      byClass.set(cls, data);
    }
    const classes = [...byClass.keys()].sort(
      (a, b) => Object.keys(classColors).indexOf(a) - Object.keys(classColors).indexOf(b),
    );
    // Looked up by position: a series drawn in large mode does not hand its items back to events.
    const pointAt = (series: number | undefined, index: number) =>
      series === undefined ? undefined : byClass.get(classes[series]!)?.[index]?.point;
    const seriesName = (cls: string) => `${labels.value(cls || null)} (${byClass.get(cls)!.length})`;
    chart.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesIndex?: number; dataIndex: number }) => {
          const point = pointAt(p.seriesIndex, p.dataIndex);
          if (!point) return '';
          const e = echarts.format.encodeHTML;
          return [
            `<b>${e(point.subclass ?? '—')}</b> · ${e(labels.value(point.class))}`,
            `${e(t('map.key'))}: ${e(point.key)}`,
            `${e(t('map.status'))}: ${e(labels.value(point.status))}`,
            `<span style="color:#8c8c8c">${e(t('map.clickHint'))}</span>`,
          ].join('<br/>');
        },
      },
      legend: { top: 0, left: 0, orient: 'horizontal', data: classes.map(seriesName) },
      geo: {
        map: mapName,
        roam: true,
        // Degrees of longitude shrink with latitude; without this the district is drawn too wide.
        aspectScale: Math.cos(((outline.district.lat ?? 28) * Math.PI) / 180),
        layoutCenter: ['50%', '53%'],
        layoutSize: '92%',
        itemStyle: { areaColor: '#f0f5ff', borderColor: '#1668dc', borderWidth: 1.5 },
        emphasis: { itemStyle: { areaColor: '#e6efff' }, label: { show: false } },
        tooltip: { show: false },
      },
      series: classes.map((cls) => ({
        name: seriesName(cls),
        type: 'scatter',
        coordinateSystem: 'geo',
        data: byClass.get(cls),
        symbolSize: points.length > largeThreshold ? 4 : 9,
        large: points.length > largeThreshold,
        largeThreshold,
        itemStyle: { color: classColor(cls || null), borderColor: '#fff', borderWidth: 1, opacity: 0.9 },
        emphasis: { scale: 1.6 },
      })),
    });
    chart.on('click', (event) => {
      const point = pointAt(event.seriesIndex, event.dataIndex);
      if (point) navigate(entityPath('component', point.key));
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
    // `t` and the labels change with the language, and the legend and tooltip must follow it.
  }, [outline, points, t, labels.value, navigate]);

  return (
    <div
      ref={element}
      data-testid="component-map"
      data-points={points.length}
      style={{ width: '100%', height }}
    />
  );
}
