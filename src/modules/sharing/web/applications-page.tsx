import { Button, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { sharingPolicy } from '../policy.ts';
import { ApplicationStatusTag } from './application-status-tag.tsx';
import {
  type Application,
  type ApplicationScope,
  applicationPath,
  applicationStatusList,
  useApplicationPage,
} from './sharing-api.ts';
import { SharingNav } from './sharing-nav.tsx';

const sorts = ['newest', 'oldest', 'updated'] as const;

/**
 * 共享申请: the caller's department's applications, those waiting for the caller, and (for center staff) all,
 * filtered by status, searched and sorted. Tab, filters and page live in the URL.
 */
export function ApplicationsPage() {
  const { t } = useTranslation('sharing');
  const me = useSignedInUser();
  const center = sharingPolicy.isCenter(me);
  const scopes: ApplicationScope[] = center ? ['inbox', 'all', 'mine'] : ['mine', 'inbox'];
  const [params, setParams] = useListParams({
    scope: scopes[0]!,
    status: '',
    q: '',
    sort: 'newest',
    page: '1',
    pageSize: '20',
  });
  const scope = (
    scopes.includes(params.scope as ApplicationScope) ? params.scope : scopes[0]
  ) as ApplicationScope;
  const list = useApplicationPage({
    scope,
    status: params.status || undefined,
    q: params.q || undefined,
    sort: params.sort,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });
  const filtered = !!(params.status || params.q);

  return (
    <>
      <PageHeader title={t('applications.title')} description={t('applications.description')} />
      <SharingNav active="applications" />
      <Tabs
        activeKey={scope}
        onChange={(key) => setParams({ scope: key })}
        items={scopes.map((s) => ({
          key: s,
          label: <span data-testid={`applications-tab-${s}`}>{t(`applications.tabs.${s}`)}</span>,
        }))}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.q}
          placeholder={t('applications.search')}
          onSearch={(q) => setParams({ q: q.trim() })}
          style={{ width: 320 }}
          data-testid="applications-search"
        />
        <Select
          aria-label={t('applications.status')}
          value={params.status}
          onChange={(status) => setParams({ status })}
          style={{ width: 200 }}
          data-testid="applications-status"
          options={[
            { value: '', label: `${t('applications.status')}: ${t('applications.any')}` },
            ...applicationStatusList.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <Select
          value={params.sort}
          onChange={(sort) => setParams({ sort })}
          style={{ width: 160 }}
          options={sorts.map((s) => ({ value: s, label: t(`applications.sort.${s}`) }))}
        />
        {filtered && (
          <Button type="link" onClick={() => setParams({ status: '', q: '' })}>
            {t('common:common.reset')}
          </Button>
        )}
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Application>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="applications-table"
          locale={{
            emptyText: (
              <TableEmpty text={t(scope === 'inbox' ? 'applications.emptyInbox' : 'applications.empty')}>
                {scope === 'mine' && (
                  <Link to="/catalog">
                    <Button>{t('applications.toCatalog')}</Button>
                  </Link>
                )}
              </TableEmpty>
            ),
          }}
          pagination={urlPagination(params, setParams, list.data?.total ?? 0)}
          columns={[
            {
              key: 'id',
              title: t('fields.id'),
              width: 80,
              render: (_, a) => <Link to={applicationPath(a.id)}>#{a.id}</Link>,
            },
            {
              key: 'resource',
              title: t('fields.resource'),
              render: (_, a) => (
                <Space direction="vertical" size={0}>
                  <Link to={applicationPath(a.id)}>{a.resourceName}</Link>
                  <Typography.Text type="secondary">{a.resourceCode}</Typography.Text>
                </Space>
              ),
            },
            {
              key: 'applicant',
              title: t('fields.applicantDepartment'),
              render: (_, a) => `${a.applicantDepartmentName} · ${a.applicantName}`,
            },
            {
              key: 'provider',
              title: t('fields.providerDepartment'),
              render: (_, a) => a.providerDepartmentName,
            },
            { key: 'system', title: t('fields.consumingSystem'), render: (_, a) => a.consumingSystem },
            { key: 'items', title: t('fields.items'), render: (_, a) => a.items.length },
            {
              key: 'status',
              title: t('fields.status'),
              render: (_, a) => <ApplicationStatusTag status={a.status} />,
            },
            { key: 'createdAt', title: t('fields.createdAt'), render: (_, a) => formatDateTime(a.createdAt) },
          ]}
        />
      )}
    </>
  );
}
