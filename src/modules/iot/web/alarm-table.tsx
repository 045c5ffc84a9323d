import { useQueryClient } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { App, Button, Popconfirm, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../../web/kit/api.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { casePath } from '../../events/web/index.ts';
import { iotPolicy } from '../policy.ts';
import { ackAlarm, alarmsKey, clearAlarm } from './alarms-api.ts';
import { devicePath, devicesKey } from './devices-api.ts';
import { Ago, AlarmStatusTag, SeverityTag, valueText } from './iot-tags.tsx';
import type { Alarm } from './iot-types.ts';

/**
 * Alarms with their severity, device, rule, state, times, count, values and case; those who handle alarms
 * acknowledge and clear them here (the server checks the department).
 */
export function AlarmTable({
  items,
  loading,
  pagination,
  emptyText,
  hideDevice,
}: {
  items: Alarm[];
  loading: boolean;
  pagination: TablePaginationConfig | false;
  emptyText: string;
  hideDevice?: boolean;
}) {
  const { t } = useTranslation('iot');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const mayHandle = allowed(me.roles, iotPolicy.handleAlarms);

  const act = async (what: 'ack' | 'clear', alarm: Alarm) => {
    try {
      await (what === 'ack' ? ackAlarm(alarm.id) : clearAlarm(alarm.id));
      message.success(t(what === 'ack' ? 'alarms.acked' : 'alarms.cleared'));
    } catch (error) {
      message.error(errorText(error));
    }
    await queryClient.invalidateQueries({ queryKey: alarmsKey });
    await queryClient.invalidateQueries({ queryKey: devicesKey });
  };

  return (
    <Table<Alarm>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      data-testid="alarms-table"
      scroll={{ x: 1100 }}
      pagination={pagination}
      locale={{ emptyText: <TableEmpty text={emptyText} /> }}
      onRow={(a) => ({ 'data-alarm-id': a.id, 'data-severity': a.severity }) as object}
      columns={[
        {
          key: 'severity',
          title: t('alarms.fields.severity'),
          render: (_, a) => <SeverityTag severity={a.severity} />,
        },
        ...(hideDevice
          ? []
          : [
              {
                key: 'device',
                title: t('alarms.fields.device'),
                render: (_: unknown, a: Alarm) => (
                  <Space direction="vertical" size={0}>
                    <Link to={devicePath(a.deviceCode)}>{a.deviceCode}</Link>
                    <Typography.Text type="secondary">{a.deviceName}</Typography.Text>
                  </Space>
                ),
              },
            ]),
        { key: 'rule', title: t('alarms.fields.rule'), render: (_, a) => a.ruleName ?? '—' },
        {
          key: 'message',
          title: t('alarms.fields.message'),
          render: (_, a) => (
            <Typography.Text ellipsis={{ tooltip: a.message }} style={{ maxWidth: 260 }}>
              {a.message}
            </Typography.Text>
          ),
        },
        {
          key: 'status',
          title: t('alarms.fields.status'),
          render: (_, a) => <AlarmStatusTag status={a.status} />,
        },
        {
          key: 'startedAt',
          title: t('alarms.fields.startedAt'),
          render: (_, a) => <Ago iso={a.startedAt} />,
        },
        { key: 'lastAt', title: t('alarms.fields.lastAt'), render: (_, a) => <Ago iso={a.lastAt} /> },
        { key: 'count', title: t('alarms.fields.count'), align: 'right', render: (_, a) => a.count },
        { key: 'value', title: t('alarms.fields.value'), render: (_, a) => valueText(a.lastValue) },
        {
          key: 'case',
          title: t('alarms.fields.case'),
          render: (_, a) =>
            a.caseNumber ? (
              <Link to={casePath(a.caseNumber)} data-testid="alarm-case">
                {a.caseNumber}
              </Link>
            ) : (
              '—'
            ),
        },
        ...(mayHandle
          ? [
              {
                key: 'actions',
                title: t('common:common.actions'),
                render: (_: unknown, a: Alarm) => (
                  <Space size={0}>
                    {a.status.endsWith('_unack') && (
                      <Button type="link" size="small" onClick={() => act('ack', a)} data-testid="alarm-ack">
                        {t('alarms.ack')}
                      </Button>
                    )}
                    {a.status.startsWith('active') && (
                      <Popconfirm
                        title={t('alarms.clearConfirm')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => act('clear', a)}
                      >
                        <Button type="link" size="small" danger data-testid="alarm-clear">
                          {t('alarms.clear')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
