import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictMap } from '../../../src/modules/org/contract.ts';
import { api } from '../../kit/api.ts';
import { contributionsTo } from '../../kit/extensions.ts';
import { LoadError } from '../../kit/load-error.tsx';
import { useSignedInUser } from '../../kit/session.ts';
import { shellPoints } from '../../kit/shell-points.ts';
import { allowed } from '../../kit/web-module.ts';
import { OverviewCards } from './overview-cards.tsx';
import { homePolicy } from './policy.ts';

/**
 * The landing page: the district's counts at a glance (for the center and leaders), then the cards modules add for
 * the user's role (the dashboard's to-dos and figures, the map, the subdistricts …).
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const showsOverview = allowed(me.roles, homePolicy.overview);
  const overview = useQuery({
    queryKey: ['overview'],
    queryFn: () => api.get<Record<string, number>>('/api/overview'),
    enabled: showsOverview,
  });
  // For the district's name in the title; the org module's map card asks under the same key, so it is read once.
  const map = useQuery({
    queryKey: ['divisions', 'map'],
    queryFn: () => api.get<DistrictMap>('/api/divisions/map'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const widgets = contributionsTo(shellPoints.homeWidget)
    .filter((widget) => allowed(me.roles, widget.roles))
    .toSorted((a, b) => a.order - b.order);

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="home-title">
          {map.data ? t('home.title', { district: map.data.district.name }) : t('app.center')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.subtitle')}</Typography.Text>
      </div>
      {!showsOverview ? null : overview.isError ? (
        <LoadError error={overview.error} onRetry={() => overview.refetch()} />
      ) : overview.data ? (
        <OverviewCards figures={overview.data} />
      ) : (
        <Card>
          <Skeleton active paragraph={{ rows: 1 }} />
        </Card>
      )}
      {widgets.length > 0 && (
        <Row gutter={[16, 16]}>
          {widgets.map((widget) => (
            <Col key={widget.key} xs={24} xl={widget.span}>
              {/* Widgets load their code lazily: each waits in its place, not the whole page. */}
              <Suspense
                fallback={
                  <Card>
                    <Skeleton active />
                  </Card>
                }
              >
                <widget.component />
              </Suspense>
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
