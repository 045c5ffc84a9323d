import {
  Card,
  Col,
  Descriptions,
  Empty,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../../web/kit/api.ts';
import { formatDate, formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { useAlarmStream } from './alarm-stream.ts';
import { AlarmTable } from './alarm-table.tsx';
import { useAlarmPage } from './alarms-api.ts';
import { DeviceActions } from './device-actions.tsx';
import { DeviceCharts } from './device-charts.tsx';
import { devicesPath, useDevice, useLatest } from './devices-api.ts';
import { Ago, DeviceStatusTag, keyName, valueText } from './iot-tags.tsx';
import type { BadPayloads, DeviceDetail } from './iot-types.ts';
import { installPageMessages } from './messages.ts';

installPageMessages();

/**
 * One device (设备详情): where it stands and who owns it, its live values (asked for every second), charts of its
 * numeric keys, its attributes, refused payloads and active alarms, and the manager's actions.
 */
export function DevicePage() {
  const { t } = useTranslation('iot');
  useAlarmStream();
  const code = useParams().code!;
  const device = useDevice(code);
  if (device.error instanceof ApiError && device.error.status === 404)
    return (
      <Result
        status="404"
        title={t('device.notFound', { code })}
        extra={<Link to={devicesPath}>{t('device.back')}</Link>}
      />
    );
  if (device.error) return <LoadError error={device.error} onRetry={() => device.refetch()} />;
  if (!device.data) return <Skeleton active />;
  return <DeviceView d={device.data} />;
}

function DeviceView({ d }: { d: DeviceDetail }) {
  const { t } = useTranslation('iot');
  const alarms = useAlarmPage({ status: 'active', device: d.code, page: 1, pageSize: 50 });
  return (
    <>
      <PageHeader
        title={`${d.name} · ${d.code}`}
        tags={<DeviceStatusTag status={d.status} />}
        description={d.profileName}
        extra={d.canManage && <DeviceActions device={d} />}
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="device-facts">
          <Descriptions.Item label={t('devices.fields.profile')}>{d.profileName}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.department')}>
            {d.departmentName ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('device.place')}>
            {[d.subdistrictName, d.communityName].filter(Boolean).join(' / ') || '—'}
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {d.lng.toFixed(5)}, {d.lat.toFixed(5)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.component')}>
            {d.componentCode ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.installedOn')}>
            {formatDate(d.installedOn)}
          </Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.lastSeen')}>
            <Ago iso={d.lastSeenAt} />
          </Descriptions.Item>
          <Descriptions.Item label={t('device.token')}>
            {d.tokenHint ? <Typography.Text code>{`…${d.tokenHint}`}</Typography.Text> : '—'}
          </Descriptions.Item>
          {d.gatewayCode && (
            <Descriptions.Item label={t('device.gateway')}>{d.gatewayCode}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <LiveValues d={d} />
      <div style={{ marginBottom: 16 }}>
        <DeviceCharts code={d.code} keys={d.keys} />
      </div>
      <Card title={t('device.activeAlarms')} style={{ marginBottom: 16 }}>
        {alarms.error ? (
          <LoadError error={alarms.error} onRetry={() => alarms.refetch()} />
        ) : (
          <AlarmTable
            items={alarms.data?.items ?? []}
            loading={alarms.isFetching}
            pagination={false}
            emptyText={t('device.noAlarms')}
            hideDevice
          />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card title={t('device.attributes')} style={{ marginBottom: 16 }}>
            <Attributes d={d} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('device.bad')} style={{ marginBottom: 16 }}>
            <Table<BadPayloads>
              rowKey="reason"
              size="small"
              pagination={false}
              dataSource={d.bad}
              data-testid="device-bad"
              locale={{ emptyText: <TableEmpty text={t('device.noBad')} /> }}
              columns={[
                {
                  key: 'reason',
                  title: t('device.badReason'),
                  render: (_, b) => t(`badReason.${b.reason}`, { defaultValue: b.reason }),
                },
                { key: 'count', title: t('device.badCount'), align: 'right', render: (_, b) => b.count },
                {
                  key: 'lastAt',
                  title: t('device.badLast'),
                  render: (_, b) => formatDateTime(b.lastAt, true),
                },
                {
                  key: 'sample',
                  title: t('device.badSample'),
                  render: (_, b) =>
                    b.lastSample ? (
                      <Typography.Text code ellipsis={{ tooltip: b.lastSample }} style={{ maxWidth: 240 }}>
                        {b.lastSample}
                      </Typography.Text>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** 实时数据: each key's last value with its unit and time, asked for every second. */
function LiveValues({ d }: { d: DeviceDetail }) {
  const { t } = useTranslation('iot');
  const latest = useLatest(d.code);
  return (
    <Card title={t('device.live')} style={{ marginBottom: 16 }} data-testid="device-live">
      {!d.keys.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('device.noKeys')} />
      ) : (
        <Row gutter={[16, 16]}>
          {d.keys.map((k) => {
            const v = latest.data?.values[k.key];
            return (
              <Col key={k.key} xs={12} md={8} xl={6}>
                <Card size="small" data-testid={`live-${k.key}`}>
                  <Statistic
                    title={keyName(k)}
                    value={v ? valueText(v.value, { type: k.type }) : '—'}
                    suffix={v && k.type !== 'boolean' && k.type !== 'string' ? k.unit : undefined}
                  />
                  <Space>
                    <Typography.Text type="secondary" data-testid="live-time">
                      {v ? formatDateTime(v.ts, true) : t('device.noValue')}
                    </Typography.Text>
                  </Space>
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
    </Card>
  );
}

/** The device's attributes: those its profile defines first, by name, then any others it reported. */
function Attributes({ d }: { d: DeviceDetail }) {
  const { t } = useTranslation('iot');
  const defined = new Set(d.attributeDefs.map((a) => a.key));
  const others = Object.keys(d.attributes).filter((k) => !defined.has(k));
  if (!d.attributeDefs.length && !others.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('device.noAttributes')} />;
  return (
    <Descriptions size="small" column={1} data-testid="device-attributes">
      {d.attributeDefs.map((a) => (
        <Descriptions.Item key={a.key} label={keyName(a)}>
          {valueText(d.attributes[a.key], { type: a.type, unit: a.unit })}
        </Descriptions.Item>
      ))}
      {others.map((k) => (
        <Descriptions.Item key={k} label={k}>
          {valueText(d.attributes[k])}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
