import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../../../web/kit/chart.tsx';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { StatusPage } from '../../../../web/kit/status-pages.tsx';
import { useLabels } from './labels.ts';
import { type RegistryName, type RegistryStatistics, useStatistics } from './registry-api.ts';
import { RegistryHeader, useRegistryParam } from './registry-header.tsx';
import { barsOption, classStatusOption, pieOption, pyramidOption } from './statistics-charts.ts';

/** /registry/:registry/statistics: counts by subdistrict and what each registry has (ages, statuses, classes). */
export function StatisticsPage() {
  const registry = useRegistryParam();
  return registry ? <Statistics key={registry} registry={registry} /> : <StatusPage status="404" />;
}

function Statistics({ registry }: { registry: RegistryName }) {
  const stats = useStatistics(registry);
  return (
    <>
      <RegistryHeader registry={registry} />
      {stats.isError ? (
        <LoadError error={stats.error} onRetry={() => stats.refetch()} />
      ) : stats.data ? (
        <Charts registry={registry} stats={stats.data} />
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
    </>
  );
}

/** A chart in a card, or an empty picture when it would have nothing to show. */
function ChartCard({
  title,
  empty,
  children,
  testId,
}: {
  title: string;
  empty: boolean;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation('registry');
  return (
    <Card size="small" title={title} data-testid={testId}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.empty')} /> : children}
    </Card>
  );
}

function Charts({ registry, stats }: { registry: RegistryName; stats: RegistryStatistics }) {
  const { t } = useTranslation('registry');
  const labels = useLabels(registry);
  const options = useMemo(() => {
    const named = <T,>(rows: T[], name: (row: T) => string | null, count: (row: T) => number) =>
      rows.map((r) => ({ name: labels.value(name(r)), count: count(r) }));
    return {
      subdistrict: barsOption(
        named(
          stats.bySubdistrict,
          (r) => r.subdistrict,
          (r) => r.count,
        ),
        t('stats.count'),
      ),
      pyramid: stats.agePyramid && pyramidOption(stats.agePyramid, t),
      status:
        stats.byStatus &&
        pieOption(
          named(
            stats.byStatus,
            (r) => r.status,
            (r) => r.count,
          ),
        ),
      industry:
        stats.byIndustry &&
        barsOption(
          named(
            stats.byIndustry,
            (r) => r.industry,
            (r) => r.count,
          ),
          t('stats.count'),
        ),
      classes: stats.byClass && classStatusOption(stats.byClass, labels.value),
    };
  }, [stats, labels, t]);

  const none = stats.total === 0;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card size="small">
          <Statistic title={t('stats.total')} value={stats.total} data-testid="stats-total" />
        </Card>
      </Col>
      {options.pyramid && (
        <Col xs={24} xl={12}>
          <ChartCard title={t('stats.agePyramid')} empty={none} testId="stats-pyramid">
            <Chart option={options.pyramid} height={440} />
          </ChartCard>
        </Col>
      )}
      <Col xs={24} xl={12}>
        <ChartCard
          title={t('stats.bySubdistrict')}
          empty={!stats.bySubdistrict.length}
          testId="stats-subdistrict"
        >
          <Chart option={options.subdistrict} height={440} />
        </ChartCard>
      </Col>
      {options.status && (
        <Col xs={24} xl={12}>
          <ChartCard title={t('stats.byStatus')} empty={!stats.byStatus?.length} testId="stats-status">
            <Chart option={options.status} height={360} />
          </ChartCard>
        </Col>
      )}
      {options.industry && (
        <Col xs={24} xl={12}>
          <ChartCard title={t('stats.byIndustry')} empty={!stats.byIndustry?.length} testId="stats-industry">
            <Chart option={options.industry} height={360} />
          </ChartCard>
        </Col>
      )}
      {options.classes && (
        <Col xs={24}>
          <ChartCard title={t('stats.byClass')} empty={!stats.byClass?.length} testId="stats-class">
            <Chart option={options.classes} height={360} />
          </ChartCard>
        </Col>
      )}
    </Row>
  );
}
