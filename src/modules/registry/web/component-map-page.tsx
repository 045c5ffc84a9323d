import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Empty, Flex, List, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../web/kit/api.ts';
import { formatNumber } from '../../../../web/kit/format.ts';
import { useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import type { DistrictMap } from '../../org/contract.ts';
import { useSubdistricts } from '../../org/web/index.ts';
import { ComponentMap, classColor, classColors } from './component-map.tsx';
import { useLabels } from './labels.ts';
import { useComponentMap, useItemOptions } from './registry-api.ts';
import { RegistryHeader } from './registry-header.tsx';

const mapHeight = 560;

/** /registry/component/map: the city components over the district outline, by class and status, with counts. */
export function ComponentMapPage() {
  const { t } = useTranslation('registry');
  const labels = useLabels('component');
  const [params, setParams] = useListParams({ class: '', status: '', subdistrict: '' });
  const filtered = !!(params.class || params.status || params.subdistrict);
  const map = useComponentMap({
    class: params.class || undefined,
    status: params.status || undefined,
    subdistrict: params.subdistrict || undefined,
  });
  // The same query as the home page's map, so the outline comes from the cache.
  const outline = useQuery({
    queryKey: ['divisions', 'map'],
    queryFn: () => api.get<DistrictMap>('/api/divisions/map'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const classes = useItemOptions('component', 'class');
  const statuses = useItemOptions('component', 'status');
  const subdistricts = useSubdistricts();

  const counts = new Map<string, number>();
  for (const p of map.data?.points ?? []) counts.set(p.class ?? '', (counts.get(p.class ?? '') ?? 0) + 1);
  const legend = [...new Set([...Object.keys(classColors), ...counts.keys()])].filter(
    (cls) => counts.has(cls) || !params.class,
  );

  const select = (key: 'class' | 'status' | 'subdistrict', options: string[], width: number) => (
    <Select
      aria-label={t(`map.${key}`)}
      value={params[key]}
      onChange={(value) => setParams({ [key]: value })}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width }}
      data-testid={`map-${key}`}
      options={[
        { value: '', label: `${t(`map.${key}`)}: ${t('common:common.all')}` },
        ...options.map((v) => ({ value: v, label: key === 'subdistrict' ? v : labels.value(v) })),
      ]}
    />
  );

  return (
    <>
      <RegistryHeader registry="component" />
      <Space wrap style={{ marginBottom: 16 }}>
        {select('class', classes, 170)}
        {select('status', statuses, 150)}
        {select(
          'subdistrict',
          (subdistricts.data ?? []).map((d) => d.name),
          200,
        )}
        {filtered && (
          <Button type="link" onClick={() => setParams({ class: '', status: '', subdistrict: '' })}>
            {t('search.clearFilters')}
          </Button>
        )}
      </Space>
      {map.isError || outline.isError ? (
        <LoadError
          error={map.error ?? outline.error}
          onRetry={() => {
            void map.refetch();
            void outline.refetch();
          }}
        />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={18}>
            <Card
              size="small"
              title={t('map.title')}
              extra={
                map.data && (
                  <Typography.Text type="secondary" data-testid="map-count">
                    {t(filtered ? 'map.countFiltered' : 'map.count', { count: map.data.total })}
                  </Typography.Text>
                )
              }
            >
              {map.data && outline.data ? (
                map.data.points.length ? (
                  <ComponentMap outline={outline.data} points={map.data.points} height={mapHeight} />
                ) : (
                  <Empty description={t('map.empty')} style={{ padding: 120 }} data-testid="map-empty" />
                )
              ) : (
                <Skeleton.Node active style={{ width: '100%', height: mapHeight }} />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={6}>
            <Card size="small" title={t('map.legend')}>
              <List
                size="small"
                data-testid="map-legend"
                dataSource={legend}
                renderItem={(cls) => (
                  <List.Item
                    style={{ cursor: 'pointer', opacity: counts.has(cls) ? 1 : 0.45 }}
                    onClick={() => setParams({ class: params.class === cls ? '' : cls })}
                    extra={<Typography.Text strong>{formatNumber(counts.get(cls) ?? 0)}</Typography.Text>}
                  >
                    <Flex gap={8} align="center">
                      <Badge color={classColor(cls || null)} />
                      <span>{labels.value(cls || null)}</span>
                    </Flex>
                  </List.Item>
                )}
              />
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
                {t('map.description')}
              </Typography.Paragraph>
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
