import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Progress,
  Row,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../../web/kit/api.ts';
import { formatDateTime, formatNumber } from '../../../../web/kit/format.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import type { Resource } from '../../catalog/contract.ts';
import { resourcePath, resourceQuery } from '../../catalog/web/index.ts';
import { SourceKindTag, StatusTag } from './batch-tags.tsx';
import { formatPercent, formatSeconds } from './format.ts';
import { type Batch, downloadRejects, type IssueKind } from './ingest-api.ts';
import { IssuesTable } from './issues-table.tsx';
import { ItemQualityTable } from './item-quality.tsx';
import { BatchLayoutNote } from './layout-card.tsx';
import { BatchMappingTable } from './mapping-table.tsx';

const counts = [
  'total',
  'accepted',
  'rejected',
  'duplicates',
  'inserted',
  'updated',
  'unchanged',
  'warnings',
] as const;
const countColors: Partial<Record<(typeof counts)[number], string>> = {
  accepted: '#389e0d',
  rejected: '#cf1322',
  warnings: '#d46b08',
};

/** "CSV", "Excel (XLSX)" …: a detected format in words. */
export function useFormatLabel() {
  const { t } = useTranslation('ingest');
  return (format: string | null) =>
    format ? t(`formats.${format}`, { defaultValue: format.toUpperCase() }) : '—';
}

/** "GBK", "UTF-8" …: a detected text encoding as people write it. */
export const encodingLabel = (encoding: string) => encoding.toUpperCase();

/**
 * The file's columns in the order the report shows them: the file's own order, as the server recorded it (or,
 * for a batch recorded before that, as the upload on the page read it); otherwise the columns that fed items in
 * the items' order, then the others.
 */
