import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DistrictMap as DistrictMapData } from '../../../src/modules/org/contract.ts';
import { api } from '../../kit/api.ts';
import { LoadError } from '../../kit/load-error.tsx';
import { DistrictMap } from './district-map.tsx';
import { OverviewCards } from './overview-cards.tsx';
import { SubdistrictList } from './subdistrict-list.tsx';

const mapHeight = 460;

/** The landing page: the district's figures at a glance, its map and its subdistricts. */
export function HomePage() {
  const { t } = useTranslation();
  const overview = useQuery({
    queryKey: ['overview'],
    queryFn: () => api.get<Record<string, number>>('/api/overview'),
  });
  const map = useQuery({
    queryKey: ['divisions', 'map'],
    queryFn: () => api.get<DistrictMapData>('/api/divisions/map'),
    staleTime: Number.POSITIVE_INFINITY,
  });

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="home-title">
          {map.data ? t('home.title', { district: map.data.district.name }) : t('app.center')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.subtitle')}</Typography.Text>
      </div>
      {overview.isError ? (
        <LoadError error={overview.error} onRetry={() => overview.refetch()} />
      ) : overview.data ? (
        <OverviewCards figures={overview.data} />
      ) : (
        <Card>
          <Skeleton active paragraph={{ rows: 1 }} />
        </Card>
      )}
      {map.isError ? (
        <LoadError error={map.error} onRetry={() => map.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card
              title={t('home.map')}
              extra={
                map.data && (
                  <Typography.Text type="secondary">
                    {t('home.mapHint', { count: map.data.subdistricts.length })}
                  </Typography.Text>
                )
              }
            >
              {map.data ? (
                <DistrictMap data={map.data} height={mapHeight} />
              ) : (
                <Skeleton.Node active style={{ width: '100%', height: mapHeight }} />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('home.subdistricts')} style={{ height: '100%' }}>
              {map.data ? <SubdistrictList subdistricts={map.data.subdistricts} /> : <Skeleton active />}
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
}
