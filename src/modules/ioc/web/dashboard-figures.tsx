import { Button, Card, Col, Flex, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../../../web/kit/format.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { allowed } from '../../../../web/kit/web-module.ts';
import { iocPolicy } from '../policy.ts';
import { type Dashboard, useDashboard } from './dashboard-api.ts';
import { briefingsPath, screenPath } from './paths.ts';

/** The figures in the order and groups the card shows them; a figure the server adds later goes under 'other'. */
const groups = {
  cases: ['casesToday', 'casesOpen', 'casesOverdue', 'reportsToday', 'reportsOpen', 'reportsClosed'],
  devices: ['devicesTotal', 'devicesOnline', 'devicesOffline', 'alarmsActive'],
  data: ['resources', 'dataQuality', 'resourceQuality', 'batchesToday', 'recordsToday'],
  sharing: [
    'sharingCallsToday',
    'sharingCalls30Days',
    'applicationsPending',
    'applicationsApproved',
    'applicationsRejected',
  ],
};
const grouped = new Set(Object.values(groups).flat());
/** Figures that are shares 0..1, shown as percentages. */
const shares = new Set(['dataQuality', 'resourceQuality']);
/** Figures that are bad news when above 0. */
const alarming = new Set(['casesOverdue', 'devicesOffline', 'alarmsActive', 'applicationsRejected']);

/** One figure: a count, or a share as a percentage; a dash when there is nothing to rate. */
function Figure({ name, value }: { name: string; value: number | null }) {
  const { t, i18n } = useTranslation('ioc');
  const label = i18n.exists(`ioc:dashboard.figures.${name}`) ? t(`dashboard.figures.${name}`) : name;
  const text =
    value === null
      ? '—'
      : shares.has(name)
        ? `${formatNumber(Math.round(value * 1000) / 10)}%`
        : formatNumber(value);
  return (
    <div data-testid={`figure-${name}`}>
      <Statistic
        title={label}
        value={text}
        styles={{ content: alarming.has(name) && value ? { color: '#cf1322' } : undefined }}
      />
    </div>
  );
}

/** The figures of one group, four to a row on wide screens. */
function FigureGroup({
  title,
  names,
  figures,
}: {
  title: string;
  names: string[];
  figures: Dashboard['figures'];
}) {
  const shown = names.filter((name) => name in figures);
  if (!shown.length) return null;
  return (
    <div>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <Row gutter={[16, 8]} style={{ marginTop: 4 }}>
        {shown.map((name) => (
          <Col key={name} xs={12} md={6}>
            <Figure name={name} value={figures[name] ?? null} />
          </Col>
        ))}
      </Row>
    </div>
  );
}

/**
 * The home page's figures of the user's role: the district's for the center and leaders, a department's own, a
 * desk's or an inspector's queue; with the way to the operations screen and the briefings for those who read them.
 */
export function FiguresCard() {
  const { t } = useTranslation('ioc');
  const me = useSignedInUser();
  const dashboard = useDashboard();
  // The to-do card beside this one reports a failure and retries for both.
  if (dashboard.isError) return null;
  const d = dashboard.data;
  const shortcuts = (
    <Space>
      {allowed(me.roles, iocPolicy.screen) && (
        <Link to={screenPath}>
          <Button size="small">{t('dashboard.shortcuts.screen')}</Button>
        </Link>
      )}
      {allowed(me.roles, iocPolicy.readBriefings) && (
        <Link to={briefingsPath}>
          <Button size="small">{t('dashboard.shortcuts.briefings')}</Button>
        </Link>
      )}
    </Space>
  );
  return (
    <Card
      title={t(`dashboard.figures.title.${d?.scope ?? 'other'}`)}
      extra={shortcuts}
      style={{ height: '100%' }}
      data-testid="dashboard-figures"
    >
      {!d ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          {Object.entries(groups).map(([group, names]) => (
            <FigureGroup
              key={group}
              title={t(`dashboard.figures.groups.${group}`)}
              names={names}
              figures={d.figures}
            />
          ))}
          <FigureGroup
            title={t('dashboard.figures.groups.other')}
            names={Object.keys(d.figures).filter((name) => !grouped.has(name))}
            figures={d.figures}
          />
        </Flex>
      )}
    </Card>
  );
}
