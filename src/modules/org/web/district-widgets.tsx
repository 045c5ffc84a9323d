import { Card, Skeleton, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { useDistrictMap } from './departments-api.ts';
import { SubdistrictList } from './subdistrict-list.tsx';

// The map library is large: it loads with the first home page, not with the sign-in page.
const DistrictMap = lazy(() => import('./district-map.tsx').then((m) => ({ default: m.DistrictMap })));

const mapHeight = 460;

/** The home page's card with the district's map; when the divisions cannot be loaded, it says so in its place. */
export function DistrictMapCard() {
  const { t } = useTranslation('org');
  const map = useDistrictMap();
  if (map.isError) return <LoadError error={map.error} onRetry={() => map.refetch()} />;
  const placeholder = <Skeleton.Node active style={{ width: '100%', height: mapHeight }} />;
  return (
    <Card
      title={t('widgets.map')}
      extra={
        map.data && (
          <Typography.Text type="secondary">
            {t('widgets.mapHint', { count: map.data.subdistricts.length })}
          </Typography.Text>
        )
      }
    >
      {map.data ? (
        <Suspense fallback={placeholder}>
          <DistrictMap data={map.data} height={mapHeight} />
        </Suspense>
      ) : (
        placeholder
      )}
    </Card>
  );
}

/** The home page's card ranking the subdistricts by their communities. */
export function SubdistrictsCard() {
  const { t } = useTranslation('org');
  const map = useDistrictMap();
  // The same query as the map's card, which reports the failure and retries for both.
  if (map.isError) return null;
  return (
    <Card title={t('widgets.subdistricts')} style={{ height: '100%' }}>
      {map.data ? <SubdistrictList subdistricts={map.data.subdistricts} /> : <Skeleton active />}
    </Card>
  );
}
