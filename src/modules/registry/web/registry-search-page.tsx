import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { RawViewSwitch } from '../../../../web/kit/raw-view-switch.tsx';
import { StatusPage } from '../../../../web/kit/status-pages.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { useSubdistricts } from '../../org/web/index.ts';
import { nameItems } from '../feeds.ts';
import { useLabels } from './labels.ts';
import { useRawTexts } from './raw-texts.ts';
import {
  type EntitySummary,
  entityPath,
  type RegistryName,
  useEntityPage,
  useItemOptions,
  useMaySeeRaw,
  useRegistryResource,
} from './registry-api.ts';
import { RegistryHeader, useRegistryParam } from './registry-header.tsx';

/** The items each registry's list shows after its key and name, and the filters it offers beside the search. */
const layout: Record<
  RegistryName,
  { columns: string[]; filters: ('address' | 'subdistrict' | 'status' | 'class')[] }
> = {
  population: {
    columns: ['sex', 'birth_date', 'subdistrict', 'address', 'phone'],
    filters: ['address', 'subdistrict'],
  },
  legal_person: {
    columns: ['legal_rep_name', 'status', 'established_on', 'subdistrict', 'industry'],
    filters: ['address', 'subdistrict', 'status'],
  },
  license: { columns: ['type_name', 'issue_date', 'valid_until', 'status'], filters: ['status'] },
  component: {
    columns: ['class', 'status', 'subdistrict', 'owner_department'],
    filters: ['class', 'status', 'subdistrict'],
  },
};

/** The item each registry is keyed by, for the key column's heading. */
const keyItems: Record<RegistryName, string> = {
  population: 'id_number',
  legal_person: 'credit_code',
  license: 'license_id',
  component: 'component_code',
};

const filterKeys = ['q', 'address', 'subdistrict', 'status', 'class'] as const;

/** /registry/:registry: a registry searched by key, name or pinyin initials, address, subdistrict, status, class. */
export function RegistrySearchPage() {
  const registry = useRegistryParam();
  return registry ? <SearchPage key={registry} registry={registry} /> : <StatusPage status="404" />;
}

function SearchPage({ registry }: { registry: RegistryName }) {
  const { t } = useTranslation('registry');
  const labels = useLabels(registry);
  const [params, setParams] = useListParams({
    q: '',
    address: '',
    subdistrict: '',
    status: '',
    class: '',
    page: '1',
    pageSize: '20',
  });
  const [q, setQ] = useState(params.q);
  const [address, setAddress] = useState(params.address);
  const resource = useRegistryResource(registry);
  const maySeeRaw = useMaySeeRaw(registry);
  const hasPersonal = resource.data?.items.some((i) => i.personal) ?? false;
  // The API refuses an address filter to those who see addresses masked (it would confirm house numbers).
  const addressMasked = !maySeeRaw && !!resource.data?.items.some((i) => i.code === 'address' && i.personal);
  // Masked by default; the reason given to see the list raw lives in the page's state only (never in a link).
  const [rawReason, setRawReason] = useState<string | null>(null);
  const rawTexts = useRawTexts();
  const raw = maySeeRaw && rawReason !== null;
  const page = useEntityPage(registry, {
    q: params.q || undefined,
    address: params.address || undefined,
    subdistrict: params.subdistrict || undefined,
    status: params.status || undefined,
    class: params.class || undefined,
    ...(raw ? { raw: 'true' as const, reason: rawReason! } : {}),
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });
  const subdistricts = useSubdistricts();
  const statuses = useItemOptions(registry, 'status');
  const classes = useItemOptions(registry, 'class');
  const filters = layout[registry].filters;
  const filtered = filterKeys.some((k) => params[k]);

  const clearFilters = () => {
    setQ('');
    setAddress('');
    setParams({ q: '', address: '', subdistrict: '', status: '', class: '' });
  };

  const columns: ColumnsType<EntitySummary> = [
    {
      key: 'key',
      title: labels.item(keyItems[registry]),
      width: 220,
      render: (_, e) => (
        <Link to={entityPath(registry, e.ref)} data-testid="entity-link">
          <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
            {e.key}
          </Typography.Text>
        </Link>
      ),
    },
    {
      key: 'name',
      title: labels.item(nameItems[registry]),
      render: (_, e) => <Link to={entityPath(registry, e.ref)}>{e.name ?? '—'}</Link>,
    },
    ...layout[registry].columns.map((code) => ({
      key: code,
      title: labels.item(code),
      ellipsis: code === 'address',
      render: (_: unknown, e: EntitySummary) => {
        const value = e.values[code];
        if (!value) return '—';
        return code === 'status' || code === 'class' || code === 'sex' ? labels.value(value) : value;
      },
    })),
  ];

  const filterSelect = (
    key: 'subdistrict' | 'status' | 'class',
    options: string[],
    label: string,
    width: number,
  ) => (
    <Select
      key={key}
      aria-label={label}
      value={params[key]}
      onChange={(value) => setParams({ [key]: value })}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width }}
      data-testid={`filter-${key}`}
      options={[
        { value: '', label: `${label}: ${t('common:common.all')}` },
        ...options.map((v) => ({ value: v, label: key === 'subdistrict' ? v : labels.value(v) })),
      ]}
    />
  );

  return (
    <>
      <RegistryHeader
        registry={registry}
        extra={
          maySeeRaw &&
          hasPersonal && <RawViewSwitch reason={rawReason} onChange={setRawReason} texts={rawTexts} />
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t(`search.placeholder.${registry}`)}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(value) => setParams({ q: value.trim() })}
          style={{ width: 340 }}
          data-testid="registry-search"
        />
        {filters.includes('address') && !addressMasked && (
          <Input.Search
            allowClear
            placeholder={t('search.address')}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            onSearch={(value) => setParams({ address: value.trim() })}
            style={{ width: 220 }}
            data-testid="registry-address"
          />
        )}
        {filters.includes('subdistrict') &&
          filterSelect(
            'subdistrict',
            (subdistricts.data ?? []).map((d) => d.name),
            t('search.subdistrict'),
            200,
          )}
        {filters.includes('class') && filterSelect('class', classes, t('search.class'), 170)}
        {filters.includes('status') && filterSelect('status', statuses, t('search.status'), 150)}
        {filtered && (
          <Button type="link" onClick={clearFilters}>
            {t('search.clearFilters')}
          </Button>
        )}
        {page.data?.masked && hasPersonal && <Tag data-testid="list-masked">{t('search.masked')}</Tag>}
      </Space>
      {page.isError ? (
        <LoadError error={page.error} onRetry={() => page.refetch()} />
      ) : (
        <Table<EntitySummary>
          rowKey="ref"
          size="middle"
          data-testid="entities-table"
          loading={page.isFetching}
          columns={columns}
          dataSource={page.data?.items}
          scroll={{ x: 900 }}
          pagination={urlPagination(params, setParams, page.data?.total ?? 0)}
          locale={{
            emptyText: page.isPending ? (
              ' '
            ) : filtered ? (
              <TableEmpty text={t('search.emptyFiltered')}>
                <Button onClick={clearFilters}>{t('search.clearFilters')}</Button>
              </TableEmpty>
            ) : (
              <TableEmpty text={t('search.empty')}>
                <Typography.Text type="secondary">{t('search.emptyHint')}</Typography.Text>
              </TableEmpty>
            ),
          }}
        />
      )}
    </>
  );
}
