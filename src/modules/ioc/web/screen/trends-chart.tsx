import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenTrends } from '../../contract.ts';
import { Panel } from './figures.tsx';
import { useChartPixelRatio } from './stage.tsx';
import { palette } from './styles.ts';
import { useChart } from './use-chart.ts';
import type { TrendSeries } from './views.ts';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent]);

const colors: Record<TrendSeries, string> = {
  casesReceived: '#3fd0ff',
  casesClosed: '#36cfc9',
  alarms: '#ff7a45',
  sharingCalls: '#9254de',
  recordsLoaded: '#fadb14',
};
// Calls and records run to tens of thousands a day, cases and alarms to hundreds: they get the right-hand axis.
const large: TrendSeries[] = ['sharingCalls', 'recordsLoaded'];

/** The 30 days' lines of the view's series (the first as bars when a view has one series). */
export function TrendsPanel({
  trends,
  series,
  onDrawn,
}: {
  trends: ScreenTrends;
  series: TrendSeries[];
  onDrawn: () => void;
}) {
  const { t } = useTranslation('ioc');
  const { element, chart } = useChart(useChartPixelRatio(), onDrawn);
  useEffect(() => {
    if (!chart) return;
    const axis = {
      axisLine: { lineStyle: { color: palette.line } },
      axisLabel: { color: palette.muted, fontSize: 13 },
    };
    const split = { splitLine: { lineStyle: { color: 'rgba(63,140,255,0.12)' } } };
    const twoAxes = series.some((s) => large.includes(s)) && series.some((s) => !large.includes(s));
    chart.setOption(
      {
        animationDuration: 600,
        grid: { left: 56, right: twoAxes ? 64 : 24, top: 36, bottom: 28 },
        legend: {
          top: 4,
          right: 12,
          textStyle: { color: palette.text, fontSize: 14 },
          itemWidth: 16,
          itemHeight: 8,
        },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: trends.days.map((d) => d.date.slice(5)), ...axis },
        yAxis: [
          { type: 'value', ...axis, ...split },
          { type: 'value', ...axis, splitLine: { show: false }, show: twoAxes },
        ],
        series: series.map((s, i) => ({
          id: s,
          name: t(`screen.series.${s}`),
          type: series.length === 1 || (i === 0 && s !== 'alarms' && !twoAxes) ? 'bar' : 'line',
          yAxisIndex: twoAxes && large.includes(s) ? 1 : 0,
          smooth: true,
          showSymbol: false,
          barMaxWidth: 14,
          itemStyle: { color: colors[s] },
          lineStyle: { width: 2.5 },
          areaStyle: series.length > 1 ? undefined : { opacity: 0.15 },
          data: trends.days.map((d) => d[s]),
        })),
      },
      { replaceMerge: ['series'] },
    );
  }, [chart, trends, series, t]);
  return (
    <Panel title={t('screen.panels.trends')} testId="panel-trends" height={250}>
      <div ref={element} className="ioc-chart" data-testid="trends-chart" />
    </Panel>
  );
}
