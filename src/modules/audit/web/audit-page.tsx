import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface.js';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import type { AuditEntry, VerifyResult } from '../contract.ts';
import { auditPolicy } from '../policy.ts';
import { useAuditActions, useAuditPage, verifyChain } from './audit-api.ts';
import { AuditEntryDetail } from './audit-entry-detail.tsx';

// Kept here rather than imported from the contract, whose zod schemas would be bundled into the console.
const outcomes = ['ok', 'denied', 'failed'] as const;
const outcomeColors: Record<string, string> = { ok: 'green', denied: 'orange', failed: 'red' };

/** Which message says the verify result: intact, a broken entry, a truncated tail, or a bad checkpoint. */
function verifyMessage(result: VerifyResult) {
  if (result.ok) return 'verify.ok';
  if (result.truncatedAfter !== null) return 'verify.truncated';
  return result.brokenAt === null ? 'verify.checkpoints' : 'verify.broken';
}

/**
 * What an entry acted on, in the page's language: its kind (`download.csv` as the download kind and the format),
 * then its name where the server knows it, with its id beside it, else its id.
 */
function AuditTarget({ entry: e, targetTypes }: { entry: AuditEntry; targetTypes: Record<string, string> }) {
  if (!e.targetType) return <>—</>;
  const [kind, format] = e.targetType.split('.') as [string, string | undefined];
  const kindName =
    targetTypes[e.targetType] ??
    (targetTypes[kind] ? `${targetTypes[kind]}${format ? `（${format.toUpperCase()}）` : ''}` : e.targetType);
  return (
    <Space size={4} wrap data-testid={`audit-target-${e.id}`}>
      <Typography.Text type="secondary">{kindName}</Typography.Text>
      {e.targetName ?? (e.targetId ? `#${e.targetId}` : '')}
      {e.targetName && e.targetId && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.targetId}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The audit log: filter by actor, action, outcome and time; expand an entry for its detail; admins verify the chain. */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const { message } = App.useApp();
  const mayVerify = allowed(useSignedInUser().roles, auditPolicy.verify);
  const [params, setParams] = useListParams({
    actor: '',
    action: '',
    outcome: '',
    from: '',
    to: '',
    page: '1',
    pageSize: '20',
    sort: 'newest',
  });
  const [actor, setActor] = useState(params.actor);
  const page = useAuditPage({ ...params, page: Number(params.page), pageSize: Number(params.pageSize) });
  const actions = useAuditActions();
  const verify = useMutation({
    mutationFn: verifyChain,
    onError: (error) => message.error(errorText(error)),
  });
  const actionLabels = t('actionLabels', { returnObjects: true }) as Record<string, string>;
  const targetTypes = t('targetTypes', { returnObjects: true }) as Record<string, string>;

  const columns: ColumnsType<AuditEntry> = [
    {
      key: 'at',
      dataIndex: 'at',
      title: t('fields.at'),
      width: 200,
      sorter: true,
      // Newest first or oldest first; the log has no unsorted order to fall back to.
      sortDirections: ['descend', 'ascend', 'descend'],
      sortOrder: params.sort === 'oldest' ? 'ascend' : 'descend',
      render: (at) => formatDateTime(at, true),
    },
    {
      key: 'actor',
      title: t('fields.actor'),
      // Without an actor id the name is the system's own ("onecity") or "anonymous" for a failed sign-in.
      render: (_, e) =>
        e.actorId === null ? (
          <Typography.Text type="secondary">
            {e.actorName === 'anonymous' ? t('anonymous') : e.actorName}
          </Typography.Text>
        ) : (
          e.actorName
        ),
    },
    {
      key: 'action',
      dataIndex: 'action',
      title: t('fields.action'),
      render: (action: string) => (
        <Space size={4}>
          {actionLabels[action] ?? action}
          {actionLabels[action] && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {action}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'target',
      title: t('fields.target'),
      render: (_, e) => <AuditTarget entry={e} targetTypes={targetTypes} />,
    },
    {
      key: 'outcome',
      dataIndex: 'outcome',
      title: t('fields.outcome'),
      width: 100,
      render: (o: string) => <Tag color={outcomeColors[o]}>{t(`outcomes.${o}`, { defaultValue: o })}</Tag>,
    },
    { key: 'ip', dataIndex: 'clientIp', title: t('fields.clientIp'), width: 140, render: (ip) => ip ?? '—' },
  ];

  const result = verify.data;
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        extra={
          mayVerify && (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify"
            >
              {t('verify.button')}
            </Button>
          )
        }
      />
      {result && (
        <Alert
          showIcon
          closable={{ onClose: () => verify.reset() }}
          type={result.ok ? 'success' : 'error'}
          title={t(verifyMessage(result), { ...result })}
          style={{ marginBottom: 16 }}
          data-testid="audit-verify-result"
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('filters.actor')}
          value={actor}
          onChange={(e) => setActor(e.target.value)}
          onSearch={(value) => setParams({ actor: value.trim() })}
          style={{ width: 200 }}
        />
        <Select
          aria-label={t('filters.action')}
          value={params.action}
          onChange={(action) => setParams({ action })}
          showSearch={{ optionFilterProp: 'label' }}
          loading={actions.isPending}
          style={{ width: 220 }}
          options={[
            { value: '', label: `${t('filters.action')}: ${t('common:common.all')}` },
            ...(actions.data ?? []).map((a) => ({
              value: a,
              label: actionLabels[a] ? `${actionLabels[a]} · ${a}` : a,
            })),
          ]}
        />
        <Select
          aria-label={t('filters.outcome')}
          value={params.outcome}
          onChange={(outcome) => setParams({ outcome })}
          style={{ width: 140 }}
          options={[
            { value: '', label: `${t('filters.outcome')}: ${t('common:common.all')}` },
            ...outcomes.map((o) => ({ value: o, label: t(`outcomes.${o}`) })),
          ]}
        />
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          placeholder={[t('filters.from'), t('filters.to')]}
          allowEmpty={[true, true]}
          value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
          onChange={(range) => setParams({ from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() })}
        />
      </Space>
      {page.isError ? (
        <LoadError error={page.error} onRetry={() => page.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={page.data?.items}
          loading={page.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <TableEmpty text={t('empty')} /> }}
          expandable={{ expandedRowRender: (entry) => <AuditEntryDetail entry={entry} /> }}
          pagination={{
            current: Number(params.page),
            pageSize: Number(params.pageSize),
            total: page.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100, 200],
            showTotal: (total) => t('common:common.total', { total }),
          }}
          onChange={(pagination, _filters, sorter) => {
            const sort = (sorter as SorterResult<AuditEntry>).order === 'ascend' ? 'oldest' : 'newest';
            setParams({
              page: sort === params.sort ? String(pagination.current) : '1',
              pageSize: String(pagination.pageSize),
              sort,
            });
          }}
        />
      )}
    </>
  );
}
