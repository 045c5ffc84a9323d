import { Card, Flex, Progress, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../../../web/kit/format.ts';
import { formatSeconds } from './format.ts';
import { type Batch, batchPath } from './ingest-api.ts';

/** The current time, renewed every second while mounted. */
function useNow() {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** What the progress view needs of a batch; the upload page knows it before the server first answers. */
export type Running = Pick<Batch, 'id' | 'fileName' | 'sourceKind' | 'startedAt' | 'progress'>;

/**
 * A batch being loaded: the rows read so far, the time since it started and the pace. The file's number of rows
 * is known only at the end, so the bar shows activity rather than a share. The server may be too busy loading to
 * say how far it got (progress null); the time still counts.
 */
export function BatchProgress({ batch, link = false }: { batch: Running; link?: boolean }) {
  const { t } = useTranslation('ingest');
  const now = useNow();
  const rows = batch.progress;
  // The server's clock and this browser's may differ a little; the time never goes below zero.
  const elapsed = Math.max(0, (now - Date.parse(batch.startedAt)) / 1000);
  return (
    <Card data-testid="batch-progress">
      <Flex vertical gap={16}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('progress.title', { file: batch.fileName ?? t(`sourceKinds.${batch.sourceKind}`) })}
        </Typography.Title>
        <Progress percent={100} status="active" showInfo={false} aria-label={t('progress.title')} />
        <Flex gap={48} wrap>
          <Statistic
            title={t('progress.rows')}
            value={rows === null ? '—' : formatNumber(rows)}
            data-testid="progress-rows"
          />
          <Statistic title={t('progress.elapsed')} value={formatSeconds(elapsed)} />
          <Statistic
            title={t('progress.rate')}
            value={
              rows !== null && elapsed >= 1
                ? t('progress.perSecond', { rows: formatNumber(Math.round(rows / elapsed)) })
                : '—'
            }
          />
        </Flex>
        <Typography.Text type="secondary">
          {t('progress.background')}{' '}
          {link && <Link to={batchPath(batch.id)}>{t('progress.openBatch', { id: batch.id })}</Link>}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
