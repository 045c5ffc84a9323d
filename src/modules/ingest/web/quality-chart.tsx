import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime, formatNumber } from '../../../../web/kit/format.ts';
import { formatPercent } from './format.ts';
import { batchPath, type QualityPoint } from './ingest-api.ts';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

const colors = { completeness: '#1668dc', validity: '#52c41a', rejected: '#ff7875' };

/**
 * A resource's quality batch by batch: completeness and validity as lines (per cent, left axis) and the rows
 * rejected as bars (right axis). Clicking a batch opens its report. Loaded on demand with the chart library.
 */
export function QualityChart({ points, height = 340 }: { points: QualityPoint[]; height?: number }) {
  const { t, i18n } = useTranslation('ingest');
  const navigate = useNavigate();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const chart = echarts.init(element.current!);
    const short = new Intl.DateTimeFormat(i18n.language, {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    const percent = (share: number) => Math.round(share * 1000) / 10;
    chart.setOption({
      color: [colors.completeness, colors.validity, colors.rejected],
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const p = points[params[0]!.dataIndex]!;
          const line = (color: string, label: string, value: string) =>
            `<span style="display:inline-block;width:8px;height:8px;border-radius:4px;background:${color};margin-right:6px"></span>${t('quality.labelled', { label })}<b>${value}</b>`;
          return [
            `<b>${t('batch.title', { id: p.batchId })}</b> · ${echarts.format.encodeHTML(formatDateTime(p.at))}`,
            line(colors.completeness, t('quality.completeness'), formatPercent(p.completeness)),
            line(colors.validity, t('quality.validity'), formatPercent(p.validity)),
            line(
              colors.rejected,
              t('quality.rejected'),
              `${formatNumber(p.rejected)} / ${formatNumber(p.total)}`,
            ),
          ].join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 40, bottom: points.length > 20 ? 56 : 28 },
      xAxis: {
        type: 'category',
        data: points.map((p) => short.format(new Date(p.at))),
        axisTick: { alignWithLabel: true },
      },
      yAxis: [
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        // Twice the most rejected rows, so the bars keep to the lower half and leave the lines readable.
        {
          type: 'value',
          minInterval: 1,
          max: ({ max }: { max: number }) => Math.max(2, Math.ceil(max * 2)),
          splitLine: { show: false },
        },
      ],
      dataZoom: points.length > 20 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
      series: [
        {
          name: t('quality.completeness'),
          type: 'line',
          data: points.map((p) => percent(p.completeness)),
          symbolSize: 7,
        },
        {
          name: t('quality.validity'),
          type: 'line',
          data: points.map((p) => percent(p.validity)),
          symbolSize: 7,
        },
        {
          name: t('quality.rejected'),
          type: 'bar',
          yAxisIndex: 1,
          data: points.map((p) => p.rejected),
          barMaxWidth: 24,
          itemStyle: { opacity: 0.75 },
        },
      ],
    });
    chart.on('click', (event) => {
      const p = points[event.dataIndex];
      if (p) navigate(batchPath(p.batchId));
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
    // `t` changes with the language, and the labels must follow it.
  }, [points, t, i18n.language, navigate]);

  return <div ref={element} data-testid="quality-chart" style={{ width: '100%', height }} />;
}
