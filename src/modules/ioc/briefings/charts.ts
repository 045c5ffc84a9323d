import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { BriefingFigures } from './contract.ts';
import { FONT_FAMILY } from './fonts.ts';

// The briefing's charts, drawn on the server with ECharts' server-side SVG renderer: the documents carry them as
// pictures (PNG in the DOCX, vector in the PDF), so nothing but a document viewer is needed to read them.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 360;

export const chartNames = ['daily', 'categories', 'sharing', 'alarms'] as const;
export type ChartName = (typeof chartNames)[number];
/** Each chart as an SVG document. */
export type Charts = Record<ChartName, string>;

const BLUE = '#2f5eb5';
const GREEN = '#2e9e6a';
const RED = '#c0392b';
const ORANGE = '#d9822b';

const base = {
  animation: false,
  backgroundColor: '#ffffff',
  textStyle: { fontFamily: FONT_FAMILY, fontSize: 16, color: '#333333' },
};

/** What an empty chart says instead of drawing empty axes. */
const nothing = (text = '本期无数据') => ({
  ...base,
  title: { text, left: 'center', top: 'middle', textStyle: { fontFamily: FONT_FAMILY, color: '#999999' } },
});

/** One option drawn as SVG. */
function svgOf(option: Record<string, unknown>): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A horizontal bar chart of named counts, the largest on top. */
function ranking(items: { name: string; value: number }[], color: string, unit: string) {
  if (!items.some((i) => i.value > 0)) return nothing();
  const shown = items.slice(0, 10).toReversed();
  return {
    ...base,
    grid: { left: 16, right: 56, top: 16, bottom: 16 },
    xAxis: {
      type: 'value',
      name: unit,
      minInterval: 1,
      axisLabel: { fontFamily: FONT_FAMILY, fontSize: 15 },
    },
    yAxis: {
      type: 'category',
      data: shown.map((i) => i.name),
      axisLabel: { fontFamily: FONT_FAMILY, fontSize: 15, width: 180, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: shown.map((i) => i.value),
        itemStyle: { color },
        barMaxWidth: 24,
        label: { show: true, position: 'right', fontFamily: FONT_FAMILY, fontSize: 15 },
      },
    ],
  };
}

/** Cases received and closed per day (a month's days labelled every few days). */
function daily(f: BriefingFigures) {
  const days = f.cases.daily;
  if (!days.some((d) => d.received || d.closed)) return nothing();
  const label = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
  const weekly = days.length <= 7;
  return {
    ...base,
    legend: { top: 0, textStyle: { fontFamily: FONT_FAMILY, fontSize: 15 } },
    grid: { left: 16, right: 24, top: 40, bottom: 16 },
    xAxis: {
      type: 'category',
      data: days.map((d) => label(d.date)),
      axisLabel: { fontFamily: FONT_FAMILY, fontSize: 15 },
    },
    yAxis: {
      type: 'value',
      name: '件',
      minInterval: 1,
      axisLabel: { fontFamily: FONT_FAMILY, fontSize: 15 },
    },
    series: [
      {
        name: '受理',
        type: weekly ? 'bar' : 'line',
        data: days.map((d) => d.received),
        itemStyle: { color: BLUE },
        ...(weekly && {
          label: { show: true, position: 'top', fontFamily: FONT_FAMILY, fontSize: 14 },
          barMaxWidth: 28,
        }),
      },
      {
        name: '办结',
        type: weekly ? 'bar' : 'line',
        data: days.map((d) => d.closed),
        itemStyle: { color: GREEN },
        ...(weekly && {
          label: { show: true, position: 'top', fontFamily: FONT_FAMILY, fontSize: 14 },
          barMaxWidth: 28,
        }),
      },
    ],
  };
}

/** The briefing's four charts as SVG: daily cases, cases by category, sharing calls by department, alarms by type. */
export function renderCharts(f: BriefingFigures): Charts {
  return {
    daily: svgOf(daily(f)),
    categories: svgOf(
      ranking(
        f.cases.topCategories.map((c) => ({ name: c.name, value: c.count })),
        BLUE,
        '件',
      ),
    ),
    sharing: svgOf(
      ranking(
        f.sharing.byDepartment.map((d) => ({ name: d.name, value: d.calls })),
        ORANGE,
        '次',
      ),
    ),
    alarms: svgOf(
      ranking(
        f.alarms.byType.map((a) => ({ name: a.name, value: a.count })),
        RED,
        '条',
      ),
    ),
  };
}
