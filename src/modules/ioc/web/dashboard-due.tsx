import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Chart } from '../../../../web/kit/chart.tsx';
import { formatNumber } from '../../../../web/kit/format.ts';
import { casesByDueLink, todoLinks } from '../dashboard/links.ts';
import { type Dashboard, useDashboard } from './dashboard-api.ts';

type Due = NonNullable<Dashboard['casesByDue']>;
const spans = ['overdue', 'today', 'within3Days', 'later'] as const satisfies readonly (keyof Due)[];
const colors: Record<keyof Due, string> = {
  overdue: '#cf1322',
  today: '#fa8c16',
  within3Days: '#d4b106',
  later: '#1677ff',
};

/** A department's open cases by how soon they are due: the four counts, and a bar of each. */
export function CasesByDueCard() {
  const { t } = useTranslation('ioc');
  const dashboard = useDashboard();
  const due = dashboard.data?.casesByDue;
  const option = useMemo(
    () =>
      due && {
        grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: spans.map((span) => t(`dashboard.due.${span}`)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            barMaxWidth: 36,
            data: spans.map((span) => ({ value: due[span], itemStyle: { color: colors[span] } })),
          },
        ],
      },
    [due, t],
  );
  // Only a department has cases by due time; the to-do card reports a failure to load.
  if (dashboard.isError || (dashboard.data && !due)) return null;
  return (
    <Card
      title={t('dashboard.due.title')}
      extra={<Link to={casesByDueLink}>{t('dashboard.due.byDue')}</Link>}
      style={{ height: '100%' }}
      data-testid="dashboard-due"
    >
      {!due || !option ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={[8, 8]}>
            {spans.map((span) => {
              const figure = (
                <Statistic
                  title={t(`dashboard.due.${span}`)}
                  value={formatNumber(due[span])}
                  styles={{ content: { color: due[span] ? colors[span] : undefined } }}
                />
              );
              return (
                <Col key={span} span={6} data-testid={`due-${span}`}>
                  {span === 'overdue' && due.overdue > 0 ? (
                    <Link to={todoLinks.overdueCases.link}>{figure}</Link>
                  ) : (
                    figure
                  )}
                </Col>
              );
            })}
          </Row>
          <Chart option={option} height={180} testId="due-chart" />
        </>
      )}
    </Card>
  );
}
