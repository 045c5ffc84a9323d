import { Card, Col, Empty, Row, Segmented, Skeleton } from 'antd';
import { LineChart } from 'echarts/charts';
import { DataZoomComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../../../web/kit/chart.tsx';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { useTimeseries } from './devices-api.ts';
import { keyName } from './iot-tags.tsx';
import type { AggregatePoint, RawPoint, TelemetryKeyDef } from './iot-types.ts';

// The kit's chart registers bars and pies; lines and zooming are drawn only here.
echarts.use([LineChart, DataZoomComponent]);

const ranges = [1, 24, 168] as const;

/** One key's line: raw values, or the average with its min–max band when the server aggregated them. */
function optionOf(
  def: TelemetryKeyDef,
  points: (RawPoint | AggregatePoint)[],
  avgLabel: string,
): ChartOption {
  const aggregated = points.length > 0 && 'avg' in points[0]!;
  const time = (p: { ts: string }) => new Date(p.ts).getTime();
  const base = {
    grid: { left: 48, right: 16, top: 24, bottom: 48 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: def.unit ?? '', scale: true },
    dataZoom: [{ type: 'inside' }],
  };
  if (!aggregated)
    return {
      ...base,
      series: [
        {
          type: 'line',
          name: keyName(def),
          showSymbol: points.length < 60,
          step: def.type === 'boolean' ? 'end' : undefined,
          data: (points as RawPoint[]).map((p) => [time(p), p.value]),
        },
      ],
    };
  const rows = points as AggregatePoint[];
  return {
    ...base,
    series: [
      // The band: min as an invisible base and max − min stacked on it.
      {
        type: 'line',
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        data: rows.map((p) => [time(p), p.min]),
        tooltip: { show: false },
      },
      {
        type: 'line',
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(22,119,255,0.15)' },
        data: rows.map((p) => [time(p), p.max - p.min]),
        tooltip: { show: false },
      },
      { type: 'line', name: avgLabel, symbol: 'none', data: rows.map((p) => [time(p), p.avg]) },
    ],
  };
}

/** 趋势: a chart per numeric key over the last hour, day or week; the server picks raw values or aggregates. */
export function DeviceCharts({ code, keys }: { code: string; keys: TelemetryKeyDef[] }) {
  const { t } = useTranslation('iot');
  // The last hour first: raw points, so a device registered a minute ago already draws its line.
  const [hours, setHours] = useState<number>(1);
  const numeric = useMemo(() => keys.filter((k) => k.type !== 'string'), [keys]);
  const series = useTimeseries(
    code,
    numeric.map((k) => k.key),
    hours,
  );
  const options = useMemo(
    () =>
      numeric.map((def) => ({
        def,
        option: optionOf(def, series.data?.series[def.key] ?? [], t('device.average')),
        empty: !series.data?.series[def.key]?.length,
      })),
    [numeric, series.data, t],
  );
  return (
    <Card
      title={t('device.charts')}
      extra={
        <Segmented
          value={hours}
          onChange={(v) => setHours(Number(v))}
          options={ranges.map((h) => ({ value: h, label: t(`device.range.${h}`) }))}
          data-testid="device-range"
        />
      }
    >
      {!numeric.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('device.noNumericKeys')} />
      ) : series.error ? (
        <LoadError error={series.error} onRetry={() => series.refetch()} />
      ) : !series.data ? (
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          {options.map(({ def, option, empty }) => (
            <Col key={def.key} xs={24} xl={12}>
              <Card size="small" title={def.unit ? `${keyName(def)} (${def.unit})` : keyName(def)}>
                {empty ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('device.noData')} />
                ) : (
                  <Chart option={option} height={220} testId={`chart-${def.key}`} />
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
