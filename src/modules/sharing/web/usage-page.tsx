import { Card, Col, Empty, Flex, Row, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../../../web/kit/chart.tsx';
import { formatDateTime, formatNumber } from '../../../../web/kit/format.ts';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import {
  type RecentCall,
  type UsageParams,
  useDailyUsage,
  useOutcomeUsage,
  useRecentCalls,
  useTopConsumers,
  useUsageChoices,
} from './share-api-client.ts';
import { dailyOption, outcomesOption } from './usage-charts.ts';

const outcomeList = [
  'ok',
  'not_found',
  'no_credential',
  'bad_signature',
  'revoked',
  'expired_credential',
  'grant_revoked',
  'grant_expired',
  'no_grant',
  'item_not_granted',
  'masked_filter',
  'rate_limited',
  'over_quota',
  'bad_filter',
  'bad_cursor',
];

/** /sharing/usage: sharing API calls charted per day, by outcome and consumer, with the recent calls. */
export function UsagePage() {
  const { t } = useTranslation('sharing');
  const [params, setParams] = useListParams({
    days: '30',
    resource: '',
    consumer: '',
    outcome: '',
    page: '1',
    pageSize: '20',
  });
  const choices = useUsageChoices();
  const filters: UsageParams = { days: params.days, resource: params.resource, consumer: params.consumer };
  return (
    <>
      <PageHeader
        title={t('usage.title')}
        description={
          choices.data && t(choices.data.scope === 'all' ? 'usage.scopeAll' : 'usage.scopeDepartment')
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ width: 140 }}
          value={params.days}
          onChange={(days) => setParams({ days })}
          options={['7', '30', '90'].map((d) => ({ value: d, label: t('usage.days', { days: d }) }))}
          data-testid="usage-days"
        />
        <Select
          style={{ width: 260 }}
          value={params.resource}
          onChange={(resource) => setParams({ resource })}
          showSearch
          optionFilterProp="label"
          options={[
            { value: '', label: t('usage.allResources') },
            ...(choices.data?.resources ?? []).map((r) => ({ value: r.alias ?? r.code, label: r.name })),
          ]}
          data-testid="usage-resource"
        />
        <Select
          style={{ width: 220 }}
          value={params.consumer}
          onChange={(consumer) => setParams({ consumer })}
          showSearch
          optionFilterProp="label"
          options={[
            { value: '', label: t('usage.allConsumers') },
            ...(choices.data?.consumers ?? []).map((c) => ({ value: String(c.id), label: c.name })),
          ]}
          data-testid="usage-consumer"
        />
      </Flex>
      <Charts filters={filters} />
      <RecentCalls params={params} setParams={setParams} />
    </>
  );
}

/** A chart card, its skeleton while loading, its error, or an empty picture. */
function ChartCard(props: {
  title: string;
  query: { isError: boolean; error: unknown; refetch: () => unknown; data?: unknown };
  empty: boolean;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation('sharing');
  const { query } = props;
  return (
    <Card size="small" title={props.title} data-testid={props.testId}>
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => query.refetch()} />
      ) : !query.data ? (
        <Skeleton active />
      ) : props.empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('usage.empty')} />
      ) : (
        props.children
      )}
    </Card>
  );
}

