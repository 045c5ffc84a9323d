import { ClockCircleOutlined, DatabaseOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { formatDate, formatNumber } from '../../../../web/kit/format.ts';
import { pageSizing, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { ClassificationTag, classifications, updateCycles } from '../../catalog/web/index.ts';
import { OpenFrame } from './open-frame.tsx';
import {
  datasetPath,
  downloadFormats,
  type OpenSummary,
  openSorts,
  useOpenPage,
  useOpenProviders,
} from './opendata-api.ts';

const filterKeys = ['q', 'classification', 'departmentId', 'updateCycle'] as const;

/** 开放数据门户: the public list of open datasets with search (pinyin initials too), filters, sort and pages. */
export function OpenPortalPage() {
  const { t } = useTranslation('opendata');
  const location = useLocation();
  const [params, setParams] = useListParams({
    q: '',
    classification: '',
    departmentId: '',
    updateCycle: '',
    sort: 'updated',
    page: '1',
    pageSize: '10',
  });
  const [search, setSearch] = useState(params.q);
  const page = useOpenPage({ ...params, page: Number(params.page), pageSize: Number(params.pageSize) });
  const providers = useOpenProviders();
  const filtered = filterKeys.some((k) => params[k]);
  const clearFilters = () => {
    setSearch('');
    setParams({ q: '', classification: '', departmentId: '', updateCycle: '' });
  };

  return (
    <OpenFrame>
      <Flex vertical gap={8} style={{ marginBottom: 24 }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="open-portal-title">
          {t('portal.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('portal.subtitle')}</Typography.Text>
        <Input.Search
          allowClear
          size="large"
          enterButton={t('portal.search')}
          placeholder={t('portal.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setParams({ q: q.trim() })}
          style={{ maxWidth: 720, marginTop: 8 }}
          data-testid="open-search"
        />
      </Flex>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('portal.allClassifications')}
          value={params.classification}
          onChange={(classification) => setParams({ classification })}
          style={{ width: 180 }}
          options={[
            { value: '', label: t('portal.allClassifications') },
            ...classifications.map((c) => ({ value: c, label: t(`catalog:classifications.${c}`) })),
          ]}
        />
        <Select
          aria-label={t('portal.allProviders')}
          value={params.departmentId}
          onChange={(departmentId) => setParams({ departmentId })}
          loading={providers.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          options={[
            { value: '', label: t('portal.allProviders') },
            ...(providers.data ?? []).map((d) => ({ value: String(d.id), label: `${d.name} (${d.count})` })),
          ]}
        />
        <Select
          aria-label={t('portal.allCycles')}
          value={params.updateCycle}
          onChange={(updateCycle) => setParams({ updateCycle })}
          style={{ width: 160 }}
          options={[
            { value: '', label: t('portal.allCycles') },
            ...updateCycles.map((c) => ({ value: c, label: t(`catalog:updateCycles.${c}`) })),
          ]}
        />
        <Select
          aria-label={t('portal.sortLabel')}
          value={params.sort}
          onChange={(sort) => setParams({ sort })}
          style={{ width: 160 }}
          options={openSorts.map((s) => ({
            value: s,
            label: `${t('portal.sortLabel')}: ${t(`portal.sort.${s}`)}`,
          }))}
        />
        {filtered && (
          <Button type="link" onClick={clearFilters}>
            {t('portal.clearFilters')}
          </Button>
        )}
      </Space>
      {page.isError ? (
        <LoadError error={page.error} onRetry={() => page.refetch()} />
      ) : (
        <List<OpenSummary>
          itemLayout="vertical"
          loading={page.isFetching}
          dataSource={page.data?.items}
          data-testid="open-list"
          locale={{
            emptyText: filtered ? (
              <TableEmpty text={t('portal.empty')}>
                <Button onClick={clearFilters}>{t('portal.clearFilters')}</Button>
              </TableEmpty>
            ) : (
              <TableEmpty text={t('portal.emptyPortal')}>
                <Typography.Text type="secondary">{t('portal.emptyPortalHint')}</Typography.Text>
              </TableEmpty>
            ),
          }}
          pagination={
            page.data?.total
              ? {
                  current: Number(params.page),
                  pageSize: Number(params.pageSize),
                  total: page.data.total,
                  ...pageSizing,
                  onChange: (p, pageSize) => setParams({ page: String(p), pageSize: String(pageSize) }),
                }
              : false
          }
          renderItem={(d) => (
            <Card size="small" style={{ marginBottom: 12 }} data-testid="open-dataset-card">
              <Flex vertical gap={6}>
                <Flex align="center" gap={8} wrap>
                  <Link
                    to={datasetPath(d.name)}
                    state={{ list: location.search }}
                    style={{ fontSize: 16, fontWeight: 600 }}
                  >
                    {d.title}
                  </Link>
                  <ClassificationTag classification={d.classification} />
                  <Tag>{t(`catalog:updateCycles.${d.updateCycle}`)}</Tag>
                  {downloadFormats.map((f) => (
                    <Tag key={f} color="blue" variant="outlined">
                      {f.toUpperCase()}
                    </Tag>
                  ))}
                </Flex>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  {d.summary}
                </Typography.Paragraph>
                <Space separator="·" wrap size={12}>
                  <Typography.Text type="secondary">
                    <TeamOutlined /> {d.provider.name}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    <DatabaseOutlined /> {t('portal.rows', { rows: formatNumber(d.rowCount) })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    <ClockCircleOutlined /> {t('portal.updated', { date: formatDate(d.dataUpdatedAt) })}
                  </Typography.Text>
                </Space>
              </Flex>
            </Card>
          )}
        />
      )}
    </OpenFrame>
  );
}