function columnOrder(batch: Batch, resource: Resource | undefined, headers: string[] | undefined) {
  if (batch.headers) return batch.headers;
  if (headers) return headers;
  const position = (code: string | null) => {
    const at = code ? (resource?.items.findIndex((i) => i.code === code) ?? -1) : -1;
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return Object.entries(batch.mapping)
    .sort(([a, x], [b, y]) => position(x) - position(y) || a.localeCompare(b))
    .map(([header]) => header);
}

/**
 * What a batch did: the counts, why rows were rejected (ranked), how complete and valid each item is, and the
 * rejected and flagged rows themselves, with the rejected ones to download for the department to fix.
 * `headers` gives the file's column order when the caller knows it.
 */
export function BatchReport({ batch, headers }: { batch: Batch; headers?: string[] }) {
  const { t } = useTranslation('ingest');
  const { message } = App.useApp();
  const formatLabel = useFormatLabel();
  const resource = useQuery(resourceQuery(batch.resourceCode));
  const [tab, setTab] = useState<IssueKind>('rejected');
  const [reason, setReason] = useState<string>();
  const [downloading, setDownloading] = useState(false);
  const columns = columnOrder(batch, resource.data, headers);
  const itemName = (code: string) => resource.data?.items.find((i) => i.code === code)?.name ?? code;

  const download = async () => {
    setDownloading(true);
    try {
      await downloadRejects(batch.id);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setDownloading(false);
    }
  };

  const summary: DescriptionsProps['items'] = [
    {
      key: 'resource',
      label: t('report.resource'),
      children: (
        <Link to={resourcePath(batch.resourceCode)} data-testid="report-resource">
          {resource.data?.name ?? batch.resourceCode}
        </Link>
      ),
    },
    {
      key: 'source',
      label: t('report.source'),
      children: (
        <Space size={4} wrap>
          <SourceKindTag kind={batch.sourceKind} />
          {batch.fileName}
        </Space>
      ),
    },
    {
      key: 'format',
      label: t('report.format'),
      children: (
        <Space size={4} wrap>
          {formatLabel(batch.format)}
          {batch.encoding && <Tag>{t('preview.encoding', { encoding: encodingLabel(batch.encoding) })}</Tag>}
        </Space>
      ),
    },
    { key: 'status', label: t('report.status'), children: <StatusTag status={batch.status} /> },
    { key: 'createdBy', label: t('report.createdBy'), children: batch.createdBy },
    { key: 'startedAt', label: t('report.startedAt'), children: formatDateTime(batch.startedAt, true) },
    { key: 'seconds', label: t('report.seconds'), children: formatSeconds(batch.seconds) },
    { key: 'id', label: t('report.batch'), children: `#${batch.id}` },
  ];

  const ranked = Object.entries(batch.rejectedByReason).sort(([, a], [, b]) => b - a);
  const most = Math.max(1, ...ranked.map(([, n]) => n));

  return (
    <Flex vertical gap={16} data-testid="batch-report">
      {batch.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('report.failed')}
          description={<BatchErrorText batch={batch} />}
          data-testid="batch-error"
        />
      )}
      {batch.status === 'interrupted' && (
        <Alert
          type="warning"
          showIcon
          title={t('report.interrupted')}
          description={t('report.interruptedHint')}
        />
      )}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} items={summary} />
      </Card>
      <BatchLayoutNote batch={batch} />
      {batch.status === 'done' && (
        <>
          <Card size="small">
            <Flex wrap gap={16} justify="space-between" data-testid="batch-counts">
              {counts.map((key) => (
                <Tooltip key={key} title={t(`counts.${key}Hint`)}>
                  <Statistic
                    title={t(`counts.${key}`)}
                    value={batch[key]}
                    formatter={(v) => formatNumber(Number(v))}
                    styles={{ content: batch[key] > 0 ? { color: countColors[key] } : undefined }}
                    style={{ minWidth: 96 }}
                    data-testid={`count-${key}`}
                  />
                </Tooltip>
              ))}
            </Flex>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('report.reasons')} style={{ height: '100%' }}>
                {ranked.length ? (
                  <Flex vertical gap={6} data-testid="reason-ranking">
                    {ranked.map(([code, n]) => (
                      <Flex key={code} align="center" gap={12}>
                        <Typography.Link
                          style={{ width: 150, flex: 'none' }}
                          ellipsis
                          title={t('report.filterBy')}
                          onClick={() => {
                            setReason(code);
                            setTab('rejected');
                          }}
                        >
                          {t(`reasons.${code}`, { defaultValue: code })}
                        </Typography.Link>
                        <Progress
                          percent={(n / most) * 100}
                          showInfo={false}
                          status="normal"
                          strokeColor="#ff7875"
                          size="small"
                          style={{ margin: 0, flex: 1 }}
                        />
                        <Typography.Text strong style={{ minWidth: 40, textAlign: 'right' }}>
                          {formatNumber(n)}
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ width: 48, textAlign: 'right' }}>
                          {formatPercent(n / Math.max(1, batch.rejected))}
                        </Typography.Text>
                      </Flex>
                    ))}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('report.reasonsHint')}
                    </Typography.Text>
                  </Flex>
                ) : (
                  <TableEmpty text={t('report.noRejects')} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={16}>
              <Card size="small" title={t('report.quality')} extra={<QualityLegend />}>
                <ItemQualityTable batch={batch} resource={resource.data} />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            activeTabKey={tab}
            onTabChange={(key) => setTab(key as IssueKind)}
            tabList={[
              {
                key: 'rejected',
                label: (
                  <span data-testid="issues-tab-rejected">
                    {t('report.rejectedRows')}{' '}
                    <Typography.Text type="secondary">{formatNumber(batch.rejected)}</Typography.Text>
                  </span>
                ),
              },
              {
                key: 'warning',
                label: (
                  <span data-testid="issues-tab-warning">
                    {t('report.warningRows')}{' '}
                    <Typography.Text type="secondary">{formatNumber(batch.warnings)}</Typography.Text>
                  </span>
                ),
              },
            ]}
            tabBarExtraContent={
              <Button
                icon={<DownloadOutlined />}
                onClick={download}
                loading={downloading}
                disabled={batch.rejected === 0}
                data-testid="download-rejects"
              >
                {t('report.download')}
              </Button>
            }
          >
            {tab === 'rejected' && reason && (
              <div style={{ marginBottom: 12 }}>
                <Tag closable onClose={() => setReason(undefined)} color="red" data-testid="reason-filter">
                  {t('report.filtered', { reason: t(`reasons.${reason}`, { defaultValue: reason }) })}
                </Tag>
              </div>
            )}
            <IssuesTable
              key={tab}
              batchId={batch.id}
              kind={tab}
              reason={tab === 'rejected' ? reason : undefined}
              columns={columns}
              itemName={itemName}
            />
          </Card>
        </>
      )}
      {/* The mapping comes last: the counts, reasons and rows are what a report is read for. */}
      {batch.status !== 'running' && (
        <Card
          size="small"
          title={t('report.mapping')}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('report.mappingHint')}
            </Typography.Text>
          }
        >
          <BatchMappingTable columns={columns} mapping={batch.mapping} resource={resource.data} />
        </Card>
      )}
    </Flex>
  );
}

/**
 * Why a batch failed, in the reader's language from its code, with the server's own words a click away (they
 * help whoever looks into it, and are not translated).
 */
function BatchErrorText({ batch }: { batch: Batch }) {
  const { t } = useTranslation('ingest');
  if (!batch.errorCode) return batch.error; // recorded before batches kept an error code
  return (
    <Flex vertical gap={4}>
      <span data-testid="batch-error-message">
        {t(`errors.${batch.errorCode}`, { defaultValue: batch.errorCode })}
      </span>
      {!batch.error && (
        <Typography.Text type="secondary" data-testid="batch-error-ask-center">
          {t('report.errorAskCenter', { id: batch.id })}
        </Typography.Text>
      )}
      {batch.error && (
        <Collapse
          ghost
          size="small"
          items={[
            {
              key: 'detail',
              label: t('report.errorDetail'),
              children: (
                <Typography.Text code copyable data-testid="batch-error-detail">
                  {batch.error}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}

/** How the two quality measures are counted. */
function QualityLegend() {
  const { t } = useTranslation('ingest');
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('quality.legend')}
    </Typography.Text>
  );
}
