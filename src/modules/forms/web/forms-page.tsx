import { InboxOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../../../../web/kit/format.ts';
import { pageSizing, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { formAudiences, formStatuses } from '../fields.ts';
import { FormStatusTag } from './form-tags.tsx';
import { type FormSummary, formPath, inboxPath, newFormPath, useFormPage } from './forms-api.ts';
import { installPageMessages } from './messages.ts';

installPageMessages();

/**
 * 表单管理: the forms the user sees (a department's own and those it receives; the center all), searched,
 * filtered by status and audience, sorted and paged, all kept in the URL.
 */
export function FormsPage() {
  const { t } = useTranslation('forms');
  const [params, setParams] = useListParams({
    q: '',
    status: '',
    audience: '',
    sort: 'updated',
    order: 'desc',
    page: '1',
    pageSize: '20',
  });
  const list = useFormPage({
    q: params.q || undefined,
    status: params.status || undefined,
    audience: params.audience || undefined,
    sort: params.sort,
    order: params.order,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });
  const filtered = !!(params.q || params.status || params.audience);
  const sortOrder = (key: string) =>
    params.sort === key ? (params.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  return (
    <>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        extra={
          <Link to={newFormPath}>
            <Button type="primary" icon={<PlusOutlined />} data-testid="form-create">
              {t('list.create')}
            </Button>
          </Link>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.q}
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          onSearch={(q) => setParams({ q: q.trim() })}
          style={{ width: 260 }}
          data-testid="forms-search"
        />
        <Select
          aria-label={t('list.columns.status')}
          value={params.status}
          onChange={(status) => setParams({ status })}
          style={{ width: 140 }}
          data-testid="forms-status"
          options={[
            { value: '', label: t('list.anyStatus') },
            ...formStatuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <Select
          aria-label={t('list.columns.audience')}
          value={params.audience}
          onChange={(audience) => setParams({ audience })}
          style={{ width: 140 }}
          options={[
            { value: '', label: t('list.anyAudience') },
            ...formAudiences.map((a) => ({ value: a, label: t(`audience.${a}`) })),
          ]}
        />
        {filtered && (
          <Button type="link" onClick={() => setParams({ q: '', status: '', audience: '' })}>
            {t('common:common.reset')}
          </Button>
        )}
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<FormSummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="forms-table"
          scroll={{ x: 1100 }}
          locale={{
            emptyText: (
              <TableEmpty text={t(filtered ? 'list.emptyFiltered' : 'list.empty')}>
                {!filtered && (
                  <Link to={newFormPath}>
                    <Button type="primary">{t('list.create')}</Button>
                  </Link>
                )}
              </TableEmpty>
            ),
          }}
          pagination={{
            current: Number(params.page),
            pageSize: Number(params.pageSize),
            total: list.data?.total ?? 0,
            ...pageSizing,
          }}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const sort = s?.order ? String(s.columnKey) : 'updated';
            const order = s?.order === 'ascend' ? 'asc' : 'desc';
            const same = sort === params.sort && order === params.order;
            setParams({
              page: same ? String(pagination.current) : '1',
              pageSize: String(pagination.pageSize),
              sort,
              order,
            });
          }}
          columns={[
            {
              key: 'title',
              title: t('list.columns.title'),
              sorter: true,
              sortOrder: sortOrder('title'),
              render: (_, f) => (
                <Space orientation="vertical" size={0}>
                  <Link to={formPath(f.id)} data-testid="form-link">
                    {f.title}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.code}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              key: 'audience',
              title: t('list.columns.audience'),
              width: 90,
              render: (_, f) => t(`audience.${f.audience}`),
            },
            {
              key: 'status',
              title: t('list.columns.status'),
              width: 110,
              render: (_, f) => (
                <Space size={4}>
                  <FormStatusTag status={f.status} />
                  <Typography.Text type="secondary">v{f.version}</Typography.Text>
                </Space>
              ),
            },
            {
              key: 'owner',
              title: t('list.columns.owner'),
              width: 120,
              render: (_, f) => f.ownerDepartment.name,
            },
            {
              key: 'receivers',
              title: t('list.columns.receivers'),
              render: (_, f) => (
                <Space size={[0, 4]} wrap>
                  {f.receivingDepartments.map((d) => (
                    <Tag key={d.id}>{d.name}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              key: 'fields',
              title: t('list.columns.fields'),
              width: 80,
              align: 'right',
              render: (_, f) => f.fieldCount,
            },
            {
              key: 'submissions',
              title: t('list.columns.submissions'),
              width: 110,
              align: 'right',
              sorter: true,
              sortOrder: sortOrder('submissions'),
              render: (_, f) =>
                f.receives ? (
                  <Tooltip title={t('list.inbox')}>
                    <Link to={`${inboxPath}?formId=${f.id}`}>
                      <InboxOutlined /> {formatNumber(f.submissions)}
                    </Link>
                  </Tooltip>
                ) : (
                  formatNumber(f.submissions)
                ),
            },
            {
              key: 'published',
              title: t('list.columns.published'),
              width: 170,
              sorter: true,
              sortOrder: sortOrder('published'),
              render: (_, f) => formatDateTime(f.publishedAt),
            },
            {
              key: 'updated',
              title: t('list.columns.updated'),
              width: 170,
              sorter: true,
              sortOrder: sortOrder('updated'),
              render: (_, f) => formatDateTime(f.updatedAt),
            },
          ]}
        />
      )}
    </>
  );
}
