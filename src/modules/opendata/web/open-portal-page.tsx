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
import { LicenseCard, OpenFigures } from './open-landing.tsx';
import {
  datasetPath,
  downloadFormats,
  type OpenFacetCount,
  type OpenSummary,
  openSorts,
  useOpenOverview,
  useOpenPage,
  useOpenProviders,
} from './opendata-api.ts';

const filterKeys = ['q', 'classification', 'departmentId', 'updateCycle'] as const;

/**
 * A filter's choices with the count beside each (from the server, for the current search); a choice with none is
 * shown with 0 and disabled, unless it is the one picked.
 */
function choices(
  values: readonly string[],
  facet: OpenFacetCount[] | undefined,
  label: (value: string) => string,
  picked: string,
) {
  const counts = new Map((facet ?? []).map((f) => [f.value, f.count]));
  return values.map((value) => {
    const count = counts.get(value) ?? 0;
    return {
      value,
      label: facet ? `${label(value)} (${count})` : label(value),
      disabled: Boolean(facet) && !count && value !== picked,
    };
  });
}

/** The "all" choice of a filter, with how many datasets it shows (every dataset has one value of each filter). */
function allChoice(label: string, facet: OpenFacetCount[] | undefined) {
  return { value: '', label: facet ? `${label} (${facet.reduce((n, f) => n + f.count, 0)})` : label };
}

/**
 * 开放数据门户: the landing figures and newest data, then the open datasets with search (pinyin initials too),
 * filters with counts, sort and pages, a hint when nothing matches, and the license and terms of use.
 */
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
  const overview = useOpenOverview();
  const providers = useOpenProviders();
  const facets = page.data?.facets;
  const filtered = filterKeys.some((k) => params[k]);
  const clearFilters = () => {
    setSearch('');
    setParams({ q: '', classification: '', departmentId: '', updateCycle: '' });
  };
  // Every publishing department, named by the providers' list, counted for this search like the other filters.
  const departmentIds = (providers.data ?? []).map((d) => String(d.id));
  const departmentName = (id: string) => providers.data?.find((d) => String(d.id) === id)?.name ?? id;

  return (
    <OpenFrame>
      <Flex vertical gap={8} style={{ marginBottom: 24 }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="open-portal-title">
          {t('portal.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('portal.subtitle')}</Typography.Text>
      </Flex>
      <OpenFigures overview={overview.data} />
      <Flex vertical gap={8} style={{ marginBottom: 24 }}>
        <Input.Search
          allowClear
          size="large"
          enterButton={t('portal.search')}
          placeholder={t('portal.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setParams({ q: q.trim() })}
          style={{ maxWidth: 720 }}
          data-testid="open-search"
        />
      </Flex>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('portal.allClassifications')}
          value={params.classification}
          onChange={(classification) => setParams({ classification })}
          style={{ width: 180 }}
          data-testid="open-filter-classification"
          options={[
            allChoice(t('portal.allClassifications'), facets?.classification),
            ...choices(
              classifications,
              facets?.classification,
              (c) => t(`catalog:classifications.${c}`),
              params.classification,
            ),
          ]}
        />
        <Select
          aria-label={t('portal.allProviders')}
          value={params.departmentId}
          onChange={(departmentId) => setParams({ departmentId })}
          loading={providers.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          data-testid="open-filter-department"
          options={[
            allChoice(t('portal.allProviders'), facets?.departmentId),
            ...choices(departmentIds, facets?.departmentId, departmentName, params.departmentId),
          ]}
        />
        <Select
          aria-label={t('portal.allCycles')}
          value={params.updateCycle}
          onChange={(updateCycle) => setParams({ updateCycle })}
          style={{ width: 160 }}
          data-testid="open-filter-cycle"
          options={[
            allChoice(t('portal.allCycles'), facets?.updateCycle),
            ...choices(
              updateCycles,
              facets?.updateCycle,
              (c) => t(`catalog:updateCycles.${c}`),
              params.updateCycle,
            ),
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
              <EmptySearchHint
                q={params.q}
                otherFilters={filterKeys.some((k) => k !== 'q' && params[k])}
                onClear={clearFilters}
                onSearchEverywhere={() =>
                  setParams({ classification: '', departmentId: '', updateCycle: '' })
                }
              />
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
      <LicenseCard overview={overview.data} />
    </OpenFrame>
  );
}

/** What a search that finds nothing shows: what to try, clear the filters, or search the words alone. */
function EmptySearchHint(props: {
  q: string;
  otherFilters: boolean;
  onClear: () => void;
  onSearchEverywhere: () => void;
}) {
  const { t } = useTranslation('opendata');
  return (
    <TableEmpty text={t('portal.empty')}>
      <Flex vertical align="center" gap={12} data-testid="open-empty-hint">
        <div style={{ textAlign: 'left' }}>
          <Typography.Text type="secondary">{t('portal.emptyTry')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {(['words', 'pinyin', 'filters'] as const).map((tip) => (
              <li key={tip}>
                <Typography.Text type="secondary">{t(`portal.emptyTips.${tip}`)}</Typography.Text>
              </li>
            ))}
          </ul>
        </div>
        <Space wrap>
          <Button type="primary" onClick={props.onClear} data-testid="open-empty-clear">
            {t('portal.clearFilters')}
          </Button>
          {props.q && props.otherFilters && (
            <Button onClick={props.onSearchEverywhere}>{t('portal.searchEverywhere', { q: props.q })}</Button>
          )}
        </Space>
      </Flex>
    </TableEmpty>
  );
}
