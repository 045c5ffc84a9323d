import type { TFunction } from 'i18next';
import type { ChartOption } from '../../../../web/kit/chart.tsx';
import type { RegistryStatistics } from './registry-api.ts';

type Label = (value: string | null) => string;

const male = '#1668dc';
const female = '#eb2f96';

/** Counts of something per named bucket as horizontal bars, largest on top. */
export function barsOption(rows: { name: string; count: number }[], seriesName: string): ChartOption {
  const sorted = [...rows].sort((a, b) => a.count - b.count);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((r) => r.name), axisTick: { show: false } },
    series: [
      {
        name: seriesName,
        type: 'bar',
        data: sorted.map((r) => r.count),
        barMaxWidth: 18,
        itemStyle: { color: '#1668dc', borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', fontSize: 11 },
      },
    ],
  };
}

/**
 * The population by five-year age band, men to the left and women to the right of one axis: the men's counts
 * are drawn negative and every label shows the absolute number.
 */
export function pyramidOption(
  rows: NonNullable<RegistryStatistics['agePyramid']>,
  t: TFunction<'registry'>,
): ChartOption {
  const abs = (value: number) => String(Math.abs(value));
  // The same reach both ways, so the two sides compare at a glance.
  const peak = Math.max(1, ...rows.flatMap((r) => [r.male, r.female]));
  return {
    color: [male, female],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: number) => abs(value),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: -peak, max: peak, minInterval: 1, axisLabel: { formatter: abs } },
    yAxis: { type: 'category', data: rows.map((r) => r.band), axisTick: { show: false } },
    series: [
      {
        name: t('stats.male'),
        type: 'bar',
        stack: 'people',
        data: rows.map((r) => -r.male),
        barCategoryGap: '12%',
      },
      { name: t('stats.female'), type: 'bar', stack: 'people', data: rows.map((r) => r.female) },
    ],
  };
}

/** Shares of a total as a ring. */
export function pieOption(rows: { name: string; count: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        data: rows.map((r) => ({ name: r.name, value: r.count })),
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
}

/** Components per class as bars stacked by status. */
export function classStatusOption(
  rows: NonNullable<RegistryStatistics['byClass']>,
  label: Label,
): ChartOption {
  const classes = [...new Set(rows.map((r) => r.class))];
  const statuses = [...new Set(rows.map((r) => r.status))];
  const statusColors = ['#52c41a', '#faad14', '#ff4d4f', '#722ed1', '#8c8c8c'];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: classes.map(label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: statuses.map((status, index) => ({
      name: label(status),
      type: 'bar',
      stack: 'components',
      barMaxWidth: 48,
      itemStyle: { color: statusColors[index % statusColors.length] },
      data: classes.map((cls) => rows.find((r) => r.class === cls && r.status === status)?.count ?? 0),
    })),
  };
}
