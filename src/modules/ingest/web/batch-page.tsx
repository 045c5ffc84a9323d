import { Breadcrumb, Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../web/kit/api.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { BatchMerge } from './batch-merge.tsx';
import { BatchProgress } from './batch-progress.tsx';
import { BatchReport } from './batch-report.tsx';
import { StatusTag } from './batch-tags.tsx';
import { useBatch } from './ingest-api.ts';

/** One batch: its progress while it runs, then its merge into a registry (when its resource feeds one) and report. */
export function BatchPage() {
  const { t } = useTranslation('ingest');
  const navigate = useNavigate();
  const { id: param = '' } = useParams();
  const id = Number(param);
  const valid = Number.isInteger(id) && id > 0;
  const batch = useBatch(valid ? id : undefined);

  const breadcrumb = (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[
        { title: <Link to="/ingest">{t('title')}</Link> },
        { title: <Link to="/ingest/batches">{t('nav.batches')}</Link> },
        { title: t('batch.title', { id: param }) },
      ]}
    />
  );

  if (!valid || (batch.error instanceof ApiError && batch.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('batch.notFound', { id: param })}
        extra={
          <Button type="primary" onClick={() => navigate('/ingest/batches')}>
            {t('batch.backToList')}
          </Button>
        }
      />
    );
  }
  if (batch.isError) return <LoadError error={batch.error} onRetry={() => batch.refetch()} />;
  if (!batch.data) return <Skeleton active paragraph={{ rows: 10 }} />;

  return (
    <>
      {breadcrumb}
      <PageHeader title={t('batch.title', { id })} tags={<StatusTag status={batch.data.status} />} />
      {batch.data.status === 'running' ? (
        <BatchProgress batch={batch.data} />
      ) : (
        <>
          <BatchMerge merge={batch.data.merge} />
          <BatchReport batch={batch.data} />
        </>
      )}
    </>
  );
}
