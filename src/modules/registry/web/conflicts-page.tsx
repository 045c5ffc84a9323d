import { Alert, Badge, Breadcrumb, Button, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { RawViewSwitch } from '../../../../web/kit/raw-view-switch.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { registryPolicy } from '../policy.ts';
import { useRawTexts } from './raw-texts.ts';
import {
  type Conflict,
  conflictStatuses,
  entityPath,
  isRegistryName,
  registryNames,
  useConflictPage,
  useSourceNames,
} from './registry-api.ts';
import { ResolveConflictButton } from './resolve-conflict.tsx';

const statusBadges = { open: 'warning', resolved: 'success', superseded: 'default' } as const;

/**
 * /registry/conflicts: disagreements between sources, by registry and status; stewards resolve the open ones.
 * Keys and personal values come masked; a steward may show them unmasked, giving a reason (audited once).
 */
export function ConflictsPage() {
  const { t } = useTranslation('registry');
  const me = useSignedInUser();
  const mayResolve = allowed(me.roles, registryPolicy.curate);
  const [params, setParams] = useListParams({ registry: '', status: 'open', page: '1', pageSize: '20' });
  const registry = isRegistryName(params.registry) ? params.registry : undefined;
  const status = (conflictStatuses as readonly string[]).includes(params.status)
    ? (params.status as Conflict['status'])
    : undefined;
  const [rawReason, setRawReason] = useState<string | null>(null);
  const rawTexts = useRawTexts();
  const page = useConflictPage({
    registry,
    status,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
    ...(rawReason !== null ? { raw: 'true' as const, reason: rawReason } : {}),
  });
  const sources = useSourceNames(page.data?.items.flatMap((c) => c.candidates.map((x) => x.source)) ?? []);
  const sourceName = (alias: string) => sources.get(alias)?.name ?? alias;
  const itemName = (c: Conflict) => t(`items.${c.registry}.${c.item}`, { defaultValue: c.itemName });

  const columns: ColumnsType<Conflict> = [
    {
      key: 'entity',
      title: t('conflicts.entity'),
      width: 240,
      render: (_, c) => (
        <Flex vertical style={{ lineHeight: 1.4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`registries.${c.registry}`)}
          </Typography.Text>
          <Link to={entityPath(c.registry, c.ref)} data-testid="conflict-entity">
            {c.key}
          </Link>
        </Flex>
      ),
    },
    { key: 'item', title: t('conflicts.item'), width: 140, render: (_, c) => itemName(c) },
    {
      key: 'candidates',
      title: t('conflicts.candidates'),
      render: (_, c) => (
        <Flex vertical gap={2}>
          {c.candidates.map((x) => (
            <span key={`${x.source}-${x.batchId}`}>
              <Typography.Text strong={x.value === c.resolvedValue}>{x.value || '—'}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('conflicts.from', { source: sourceName(x.source) })}
              </Typography.Text>
            </span>
          ))}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('conflicts.status'),
      width: 100,
      render: (_, c) => <Badge status={statusBadges[c.status]} text={t(`conflicts.statuses.${c.status}`)} />,
    },
    {
      key: 'created',
      title: t('conflicts.createdAt'),
      width: 160,
      render: (_, c) => formatDateTime(c.createdAt),
    },
    {
      key: 'resolution',
      title: t('conflicts.resolution'),
      width: 220,
      render: (_, c) =>
        c.status === 'resolved' ? (
          <Flex vertical style={{ lineHeight: 1.4 }}>
            <span>
              <Tag color="purple">{c.resolvedValue || '—'}</Tag>
              {c.resolvedSource && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('conflicts.from', { source: sourceName(c.resolvedSource) })}
                </Typography.Text>
              )}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('conflicts.resolvedBy', { user: c.resolvedBy ?? '—', at: formatDateTime(c.resolvedAt) })}
            </Typography.Text>
          </Flex>
        ) : mayResolve && c.status === 'open' ? (
          <ResolveConflictButton
            conflict={c}
            itemName={itemName(c)}
            entityName={c.key}
            sourceName={sourceName}
          />
        ) : (
          '—'
        ),
    },
  ];

  const filtered = !!params.registry || params.status !== 'open';
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/registry">{t('title')}</Link> }, { title: t('conflicts.title') }]}
      />
      <PageHeader title={t('conflicts.title')} description={t('conflicts.description')} />
      {!mayResolve && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('conflicts.readOnly')} />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('conflicts.registry')}
          value={params.registry}
          onChange={(value) => setParams({ registry: value })}
          style={{ width: 200 }}
          data-testid="conflicts-registry"
          options={[
            { value: '', label: `${t('conflicts.registry')}: ${t('common:common.all')}` },
            ...registryNames.map((r) => ({ value: r, label: t(`registries.${r}`) })),
          ]}
        />
        <Select
          aria-label={t('conflicts.status')}
          value={params.status}
          onChange={(value) => setParams({ status: value })}
          style={{ width: 160 }}
          data-testid="conflicts-status"
          options={[
            { value: 'all', label: `${t('conflicts.status')}: ${t('common:common.all')}` },
            ...conflictStatuses.map((s) => ({ value: s, label: t(`conflicts.statuses.${s}`) })),
          ]}
        />
        {mayResolve && <RawViewSwitch reason={rawReason} onChange={setRawReason} texts={rawTexts} />}
        {filtered && (
          <Button type="link" onClick={() => setParams({ registry: '', status: 'open' })}>
            {t('search.clearFilters')}
          </Button>
        )}
      </Space>
      {page.isError ? (
        <LoadError error={page.error} onRetry={() => page.refetch()} />
      ) : (
        <Table<Conflict>
          rowKey="id"
          size="middle"
          data-testid="conflicts-table"
          loading={page.isFetching}
          columns={columns}
          dataSource={page.data?.items}
          scroll={{ x: 1000 }}
          pagination={urlPagination(params, setParams, page.data?.total ?? 0)}
          locale={{ emptyText: page.isPending ? ' ' : <TableEmpty text={t('conflicts.empty')} /> }}
        />
      )}
    </>
  );
}
