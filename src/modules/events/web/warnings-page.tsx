import { Card, Empty, InputNumber, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import type { Warning } from '../contract.ts';
import { useWarnings } from './stats-api.ts';

/** 预警: clusters of one category's cases near in space and time, each with its cases (links to them). */
export function WarningsPage() {
  const { t } = useTranslation('events');
  const [params, setParams] = useListParams({ minCases: '', radiusMetres: '', days: '' });
  const rule = {
    minCases: params.minCases ? Number(params.minCases) : undefined,
    radiusMetres: params.radiusMetres ? Number(params.radiusMetres) : undefined,
    days: params.days ? Number(params.days) : undefined,
  };
  const warnings = useWarnings(rule);
  const current = warnings.data?.rule;
  return (
    <>
      <PageHeader title={t('warnings.title')} description={t('warnings.description')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('warnings.rule')}</span>
        <InputNumber
          aria-label={t('warnings.minCases')}
          min={2}
          max={1000}
          value={rule.minCases ?? current?.minCases}
          onChange={(v) => setParams({ minCases: v ? String(v) : '' })}
          suffix={t('warnings.cases')}
        />
        <InputNumber
          aria-label={t('warnings.radius')}
          min={10}
          max={10000}
          step={100}
          value={rule.radiusMetres ?? current?.radiusMetres}
          onChange={(v) => setParams({ radiusMetres: v ? String(v) : '' })}
          suffix={t('warnings.metres')}
        />
        <InputNumber
          aria-label={t('warnings.days')}
          min={1}
          max={90}
          value={rule.days ?? current?.days}
          onChange={(v) => setParams({ days: v ? String(v) : '' })}
          suffix={t('warnings.daysUnit')}
        />
      </Space>
      {warnings.isError ? (
        <LoadError error={warnings.error} onRetry={() => warnings.refetch()} />
      ) : !warnings.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : warnings.data.items.length === 0 ? (
        <Card>
          <Empty description={t('warnings.none', { since: formatDateTime(warnings.data.since) })} />
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="warnings-list">
          {warnings.data.items.map((w) => (
            <WarningCard key={w.key} warning={w} />
          ))}
        </Space>
      )}
    </>
  );
}

function WarningCard({ warning: w }: { warning: Warning }) {
  const { t } = useTranslation('events');
  return (
    <Card
      size="small"
      data-testid="warning"
      title={
        <Space wrap>
          <Tag color="red">{t('warnings.cluster')}</Tag>
          <span>{w.categoryName ?? w.categoryCode}</span>
          <Typography.Text type="secondary">
            {t('warnings.summary', {
              count: w.cases.length,
              radius: w.radiusMetres,
              first: formatDateTime(w.firstAt),
              last: formatDateTime(w.lastAt),
            })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {t('warnings.centre', { lng: w.centre.lng.toFixed(5), lat: w.centre.lat.toFixed(5) })}
        </Typography.Text>
      }
    >
      <List
        size="small"
        dataSource={w.cases}
        renderItem={(c) => (
          <List.Item
            key={c.number}
            extra={<Typography.Text type="secondary">{formatDateTime(c.receivedAt)}</Typography.Text>}
          >
            <List.Item.Meta
              title={<Link to={`/events/cases/${c.number}`}>{c.number}</Link>}
              description={
                <>
                  <Typography.Text>{c.content}</Typography.Text>
                  {c.address && (
                    <>
                      <br />
                      <Typography.Text type="secondary">{c.address}</Typography.Text>
                    </>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
