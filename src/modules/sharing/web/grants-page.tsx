import { Select, Space, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../../../web/kit/format.ts';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { sharingPolicy } from '../policy.ts';
import { GrantStatusTag } from './application-status-tag.tsx';
import { type Grant, type GrantScope, grantPath, grantStatusList, useGrantPage } from './sharing-api.ts';
import { SharingNav } from './sharing-nav.tsx';

/** 授权: grants the caller's department holds, those on its resources, and (for center staff) all of them. */
export function GrantsPage() {
  const { t } = useTranslation('sharing');
  const me = useSignedInUser();
  const scopes: GrantScope[] = sharingPolicy.isCenter(me)
    ? ['all', 'consumer', 'provider']
    : ['consumer', 'provider'];
  const [params, setParams] = useListParams({ scope: scopes[0]!, status: '', page: '1', pageSize: '20' });
  const scope = (scopes.includes(params.scope as GrantScope) ? params.scope : scopes[0]) as GrantScope;
  const list = useGrantPage({
    scope,
    status: params.status || undefined,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });

  return (
    <>
      <PageHeader title={t('grants.title')} description={t('grants.description')} />
      <SharingNav active="grants" />
      <Tabs
        activeKey={scope}
        onChange={(key) => setParams({ scope: key })}
        items={scopes.map((s) => ({
          key: s,
          label: <span data-testid={`grants-tab-${s}`}>{t(`grants.tabs.${s}`)}</span>,
        }))}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('fields.status')}
          value={params.status}
          onChange={(status) => setParams({ status })}
          style={{ width: 180 }}
          options={[
            { value: '', label: `${t('fields.status')}: ${t('applications.any')}` },
            ...grantStatusList.map((s) => ({ value: s, label: t(`grantStatus.${s}`) })),
          ]}
        />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Grant>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="grants-table"
          locale={{ emptyText: <TableEmpty text={t('grants.empty')} /> }}
          pagination={urlPagination(params, setParams, list.data?.total ?? 0)}
          columns={[
            {
              key: 'id',
              title: t('fields.id'),
              width: 80,
              render: (_, g) => <Link to={grantPath(g.id)}>#{g.id}</Link>,
            },
            {
              key: 'resource',
              title: t('fields.resource'),
              render: (_, g) => (
                <Space direction="vertical" size={0}>
                  <Link to={grantPath(g.id)}>{g.resourceName}</Link>
                  <Typography.Text type="secondary">{g.providerDepartmentName}</Typography.Text>
                </Space>
              ),
            },
            {
              key: 'consumer',
              title: t('fields.consumerDepartment'),
              render: (_, g) => `${g.consumerDepartmentName} · ${g.consumingSystem}`,
            },
            { key: 'items', title: t('fields.items'), render: (_, g) => g.items.length },
            { key: 'quota', title: t('fields.dailyQuota'), render: (_, g) => formatNumber(g.dailyQuota) },
            { key: 'expiresAt', title: t('fields.expiresAt'), render: (_, g) => formatDate(g.expiresAt) },
            {
              key: 'status',
              title: t('fields.status'),
              render: (_, g) => <GrantStatusTag status={g.status} />,
            },
          ]}
        />
      )}
    </>
  );
}
