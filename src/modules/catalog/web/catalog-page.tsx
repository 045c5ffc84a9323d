import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { formatDate, formatDateTime } from '../../../../web/kit/format.ts';
import { urlTableProps, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import type { ResourceSummary } from '../contract.ts';
import {
  catalogPolicy,
  openTypes,
  resourcePath,
  shareTypes,
  useClassTree,
  useResourcePage,
} from './catalog-api.ts';
import { ExportMenu, ImportButton } from './catalog-exchange.tsx';
import { OpenTag, ShareTag } from './catalog-tags.tsx';
import { ClassTree } from './class-tree.tsx';

// Each sortable column sorts one way only, as the API does: codes and names A–Z, latest change first.
const sortColumns = { code: 'ascend', name: 'ascend', updated: 'descend' } as const;

/** The resource catalog: browse by classification, search (pinyin initials too), filter, sort; editors register. */
export function CatalogPage() {
  const { t } = useTranslation('catalog');
  const navigate = useNavigate();
  const location = useLocation();
  const me = useSignedInUser();
  const mayRegister = allowed(me.roles, catalogPolicy.write);
  const [params, setParams] = useListParams({
    q: '',
    classification: '',
    classCode: '',
    departmentId: '',
    shareType: '',
    openType: '',
    page: '1',
    pageSize: '20',
    sort: 'code',
  });
  const [search, setSearch] = useState(params.q);
  const page = useResourcePage({ ...params, page: Number(params.page), pageSize: Number(params.pageSize) });
  const classes = useClassTree();
  const departments = useAllDepartments();
  const filtered = ['q', 'classification', 'classCode', 'departmentId', 'shareType', 'openType'].some(
    (k) => params[k as keyof typeof params],
  );
  // An export holds what the list shows, filtered alike, on every page.
  const { page: _page, pageSize: _size, sort: _sort, ...exportFilters } = params;
  // The resource page links back to the list as it was, filters and page included.
  const linkState = { list: location.search };

  const clearFilters = () => {
    setSearch('');
    setParams({ q: '', classification: '', classCode: '', departmentId: '', shareType: '', openType: '' });
  };

  const sorted = (key: keyof typeof sortColumns) => ({
    sorter: true,
    sortDirections: [sortColumns[key]],
    sortOrder: params.sort === key ? sortColumns[key] : null,
  });

  const columns: ColumnsType<ResourceSummary> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('fields.code'),
      width: 145,
      ...sorted('code'),
      render: (code: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {code}
        </Typography.Text>
      ),
    },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('fields.name'),
      ...sorted('name'),
      render: (name: string, r) => (
        <div>
          <Link to={resourcePath(r.code)} state={linkState}>
            {name}
          </Link>
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 1, tooltip: r.summary }}
            style={{ margin: 0, fontSize: 12 }}
          >
            {r.summary}
          </Typography.Paragraph>
        </div>
      ),
    },
    { key: 'provider', dataIndex: 'providerDepartmentName', title: t('fields.provider'), width: 100 },
    {
      key: 'shareType',
      dataIndex: 'shareType',
      title: t('fields.shareType'),
      width: 100,
      render: (type: ResourceSummary['shareType']) => <ShareTag type={type} />,
    },
    {
      key: 'openType',
      dataIndex: 'openType',
      title: t('fields.openType'),
      width: 94,
      render: (type: ResourceSummary['openType']) => <OpenTag type={type} />,
    },
    {
      key: 'updateCycle',
      dataIndex: 'updateCycle',
      title: t('fields.updateCycle'),
      width: 78,
      render: (cycle: string) => t(`updateCycles.${cycle}`),
    },
    {
      key: 'itemCount',
      dataIndex: 'itemCount',
      title: t('fields.itemCount'),
      width: 74,
      align: 'right',
    },
    {
      key: 'updated',
      dataIndex: 'updatedAt',
      title: t('fields.updatedAt'),
      width: 122,
      ...sorted('updated'),
      // The day is enough to scan a list; the minute is a hover away.
      render: (v: string) => <span title={formatDateTime(v)}>{formatDate(v)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        extra={
          <>
            <ExportMenu filters={exportFilters} />
            {mayRegister && <ImportButton />}
            {mayRegister && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/catalog/new')}
                data-testid="catalog-register"
              >
                {t('list.register')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6} xl={4}>
          <Card title={t('tree.title')} size="small" styles={{ body: { padding: 8 } }}>
            {classes.isPending ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : classes.isError ? (
              <LoadError error={classes.error} onRetry={() => classes.refetch()} />
            ) : (
              <ClassTree
                nodes={classes.data}
                value={{ classification: params.classification, classCode: params.classCode }}
                onChange={({ classification, classCode }) => setParams({ classification, classCode })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={18} xl={20}>
          <Space wrap style={{ marginBottom: 16 }}>
            <Input.Search
              allowClear
              placeholder={t('list.searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(q) => setParams({ q: q.trim() })}
              style={{ width: 300 }}
              data-testid="catalog-search"
            />
            <Select
              aria-label={t('list.departmentFilter')}
              value={params.departmentId}
              onChange={(departmentId) => setParams({ departmentId })}
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isPending}
              style={{ width: 200 }}
              options={[
                { value: '', label: `${t('list.departmentFilter')}: ${t('common:common.all')}` },
                ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
              ]}
            />
            <Select
              aria-label={t('fields.shareType')}
              value={params.shareType}
              onChange={(shareType) => setParams({ shareType })}
              style={{ width: 160 }}
              options={[
                { value: '', label: `${t('fields.shareType')}: ${t('common:common.all')}` },
                ...shareTypes.map((s) => ({ value: s, label: t(`shareTypes.${s}`) })),
              ]}
            />
            <Select
              aria-label={t('fields.openType')}
              value={params.openType}
              onChange={(openType) => setParams({ openType })}
              style={{ width: 160 }}
              options={[
                { value: '', label: `${t('fields.openType')}: ${t('common:common.all')}` },
                ...openTypes.map((o) => ({ value: o, label: t(`openTypes.${o}`) })),
              ]}
            />
            {filtered && (
              <Button type="link" onClick={clearFilters}>
                {t('list.clearFilters')}
              </Button>
            )}
          </Space>
          {page.isError ? (
            <LoadError error={page.error} onRetry={() => page.refetch()} />
          ) : (
            <Table<ResourceSummary>
              rowKey="id"
              size="middle"
              // Fixed, so a long summary is cut to the name column's width instead of widening it.
              tableLayout="fixed"
              columns={columns}
              dataSource={page.data?.items}
              loading={page.isFetching}
              scroll={{ x: 960 }}
              data-testid="catalog-table"
              locale={{
                emptyText: filtered ? (
                  <TableEmpty text={t('list.empty')}>
                    <Button onClick={clearFilters}>{t('list.clearFilters')}</Button>
                  </TableEmpty>
                ) : (
                  <TableEmpty text={t('list.emptyCatalog')}>
                    {mayRegister && (
                      <Button type="primary" onClick={() => navigate('/catalog/new')}>
                        {t('list.register')}
                      </Button>
                    )}
                  </TableEmpty>
                ),
              }}
              {...urlTableProps<ResourceSummary>(params, setParams, page.data?.total ?? 0, 'code')}
            />
          )}
        </Col>
      </Row>
    </>
  );
}
