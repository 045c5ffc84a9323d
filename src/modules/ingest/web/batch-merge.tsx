import { Alert, Card, Flex, Progress, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../web/kit/format.ts';
import { formatSeconds } from './format.ts';
import type { Batch } from './ingest-api.ts';

/**
 * The step after a batch of a resource that feeds a base registry: its merge into the registry, with how many of
 * its entities are merged while it runs, then what it did. Nothing for other resources' batches.
 */
export function BatchMerge({ merge }: { merge: Batch['merge'] }) {
  const { t } = useTranslation('ingest');
  if (!merge) return null;
  return (
    <Card
      title={t('merge.title')}
      data-testid="batch-merge"
      data-status={merge.status}
      style={{ marginBottom: 16 }}
    >
      {merge.status === 'running' && (
        <Flex vertical gap={8}>
          <Typography.Text data-testid="merge-progress">
            {merge.total > 0
              ? t('merge.running', { done: formatNumber(merge.done), total: formatNumber(merge.total) })
              : t('merge.starting')}
          </Typography.Text>
          <Progress
            percent={merge.total > 0 ? Math.floor((100 * merge.done) / merge.total) : 0}
            status="active"
            aria-label={t('merge.title')}
          />
        </Flex>
      )}
      {merge.status === 'done' && (
        <Flex gap={48} wrap>
          <Statistic title={t('merge.keys')} value={formatNumber(merge.keys ?? 0)} data-testid="merge-keys" />
          <Statistic title={t('merge.changed')} value={formatNumber(merge.changed ?? 0)} />
          <Statistic title={t('merge.conflicts')} value={formatNumber(merge.conflicts ?? 0)} />
          <Statistic title={t('merge.seconds')} value={formatSeconds(merge.seconds)} />
        </Flex>
      )}
      {merge.status === 'failed' && <Alert type="warning" showIcon title={t('merge.failed')} />}
    </Card>
  );
}
