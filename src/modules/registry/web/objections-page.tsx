import { Button, Select, Space, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { registryPolicy } from '../policy.ts';
import {
  type Objection,
  type ObjectionScope,
  objectionPath,
  objectionStatusList,
  registryList,
  useObjectionPage,
} from './objection-api.ts';
import { ObjectionStatusTag } from './objection-status-tag.tsx';

/**
 * 数据纠错: the objections the caller's department raised, those sent to it, and (for center staff) all of them,
 * filtered by status and registry, newest first. Tab, filters and page live in the URL.
 */
export function ObjectionsPage() {
  const { t } = useTranslation('registry');
  const me = useSignedInUser();
  const center = registryPolicy.seesAllObjections(me);
  const scopes: ObjectionScope[] = center ? ['all', 'raised', 'assigned'] : ['raised', 'assigned'];
  const [params, setParams] = useListParams({
    scope: scopes[0]!,
    status: '',
    registry: '',
    page: '1',
    pageSize: '20',
  });
  const scope = (
    scopes.includes(params.scope as ObjectionScope) ? params.scope : scopes[0]
  ) as ObjectionScope;
  const list = useObjectionPage({
    scope,
    status: params.status || undefined,
    registry: params.registry || undefined,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });
  const filtered = !!(params.status || params.registry);

  return (
    <>
      <PageHeader title={t('objections.title')} description={t('objections.description')} />
      <Tabs
        activeKey={scope}
        onChange={(key) => setParams({ scope: key })}
        items={scopes.map((s) => ({
          key: s,
          label: <span data-testid={`objections-tab-${s}`}>{t(`objections.tabs.${s}`)}</span>,
        }))}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('objections.filters.status')}
          value={params.status}
          onChange={(status) => setParams({ status })}
          style={{ width: 180 }}
          data-testid="objections-status"
          options={[
            { value: '', label: `${t('objections.filters.status')}: ${t('objections.filters.any')}` },
            ...objectionStatusList.map((s) => ({ value: s, label: t(`objections.status.${s}`) })),
          ]}
        />
        <Select
          aria-label={t('objections.filters.registry')}
          value={params.registry}
          onChange={(registry) => setParams({ registry })}
          style={{ width: 200 }}
          data-testid="objections-registry"
          options={[
            { value: '', label: `${t('objections.filters.registry')}: ${t('objections.filters.any')}` },
            ...registryList.map((r) => ({ value: r, label: t(`registries.${r}`) })),
          ]}
        />
        {filtered && (
          <Button type="link" onClick={() => setParams({ status: '', registry: '' })}>
            {t('common:common.reset')}
          </Button>
        )}
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Objection>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="objections-table"
          locale={{ emptyText: <TableEmpty text={t('objections.empty')} /> }}
          pagination={urlPagination(params, setParams, list.data?.total ?? 0)}
          columns={[
            {
              key: 'id',
              title: t('objections.fields.id'),
              width: 80,
              render: (_, o) => <Link to={objectionPath(o.id)}>#{o.id}</Link>,
            },
            {
              key: 'entity',
              title: t('objections.fields.entity'),
              render: (_, o) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text>
                    {t(`registries.${o.registry}`, { defaultValue: o.registry })}
                  </Typography.Text>
                  <Typography.Text type="secondary" copyable={false}>
                    {o.key}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              key: 'item',
              title: t('objections.fields.item'),
              render: (_, o) => o.itemName ?? o.item,
            },
            {
              key: 'values',
              title: `${t('objections.fields.currentValue')} → ${t('objections.fields.proposedValue')}`,
              render: (_, o) => (
                <Typography.Text>
                  {o.currentValue ?? t('objections.detail.noValue')} → {o.proposedValue ?? '—'}
                </Typography.Text>
              ),
            },
            {
              key: 'raisedBy',
              title: t('objections.fields.raisedByDepartment'),
              render: (_, o) =>
                o.raisedByResident
                  ? t('objections.fields.raisedByResident')
                  : (o.raisedByDepartmentName ?? o.raisedBy),
            },
            {
              key: 'source',
              title: t('objections.fields.sourceDepartment'),
              render: (_, o) => o.sourceDepartmentName ?? '—',
            },
            {
              key: 'status',
              title: t('objections.fields.status'),
              render: (_, o) => <ObjectionStatusTag status={o.status} />,
            },
            {
              key: 'createdAt',
              title: t('objections.fields.createdAt'),
              render: (_, o) => formatDateTime(o.createdAt),
            },
          ]}
        />
      )}
    </>
  );
}
