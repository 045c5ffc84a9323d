import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../../web/kit/api.ts';
import { useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import type { DistrictMap } from '../../org/contract.ts';
import { DeviceMap } from './device-map.tsx';
import { devicesPath, useDeviceMap } from './devices-api.ts';
import { ProfileFilter, StatusFilter } from './filter-selects.tsx';
import { installPageMessages } from './messages.ts';

installPageMessages();

/** The district's outline (the same query key as the home page's map, so it is fetched once). */
function useDistrictOutline() {
  return useQuery({
    queryKey: ['divisions', 'map'],
    queryFn: () => api.get<DistrictMap>('/api/divisions/map'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** 设备地图: every device the user sees on the district's map, by status and alarm, filtered by profile. */
export function DeviceMapPage() {
  const { t } = useTranslation('iot');
  const [params, setParams] = useListParams({ profile: '', status: '' });
  const outline = useDistrictOutline();
  const points = useDeviceMap({ profile: params.profile || undefined, status: params.status || undefined });
  const items = points.data?.items ?? [];
  const alarmed = items.filter((d) => d.alarmSeverity).length;

  return (
    <>
      <PageHeader
        title={t('map.title')}
        description={t('map.description')}
        extra={<Link to={devicesPath}>{t('map.toList')}</Link>}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <ProfileFilter
          value={params.profile}
          onChange={(profile) => setParams({ profile })}
          width={200}
          testId="map-profile"
        />
        <StatusFilter value={params.status} onChange={(status) => setParams({ status })} width={150} />
        {points.data && (
          <Typography.Text type="secondary" data-testid="map-count">
            {t('map.count', { count: items.length })}
            {alarmed > 0 && (
              <Badge
                status="error"
                style={{ marginInlineStart: 12 }}
                text={t('map.alarmed', { count: alarmed })}
              />
            )}
          </Typography.Text>
        )}
      </Space>
      <Card>
        {outline.error || points.error ? (
          <LoadError
            error={outline.error ?? points.error}
            onRetry={() => {
              void outline.refetch();
              void points.refetch();
            }}
          />
        ) : outline.data && points.data ? (
          <DeviceMap outline={outline.data} points={items} />
        ) : (
          <Skeleton active paragraph={{ rows: 12 }} />
        )}
      </Card>
    </>
  );
}
