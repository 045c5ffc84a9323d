import { PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../../web/kit/api.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { resourcePath } from '../../catalog/web/index.ts';
import {
  batchPath,
  deletePull,
  ingestKey,
  type PullSource,
  runPull,
  updatePull,
  usePullSources,
  useResourceNames,
} from './ingest-api.ts';
import { IngestHeader } from './ingest-nav.tsx';
import { PullFormModal } from './pull-form-modal.tsx';

/**
 * 定时拉取: departmental systems the server fetches records from on a schedule. Center staff add, change, pause,
 * run and remove them; each shows when it runs next and how its last run went.
 */
export function PullsPage() {
  const { t } = useTranslation('ingest');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const sources = usePullSources();
  const names = useResourceNames(sources.data?.map((s) => s.resourceCode) ?? []);
  const [editing, setEditing] = useState<PullSource | 'new' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...ingestKey, 'pulls'] });

  const toggle = useMutation({
    mutationFn: (s: PullSource) => updatePull(s.id, { enabled: !s.enabled }),
    onSuccess: (s) => {
      message.success(t(s.enabled ? 'pulls.enabled' : 'pulls.disabled', { name: s.name }));
      return refresh();
    },
    onError: (error) => message.error(errorText(error)),
  });
  const run = useMutation({
    mutationFn: (s: PullSource) => runPull(s.id),
    onSuccess: (s) => {
      if (s.lastError) message.error(t('pulls.runFailed', { name: s.name, error: s.lastError }));
      else message.success(t('pulls.ran', { name: s.name, id: s.lastBatchId }));
      // The run made a batch; the batch lists and the resource's data show it.
      void queryClient.invalidateQueries({ queryKey: ingestKey });
    },
    onError: (error) => message.error(errorText(error)),
  });
  const remove = useMutation({
    mutationFn: (s: PullSource) => deletePull(s.id).then(() => s),
    onSuccess: (s) => {
      message.success(t('pulls.deleted', { name: s.name }));
      return refresh();
    },
    onError: (error) => message.error(errorText(error)),
  });

  const columns: ColumnsType<PullSource> = [
    {
      key: 'name',
      title: t('pulls.fields.name'),
      width: 240,
      render: (_, s) => (
        <Flex vertical style={{ lineHeight: 1.3 }}>
          <Typography.Text strong>{s.name}</Typography.Text>
          <Typography.Text
            type="secondary"
            copyable={{ text: s.url }}
            ellipsis
            style={{ fontSize: 12, maxWidth: 220 }}
          >
            {s.url}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'resource',
      title: t('pulls.fields.resource'),
      width: 160,
      render: (_, s) => (
        <Link to={resourcePath(s.resourceCode)}>{names.get(s.resourceCode) ?? s.resourceCode}</Link>
      ),
    },
    {
      key: 'headers',
      title: t('pulls.fields.headers'),
      width: 140,
      render: (_, s) =>
        s.headerNames.length ? (
          <Space size={4} wrap>
            {s.headerNames.map((h) => (
              <Tag key={h}>{h}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'interval',
      title: t('pulls.fields.intervalMinutes'),
      width: 100,
      render: (_, s) => t('pulls.every', { minutes: s.intervalMinutes }),
    },
    {
      key: 'enabled',
      title: t('pulls.fields.enabled'),
      width: 80,
      render: (_, s) => (
        <Switch
          size="small"
          checked={s.enabled}
          loading={toggle.isPending && toggle.variables?.id === s.id}
          onChange={() => toggle.mutate(s)}
          aria-label={t('pulls.toggle', { name: s.name })}
        />
      ),
    },
    {
      key: 'schedule',
      title: t('pulls.schedule'),
      width: 190,
      render: (_, s) => (
        <Flex vertical style={{ fontSize: 12 }}>
          <span>{t('pulls.next', { at: s.enabled ? formatDateTime(s.nextRunAt) : t('pulls.paused') })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('pulls.last', { at: s.lastRunAt ? formatDateTime(s.lastRunAt) : t('common:common.never') })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'outcome',
      title: t('pulls.outcome'),
      width: 220,
      render: (_, s) =>
        s.lastError ? (
          <Typography.Text
            type="danger"
            ellipsis={{ tooltip: s.lastError }}
            style={{ maxWidth: 190 }}
            data-testid="pull-error"
          >
            {s.lastError}
          </Typography.Text>
        ) : s.lastBatchId ? (
          <Link to={batchPath(s.lastBatchId)}>{t('pulls.lastBatch', { id: s.lastBatchId })}</Link>
        ) : (
          <Typography.Text type="secondary">{t('pulls.notRun')}</Typography.Text>
        ),
    },
    {
      key: 'actions',
      title: t('common:common.actions'),
      width: 200,
      fixed: 'right',
      render: (_, s) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<PlayCircleOutlined />}
            loading={run.isPending && run.variables?.id === s.id}
            onClick={() => run.mutate(s)}
          >
            {t('pulls.runNow')}
          </Button>
          <Button type="link" size="small" onClick={() => setEditing(s)}>
            {t('common:common.edit')}
          </Button>
          <Popconfirm
            title={t('pulls.confirmDelete', { name: s.name })}
            description={t('pulls.confirmDeleteHint')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(s)}
          >
            <Button type="link" size="small" danger>
              {t('pulls.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <IngestHeader
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="pull-create"
          >
            {t('pulls.create')}
          </Button>
        }
      />
      {sources.isError ? (
        <LoadError error={sources.error} onRetry={() => sources.refetch()} />
      ) : (
        <Table<PullSource>
          rowKey="id"
          columns={columns}
          dataSource={sources.data}
          loading={sources.isPending}
          pagination={false}
          scroll={{ x: 1280 }}
          data-testid="pulls-table"
          locale={{
            emptyText: (
              <TableEmpty text={t('pulls.empty')}>
                <Button type="primary" onClick={() => setEditing('new')}>
                  {t('pulls.create')}
                </Button>
              </TableEmpty>
            ),
          }}
        />
      )}
      {editing && (
        <PullFormModal source={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
