import { DownloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import dayjs from 'dayjs';
import { LineChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { Chart, type ChartOption } from '../../../../web/kit/chart.tsx';
import { useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { allowed } from '../../../../web/kit/web-module.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import { caseChannels } from '../cases/contract.ts';
import type { Figures, Statistics } from '../contract.ts';
import { eventsPolicy } from '../policy.ts';
import { CaseMap } from './case-map.tsx';
import {
  downloadStatistics,
  type StatsFilters,
  useCaseMap,
  useCategories,
  useDistrictOutline,
  useStatistics,
} from './stats-api.ts';

// The kit's chart draws bars and pies; the trend's closed cases are a line.
echarts.use([LineChart]);

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** 统计分析: the three rates and counts, trend, top categories, tables per department and subdistrict, map. */
export function StatisticsPage() {
  const { t } = useTranslation('events');
  const { message } = App.useApp();
  const seesAll = allowed(useSignedInUser().roles, eventsPolicy.warnings);
  const [params, setParams] = useListParams({
    from: '',
    to: '',
    category: '',
    channel: '',
    departmentId: '',
  });
  const filters: StatsFilters = {
    from: params.from || undefined,
    to: params.to || undefined,
    category: params.category || undefined,
    channel: params.channel || undefined,
    departmentId: params.departmentId ? Number(params.departmentId) : undefined,
  };
  const stats = useStatistics(filters);
  const categories = useCategories();
  const departments = useAllDepartments();
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadStatistics(filters);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setExporting(false);
    }
  };

  const range = stats.data ? ([dayjs(stats.data.from), dayjs(stats.data.to)] as const) : null;
  return (
    <>
      <PageHeader
        title={t('stats.title')}
        description={t('stats.description')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={exportXlsx}
            data-testid="stats-export"
          >
            {t('stats.export')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          allowClear={false}
          value={range ? [range[0], range[1]] : undefined}
          presets={[
            { label: t('stats.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
            { label: t('stats.last90'), value: [dayjs().subtract(89, 'day'), dayjs()] },
            { label: t('stats.lastYear'), value: [dayjs().subtract(364, 'day'), dayjs()] },
          ]}
          onChange={(dates) =>
            setParams({ from: dates?.[0]?.format('YYYY-MM-DD'), to: dates?.[1]?.format('YYYY-MM-DD') })
          }
          data-testid="stats-range"
        />
        <Select
          aria-label={t('stats.category')}
          value={params.category}
          onChange={(category) => setParams({ category })}
          style={{ width: 200 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={[
            { value: '', label: `${t('stats.category')}: ${t('stats.all')}` },
            ...(categories.data ?? []).map((c) => ({ value: c.code, label: c.name })),
          ]}
        />
        <Select
          aria-label={t('stats.channel')}
          value={params.channel}
          onChange={(channel) => setParams({ channel })}
          style={{ width: 160 }}
          options={[
            { value: '', label: `${t('stats.channel')}: ${t('stats.all')}` },
            ...caseChannels.map((c) => ({ value: c, label: t(`stats.channels.${c}`) })),
          ]}
        />
        {seesAll && (
          <Select
            aria-label={t('stats.department')}
            value={params.departmentId}
            onChange={(departmentId) => setParams({ departmentId })}
            style={{ width: 200 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: '', label: `${t('stats.department')}: ${t('stats.all')}` },
              ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
            ]}
          />
        )}
      </Space>
      {stats.isError ? (
        <LoadError error={stats.error} onRetry={() => stats.refetch()} />
      ) : stats.data ? (
        <Overview stats={stats.data} filters={filters} />
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
    </>
  );
}

function Overview({ stats, filters }: { stats: Statistics; filters: StatsFilters }) {
  const { t } = useTranslation('events');
  const s = stats.totals;
  const options = useMemo(() => ({ trend: trendOption(stats, t), top: topOption(stats) }), [stats, t]);
  return (
    <Row gutter={[16, 16]}>
      {stats.scope === 'department' && (
        <Col xs={24}>
          <Typography.Text type="secondary">{t('stats.ownDepartment')}</Typography.Text>
        </Col>
      )}
      {(
        [
          ['received', s.received.toLocaleString()],
          ['closed', s.closed.toLocaleString()],
          ['onTimeRate', percent(s.onTimeRate)],
          ['satisfactionRate', percent(s.satisfactionRate)],
          ['reopenRate', percent(s.reopenRate)],
          ['meanHandlingHours', s.meanHandlingHours === null ? '—' : `${s.meanHandlingHours} h`],
        ] as const
      ).map(([key, value]) => (
        <Col xs={12} md={8} xl={4} key={key}>
          <Card size="small">
            <Statistic title={t(`stats.figures.${key}`)} value={value} data-testid={`stats-${key}`} />
          </Card>
        </Col>
      ))}
      <Col xs={24} xl={16}>
        <Card size="small" title={t('stats.trend')}>
          {s.received ? (
            <Chart option={options.trend} height={320} />
          ) : (
            <Empty description={t('stats.empty')} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('stats.topCategories')}>
          {stats.topCategories.length ? (
            <Chart option={options.top} height={320} />
          ) : (
            <Empty description={t('stats.empty')} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('stats.byDepartment')}>
          <FigureTable
            rows={stats.byDepartment.map((d) => ({
              key: String(d.departmentId),
              name: d.departmentName ?? t('stats.undispatched'),
              ...d,
            }))}
            nameTitle={t('stats.department')}
            testId="stats-by-department"
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('stats.bySubdistrict')}>
          <FigureTable
            rows={stats.bySubdistrict.map((d) => ({
              key: String(d.subdistrictCode),
              name: d.subdistrictName ?? t('stats.unplaced'),
              ...d,
            }))}
            nameTitle={t('stats.subdistrict')}
            testId="stats-by-subdistrict"
          />
        </Card>
      </Col>
      <Col xs={24}>
        <MapCard filters={filters} />
      </Col>
    </Row>
  );
}

type FigureRow = Figures & { key: string; name: string };

/** A table of figures, each column sortable in the browser (the rows are few). */
function FigureTable({ rows, nameTitle, testId }: { rows: FigureRow[]; nameTitle: string; testId: string }) {
  const { t } = useTranslation('events');
  const by = (pick: (r: FigureRow) => number | null) => (a: FigureRow, b: FigureRow) =>
    (pick(a) ?? -1) - (pick(b) ?? -1);
  const columns: ColumnsType<FigureRow> = [
    {
      key: 'name',
      dataIndex: 'name',
      title: nameTitle,
      fixed: 'left',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    {
      key: 'received',
      dataIndex: 'received',
      title: t('stats.figures.received'),
      align: 'right',
      sorter: by((r) => r.received),
      defaultSortOrder: 'descend',
    },
    {
      key: 'closed',
      dataIndex: 'closed',
      title: t('stats.figures.closed'),
      align: 'right',
      sorter: by((r) => r.closed),
    },
    {
      key: 'onTimeRate',
      dataIndex: 'onTimeRate',
      title: t('stats.figures.onTimeRate'),
      align: 'right',
      sorter: by((r) => r.onTimeRate),
      render: percent,
    },
    {
      key: 'satisfactionRate',
      dataIndex: 'satisfactionRate',
      title: t('stats.figures.satisfactionRate'),
      align: 'right',
      sorter: by((r) => r.satisfactionRate),
      render: percent,
    },
    {
      key: 'reopenRate',
      dataIndex: 'reopenRate',
      title: t('stats.figures.reopenRate'),
      align: 'right',
      sorter: by((r) => r.reopenRate),
      render: percent,
    },
    {
      key: 'meanHandlingHours',
      dataIndex: 'meanHandlingHours',
      title: t('stats.figures.meanHandlingHours'),
      align: 'right',
      sorter: by((r) => r.meanHandlingHours),
      render: (v: number | null) => (v === null ? '—' : v),
    },
  ];
  return (
    <Table<FigureRow>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 720 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.empty')} /> }}
      data-testid={testId}
    />
  );
}

/** The map of cases: heat or points, with what the outline and the sample are. */
function MapCard({ filters }: { filters: StatsFilters }) {
  const { t } = useTranslation('events');
  const [mode, setMode] = useState<'heat' | 'points'>('heat');
  const map = useCaseMap(filters);
  const outline = useDistrictOutline();
  return (
    <Card
      size="small"
      title={t('stats.map.title')}
      extra={
        <Segmented
          value={mode}
          onChange={(v) => setMode(v as 'heat' | 'points')}
          options={[
            { value: 'heat', label: t('stats.map.heat') },
            { value: 'points', label: t('stats.map.points') },
          ]}
        />
      }
    >
      {map.isError || outline.isError ? (
        <LoadError
          error={map.error ?? outline.error}
          onRetry={() => {
            map.refetch();
            outline.refetch();
          }}
        />
      ) : map.data && outline.data ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="case-map-note">
            {t('stats.map.approximate')}{' '}
            {mode === 'points'
              ? t('stats.map.sampled', { shown: map.data.points.length, placed: map.data.placed })
              : t('stats.map.cells', { metres: map.data.cellMetres, placed: map.data.placed })}{' '}
            {map.data.sampleShare < 1 &&
              t('stats.map.estimated', { percent: Math.round(map.data.sampleShare * 100) })}
          </Typography.Paragraph>
          {map.data.placed ? (
            <CaseMap outline={outline.data} data={map.data} mode={mode} />
          ) : (
            <Empty description={t('stats.map.none')} />
          )}
        </>
      ) : (
        <Skeleton active paragraph={{ rows: 8 }} />
      )}
    </Card>
  );
}

function trendOption(stats: Statistics, t: (key: string) => string): ChartOption {
  const label = (period: string) => (stats.granularity === 'month' ? period.slice(0, 7) : period.slice(5));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: stats.trend.map((p) => label(p.period)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('stats.figures.received'),
        type: 'bar',
        data: stats.trend.map((p) => p.received),
        itemStyle: { color: '#1668dc' },
        barMaxWidth: 24,
      },
      {
        name: t('stats.figures.closed'),
        type: 'line',
        data: stats.trend.map((p) => p.closed),
        itemStyle: { color: '#52c41a' },
        smooth: true,
      },
    ],
  };
}

function topOption(stats: Statistics): ChartOption {
  const rows = [...stats.topCategories].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.categoryName ?? '—'), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.count),
        barMaxWidth: 18,
        itemStyle: { color: '#fa8c16', borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', fontSize: 11 },
      },
    ],
  };
}
