import { Flex, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../../../../web/kit/format.ts';
import { pageSizing } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { resourcePath } from '../../catalog/web/index.ts';
import { SourceKindTag, StatusTag } from './batch-tags.tsx';
import { formatSeconds } from './format.ts';
import { type Batch, batchPath, useBatchPage, useResourceNames } from './ingest-api.ts';

/** A count, in red when it is rejections and there are some. */
const count = (n: number, danger = false) => (
  <Typography.Text type={danger && n > 0 ? 'danger' : undefined}>{formatNumber(n)}</Typography.Text>
);

/**
 * Batches newest first, one page at a time: each with its resource (unless all are one resource's), source,
 * file, status, counts, start, duration and who ran it; the number opens its report.
 */
export function BatchesTable({
  resource,
  status,
  page,
  pageSize,
  onPageChange,
  showResource = true,
  empty,
}: {
  resource?: string;
  status?: string;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  showResource?: boolean;
  empty: ReactNode;
}) {
  const { t } = useTranslation('ingest');
  const batches = useBatchPage({
    resource: resource || undefined,
    status: status || undefined,
    page,
    pageSize,
  });
  const names = useResourceNames(showResource ? (batches.data?.items.map((b) => b.resourceCode) ?? []) : []);

  if (batches.isError) return <LoadError error={batches.error} onRetry={() => batches.refetch()} />;

  const columns: ColumnsType<Batch> = [
    {
      key: 'id',
      dataIndex: 'id',
      title: t('batches.id'),
      width: 70,
      render: (id: number) => (
        <Link to={batchPath(id)} data-testid={`batch-link-${id}`}>
          #{id}
        </Link>
      ),
    },
    ...(showResource
      ? [
          {
            key: 'resource',
            title: t('batches.resource'),
            width: 170,
            render: (_: unknown, b: Batch) => (
              <Flex vertical style={{ lineHeight: 1.3 }}>
                <Link to={resourcePath(b.resourceCode)}>{names.get(b.resourceCode) ?? b.resourceCode}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {b.resourceCode}
                </Typography.Text>
              </Flex>
            ),
          },
        ]
      : []),
    {
      key: 'source',
      title: t('batches.source'),
      width: 170,
      render: (_, b) => (
        <Space size={4}>
          <SourceKindTag kind={b.sourceKind} />
          {b.fileName && (
            <Typography.Text ellipsis={{ tooltip: b.fileName }} style={{ maxWidth: 120 }}>
              {b.fileName}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('batches.status'),
      width: 120,
      render: (_, b) => (
        <Tooltip
          title={
            b.status !== 'failed'
              ? undefined
              : b.errorCode
                ? t(`errors.${b.errorCode}`, { defaultValue: b.errorCode })
                : b.error
          }
        >
          <span>
            <StatusTag status={b.status} />
            {b.status === 'running' && b.progress !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('batches.rowsRead', { rows: formatNumber(b.progress) })}
              </Typography.Text>
            )}
          </span>
        </Tooltip>
      ),
    },
    { key: 'total', title: t('counts.total'), width: 80, align: 'right', render: (_, b) => count(b.total) },
    {
      key: 'accepted',
      title: t('counts.accepted'),
      width: 80,
      align: 'right',
      render: (_, b) => count(b.accepted),
    },
    {
      key: 'rejected',
      title: t('counts.rejected'),
      width: 80,
      align: 'right',
      render: (_, b) => count(b.rejected, true),
    },
    {
      key: 'changes',
      title: t('batches.changes'),
      width: 130,
      align: 'right',
      render: (_, b) => (
        <Tooltip title={t('batches.changesHint')}>
          <span>
            {formatNumber(b.inserted)} / {formatNumber(b.updated)} / {formatNumber(b.unchanged)}
          </span>
        </Tooltip>
      ),
    },
    {
      key: 'startedAt',
      dataIndex: 'startedAt',
      title: t('batches.startedAt'),
      width: 160,
      render: (at: string) => formatDateTime(at),
    },
    {
      key: 'seconds',
      dataIndex: 'seconds',
      title: t('batches.seconds'),
      width: 70,
      align: 'right',
      render: (s: number | null) => formatSeconds(s),
    },
    // Shown from 1600 px: at 1440 the list fits without it (the batch's page names who started it).
    {
      key: 'createdBy',
      dataIndex: 'createdBy',
      title: t('batches.createdBy'),
      width: 120,
      responsive: ['xxl'],
    },
  ];

  return (
    <Table<Batch>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={batches.data?.items}
      loading={batches.isPending || (batches.isFetching && batches.isPlaceholderData)}
      scroll={{ x: showResource ? 1130 : 960 }}
      data-testid="batches-table"
      locale={{ emptyText: empty }}
      pagination={{
        current: page,
        pageSize,
        total: batches.data?.total ?? 0,
        ...pageSizing,
        onChange: (next, size) => onPageChange(size === pageSize ? next : 1, size),
      }}
    />
  );
}
