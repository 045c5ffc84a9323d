import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pageSizing, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { severities } from '../ports.ts';
import { useAlarmStream } from './alarm-stream.ts';
import { AlarmTable } from './alarm-table.tsx';
import { useAlarmPage } from './alarms-api.ts';
import { ProfileFilter, useAnyOption } from './filter-selects.tsx';
import { installPageMessages } from './messages.ts';

installPageMessages();

const statusFilters = ['active', 'unacknowledged', 'acknowledged', 'cleared', 'all'] as const;

/**
 * 告警: the alarms the user sees, active ones first by default, filtered by state, severity and profile. The list
 * follows the live stream (the header's listener refreshes it), so it is never polled.
 */
export function AlarmsPage() {
  const { t } = useTranslation('iot');
  useAlarmStream();
  const [params, setParams] = useListParams({
    status: 'active',
    severity: '',
    profile: '',
    page: '1',
    pageSize: '20',
  });
  const list = useAlarmPage({
    status: params.status,
    severity: params.severity || undefined,
    profile: params.profile || undefined,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });
  const filtered = !!(params.severity || params.profile || params.status !== 'active');
  const any = useAnyOption();

  return (
    <>
      <PageHeader
        title={t('alarms.title')}
        description={
          <>
            {t('alarms.description')}{' '}
            <Typography.Text type="success" data-testid="alarms-live">
              {t('alarms.live')}
            </Typography.Text>
          </>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('alarms.fields.status')}
          value={params.status}
          onChange={(status) => setParams({ status })}
          style={{ width: 160 }}
          data-testid="alarms-status"
          options={statusFilters.map((s) => ({ value: s, label: t(`alarms.filters.${s}`) }))}
        />
        <Select
          aria-label={t('alarms.fields.severity')}
          value={params.severity}
          onChange={(severity) => setParams({ severity })}
          style={{ width: 160 }}
          data-testid="alarms-severity"
          options={[
            any(t('alarms.fields.severity')),
            ...severities.map((s) => ({ value: s, label: t(`severity.${s}`) })),
          ]}
        />
        <ProfileFilter value={params.profile} onChange={(profile) => setParams({ profile })} width={180} />
        {filtered && (
          <Button type="link" onClick={() => setParams({ status: 'active', severity: '', profile: '' })}>
            {t('common:common.reset')}
          </Button>
        )}
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <AlarmTable
          items={list.data?.items ?? []}
          loading={list.isFetching}
          emptyText={t(params.status === 'active' && !filtered ? 'alarms.emptyActive' : 'alarms.empty')}
          pagination={{
            current: Number(params.page),
            pageSize: Number(params.pageSize),
            total: list.data?.total ?? 0,
            ...pageSizing,
            onChange: (page, pageSize) => setParams({ page: String(page), pageSize: String(pageSize) }),
          }}
        />
      )}
    </>
  );
}
