import { Card, Flex, Skeleton, Space, Statistic, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import type { Resource } from '../../catalog/contract.ts';
import { formatPercent } from './format.ts';
import { batchPath, useBatchPage, useQualityHistory } from './ingest-api.ts';
import { ItemQualityTable } from './item-quality.tsx';
import { UploadDataButton } from './upload-button.tsx';

// The chart library is large; it loads when a quality tab is first opened.
const QualityChart = lazy(() => import('./quality-chart.tsx').then((m) => ({ default: m.QualityChart })));
const chartHeight = 340;

/** The 质量 tab: completeness, validity and rejects batch by batch, and each item's quality in the latest batch. */
export function ResourceQualityTab({ resource }: { resource: Resource }) {
  const { t } = useTranslation('ingest');
  const history = useQualityHistory(resource.code);
  const latest = useBatchPage({ resource: resource.code, status: 'done', page: 1, pageSize: 1 });

  if (history.isError) return <LoadError error={history.error} onRetry={() => history.refetch()} />;
  if (history.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!history.data.length) {
    return (
      <TableEmpty text={t('quality.empty')}>
        <UploadDataButton resource={resource} quiet />
      </TableEmpty>
    );
  }

  const last = history.data.at(-1)!;
  const batch = latest.data?.items[0];
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('quality.trend')}
        extra={
          <Space size={32}>
            <Statistic title={t('quality.latestCompleteness')} value={formatPercent(last.completeness)} />
            <Statistic title={t('quality.latestValidity')} value={formatPercent(last.validity)} />
          </Space>
        }
      >
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: chartHeight }} />}>
          <QualityChart points={history.data} height={chartHeight} />
        </Suspense>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('quality.chartHint')}
        </Typography.Text>
      </Card>
      <Card
        size="small"
        title={
          batch
            ? t('quality.latestTitle', { id: batch.id, at: formatDateTime(batch.startedAt) })
            : t('quality.latestTitleShort')
        }
        extra={batch && <Link to={batchPath(batch.id)}>{t('quality.openReport')}</Link>}
      >
        {latest.isError ? (
          <LoadError error={latest.error} onRetry={() => latest.refetch()} />
        ) : batch ? (
          <ItemQualityTable batch={batch} resource={resource} />
        ) : latest.isPending ? (
          <Skeleton active />
        ) : (
          // A department user sees only its own department's batches, and may see none of this resource.
          <TableEmpty text={t('quality.noLatest')} />
        )}
      </Card>
    </Flex>
  );
}