function Charts({ filters }: { filters: UsageParams }) {
  const { t } = useTranslation('sharing');
  const byResource = useDailyUsage(filters, 'resource');
  const byConsumer = useDailyUsage(filters, 'consumer');
  const outcomes = useOutcomeUsage(filters);
  const top = useTopConsumers(filters);
  const options = useMemo(
    () => ({
      resource: byResource.data && dailyOption(byResource.data),
      consumer: byConsumer.data && dailyOption(byConsumer.data),
      outcomes:
        outcomes.data &&
        outcomesOption(
          outcomes.data.items.map((o) => ({
            ...o,
            name: t(`outcome.${o.outcome}`, { defaultValue: o.outcome }),
          })),
        ),
    }),
    [byResource.data, byConsumer.data, outcomes.data, t],
  );
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} xl={12}>
        <ChartCard
          title={t('usage.byResource')}
          query={byResource}
          empty={!byResource.data?.series.length}
          testId="usage-by-resource"
        >
          {options.resource && <Chart option={options.resource} />}
        </ChartCard>
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          title={t('usage.byConsumer')}
          query={byConsumer}
          empty={!byConsumer.data?.series.length}
          testId="usage-by-consumer"
        >
          {options.consumer && <Chart option={options.consumer} />}
        </ChartCard>
      </Col>
      <Col xs={24} xl={10}>
        <ChartCard
          title={`${t('usage.outcomes')} · ${t('usage.total', { count: outcomes.data?.total ?? 0 })}`}
          query={outcomes}
          empty={!outcomes.data?.total}
          testId="usage-outcomes"
        >
          {options.outcomes && <Chart option={options.outcomes} />}
        </ChartCard>
      </Col>
      <Col xs={24} xl={14}>
        <ChartCard
          title={t('usage.topConsumers')}
          query={top}
          empty={!top.data?.items.length}
          testId="usage-top"
        >
          <Table
            size="small"
            rowKey={(r) => String(r.departmentId)}
            pagination={false}
            dataSource={top.data?.items}
            columns={[
              { title: t('usage.department'), dataIndex: 'department' },
              {
                title: t('usage.systems'),
                dataIndex: 'systems',
                render: (s: string[]) => s.join('、') || '—',
              },
              { title: t('usage.calls'), dataIndex: 'calls', align: 'right', render: formatNumber },
              { title: t('usage.served'), dataIndex: 'served', align: 'right', render: formatNumber },
              { title: t('usage.rows'), dataIndex: 'rows', align: 'right', render: formatNumber },
              { title: t('usage.lastAt'), dataIndex: 'lastAt', render: (v: string) => formatDateTime(v) },
            ]}
          />
        </ChartCard>
      </Col>
    </Row>
  );
}

type CallParams = { page: string; pageSize: string; resource: string; consumer: string; outcome: string };

function RecentCalls({
  params,
  setParams,
}: {
  params: CallParams;
  setParams: (changes: Partial<CallParams>) => void;
}) {
  const { t } = useTranslation('sharing');
  const calls = useRecentCalls({
    page: params.page,
    pageSize: params.pageSize,
    resource: params.resource,
    consumer: params.consumer,
    outcome: params.outcome,
  });
  const columns: ColumnsType<RecentCall> = [
    { title: t('usage.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v, true) },
    { title: t('usage.resource'), dataIndex: 'resourceName', render: (v: string | null) => v ?? '—' },
    {
      title: t('usage.department'),
      key: 'department',
      render: (_, r) => (
        <>
          {r.department ?? '—'}
          {r.system && <Typography.Text type="secondary"> · {r.system}</Typography.Text>}
        </>
      ),
    },
    { title: t('usage.endpoint'), dataIndex: 'endpoint', render: (v: string) => t(`usage.endpoints.${v}`) },
    {
      title: t('usage.query'),
      dataIndex: 'query',
      ellipsis: true,
      render: (q: Record<string, unknown> | null) => (
        <Typography.Text code>{q ? JSON.stringify(q) : '—'}</Typography.Text>
      ),
    },
    { title: t('usage.rows'), dataIndex: 'rows', align: 'right' },
    {
      title: t('usage.outcome'),
      dataIndex: 'outcome',
      render: (v: string, r) => (
        <Tag color={v === 'ok' ? 'green' : r.status === 404 ? 'gold' : 'red'}>
          {r.status} {t(`outcome.${v}`, { defaultValue: v })}
        </Tag>
      ),
    },
    { title: t('usage.ms'), dataIndex: 'ms', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('usage.keyId'), dataIndex: 'keyId', render: (v: string | null) => v ?? '—' },
    { title: t('usage.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Card
      size="small"
      title={t('usage.recent')}
      extra={
        <Select
          style={{ width: 180 }}
          value={params.outcome}
          onChange={(outcome) => setParams({ outcome })}
          options={[
            { value: '', label: t('usage.allOutcomes') },
            ...outcomeList.map((o) => ({ value: o, label: t(`outcome.${o}`) })),
          ]}
          data-testid="usage-outcome"
        />
      }
    >
      {calls.isError ? (
        <LoadError error={calls.error} onRetry={() => calls.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={calls.isFetching}
          dataSource={calls.data?.items}
          columns={columns}
          scroll={{ x: 1100 }}
          pagination={urlPagination(params, setParams, calls.data?.total ?? 0)}
          locale={{ emptyText: <TableEmpty text={t('usage.empty')} /> }}
          data-testid="usage-calls"
        />
      )}
    </Card>
  );
}
