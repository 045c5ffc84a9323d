import { BarChartOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import type { Resource } from '../../catalog/contract.ts';
import { nameItems, type RegistryName } from '../feeds.ts';
import { useLabels } from './labels.ts';
import { type EntitySummary, entityPath, registryPath, useEntityPage } from './registry-api.ts';

/**
 * The resource page's tab for a base registry's resource: the registry's merged entities (masked as the registry
 * shows them to this user), how many there are, and links to the registry's search and quality pages. It takes the
 * place of the data tab, whose records a registry's resource rarely holds: its data is the merged registry.
 */
export function ResourceRegistryTab({ resource }: { resource: Resource }) {
  const registry = resource.alias as RegistryName;
  return <RegistryEntities key={registry} registry={registry} keyItem={resource.keyItems[0] ?? ''} />;
}

function RegistryEntities({ registry, keyItem }: { registry: RegistryName; keyItem: string }) {
  const { t } = useTranslation('registry');
  const labels = useLabels(registry);
  const [page, setPage] = useState({ current: 1, size: 10 });
  const entities = useEntityPage(registry, { page: page.current, pageSize: page.size });
  const name = t(`registries.${registry}`);
  if (entities.isError) return <LoadError error={entities.error} onRetry={() => entities.refetch()} />;
  const data = entities.data;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        data-testid="resource-registry-summary"
        message={
          data
            ? t('resourceTab.summary', { registry: name, n: formatNumber(data.total) })
            : t(`registries.${registry}`)
        }
        action={
          <Space>
            <Link to={registryPath(registry)} data-testid="resource-registry-open">
              <Button type="primary" size="small" icon={<SearchOutlined />}>
                {t('resourceTab.open')}
              </Button>
            </Link>
            <Link to={registryPath(registry, 'quality')}>
              <Button size="small" icon={<BarChartOutlined />}>
                {t('resourceTab.quality')}
              </Button>
            </Link>
          </Space>
        }
      />
      {data?.masked && <Tag>{t('resourceTab.masked')}</Tag>}
      <Table<EntitySummary>
        rowKey="ref"
        size="small"
        loading={entities.isFetching}
        dataSource={data?.items ?? []}
        data-testid="resource-registry-entities"
        locale={{ emptyText: t('resourceTab.empty', { registry: name }) }}
        pagination={{
          current: page.current,
          pageSize: page.size,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: (current, size) => setPage({ current, size }),
        }}
        columns={[
          {
            key: 'key',
            title: labels.item(keyItem),
            render: (_, e) => (
              <Link to={entityPath(registry, e.ref)}>
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                  {e.key}
                </Typography.Text>
              </Link>
            ),
          },
          { key: 'name', title: labels.item(nameItems[registry]), render: (_, e) => e.name ?? '—' },
        ]}
      />
    </Space>
  );
}
