import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { pageSizing, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { useSubdistricts } from '../../org/web/index.ts';
import { iotPolicy } from '../policy.ts';
import { DeviceFormModal } from './device-form-modal.tsx';
import { DeviceImportModal } from './device-import-modal.tsx';
import { deviceMapPath, devicePath, useDevicePage } from './devices-api.ts';
import { ProfileFilter, StatusFilter, useAnyOption } from './filter-selects.tsx';
import { Ago, DeviceStatusTag } from './iot-tags.tsx';
import type { DeviceSummary } from './iot-types.ts';
import { installPageMessages } from './messages.ts';

installPageMessages();

const tabs = ['all', 'offline', 'fault'] as const;

/**
 * 设备: the devices the user sees, with presets for offline and faulty ones, search, filters, pages and sort
 * kept in the URL; the center and departments register devices one by one or from a workbook.
 */
export function DevicesPage() {
  const { t } = useTranslation('iot');
  const me = useSignedInUser();
  const canManage = allowed(me.roles, iotPolicy.manage);
  const [params, setParams] = useListParams({
    q: '',
    profile: '',
    status: '',
    subdistrict: '',
    sort: 'code',
    page: '1',
    pageSize: '20',
  });
  const [registering, setRegistering] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useDevicePage({
    q: params.q || undefined,
    profile: params.profile || undefined,
    status: params.status || undefined,
    subdistrict: params.subdistrict || undefined,
    sort: params.sort,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });
  const subdistricts = useSubdistricts();
  const tab = params.status === 'offline' || params.status === 'fault' ? params.status : 'all';
  const filtered = !!(params.q || params.profile || params.status || params.subdistrict);
  const any = useAnyOption();
  const sortOrder = (key: string) =>
    params.sort === key ? ('ascend' as const) : params.sort === `-${key}` ? ('descend' as const) : null;

  return (
    <>
      <PageHeader
        title={t('devices.title')}
        description={t('devices.description')}
        extra={
          <>
            <Link to={deviceMapPath}>
              <Button icon={<EnvironmentOutlined />}>{t('map.title')}</Button>
            </Link>
            {canManage && (
              <>
                <Button onClick={() => setImporting(true)} data-testid="device-import">
                  {t('import.button')}
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setRegistering(true)}
                  data-testid="device-register"
                >
                  {t('register.button')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ status: key === 'all' ? '' : key })}
        items={tabs.map((k) => ({
          key: k,
          label: <span data-testid={`devices-tab-${k}`}>{t(`devices.tabs.${k}`)}</span>,
        }))}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.q}
          placeholder={t('devices.search')}
          aria-label={t('devices.search')}
          onSearch={(q) => setParams({ q: q.trim() })}
          style={{ width: 260 }}
          data-testid="devices-search"
        />
        <ProfileFilter
          value={params.profile}
          onChange={(profile) => setParams({ profile })}
          width={180}
          testId="devices-profile"
        />
        <StatusFilter
          value={params.status}
          onChange={(status) => setParams({ status })}
          width={150}
          testId="devices-status"
        />
        <Select
          aria-label={t('devices.fields.subdistrict')}
          value={params.subdistrict}
          onChange={(subdistrict) => setParams({ subdistrict })}
          loading={subdistricts.isPending}
          style={{ width: 180 }}
          options={[
            any(t('devices.fields.subdistrict')),
            ...(subdistricts.data ?? []).map((d) => ({ value: d.code, label: d.name })),
          ]}
        />
        {filtered && (
          <Button type="link" onClick={() => setParams({ q: '', profile: '', status: '', subdistrict: '' })}>
            {t('common:common.reset')}
          </Button>
        )}
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<DeviceSummary>
          rowKey="code"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="devices-table"
          scroll={{ x: 1000 }}
          locale={{
            emptyText: (
              <TableEmpty text={t(filtered ? 'devices.emptyFiltered' : 'devices.empty')}>
                {canManage && !filtered && (
                  <Button type="primary" onClick={() => setRegistering(true)}>
                    {t('register.button')}
                  </Button>
                )}
              </TableEmpty>
            ),
          }}
          pagination={{
            current: Number(params.page),
            pageSize: Number(params.pageSize),
            total: list.data?.total ?? 0,
            ...pageSizing,
          }}
          onChange={(pagination, _filters, sorter) => {
            // The table names a column; the server takes "-key" for a descending sort.
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.order ? String(s.columnKey) : '';
            const sort = key ? (s?.order === 'descend' ? `-${key}` : key) : 'code';
            setParams({
              page: sort === params.sort ? String(pagination.current) : '1',
              pageSize: String(pagination.pageSize),
              sort,
            });
          }}
          columns={[
            {
              key: 'code',
              title: t('devices.fields.code'),
              sorter: true,
              sortOrder: sortOrder('code'),
              render: (_, d) => (
                <Link to={devicePath(d.code)} data-testid="device-link">
                  {d.code}
                </Link>
              ),
            },
            { key: 'name', title: t('devices.fields.name'), render: (_, d) => d.name },
            { key: 'profile', title: t('devices.fields.profile'), render: (_, d) => d.profileName },
            {
              key: 'status',
              title: t('devices.fields.status'),
              render: (_, d) => <DeviceStatusTag status={d.status} />,
            },
            {
              key: 'subdistrict',
              title: t('devices.fields.subdistrict'),
              render: (_, d) => d.subdistrictName ?? '—',
            },
            {
              key: 'department',
              title: t('devices.fields.department'),
              render: (_, d) => d.departmentName ?? '—',
            },
            {
              key: 'lastSeenAt',
              title: t('devices.fields.lastSeen'),
              sorter: true,
              sortOrder: sortOrder('lastSeenAt'),
              render: (_, d) => <Ago iso={d.lastSeenAt} />,
            },
            {
              key: 'activeAlarms',
              title: t('devices.fields.activeAlarms'),
              render: (_, d) =>
                d.activeAlarms ? (
                  <Badge count={d.activeAlarms} data-testid="device-alarm-count" />
                ) : (
                  <Typography.Text type="secondary">0</Typography.Text>
                ),
            },
          ]}
        />
      )}
      {registering && <DeviceFormModal onClose={() => setRegistering(false)} />}
      {importing && <DeviceImportModal onClose={() => setImporting(false)} />}
    </>
  );
}
