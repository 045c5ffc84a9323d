import type { ChartOption } from '../../../../web/kit/chart.tsx';
import type { DailyUsage } from './share-api-client.ts';

/** Calls per day as bars stacked by series (resource or consumer), days as MM-DD. */
export function dailyOption(usage: DailyUsage): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: usage.days.map((d) => d.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: usage.series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'calls',
      barMaxWidth: 24,
      emphasis: { focus: 'series' },
      data: s.calls,
    })),
  };
}

const outcomeColors: Record<string, string> = { ok: '#52c41a', not_found: '#faad14' };

/** Calls per outcome as a ring: served green, not found amber, refusals in the palette's other colours. */
export function outcomesOption(rows: { name: string; outcome: string; calls: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        data: rows.map((r) => ({
          name: r.name,
          value: r.calls,
          ...(outcomeColors[r.outcome] ? { itemStyle: { color: outcomeColors[r.outcome] } } : {}),
        })),
      },
    ],
  };
}
