import { Button, DatePicker, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface.js';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { pageSizing, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { useAllDepartments, useSubdistricts } from '../../org/web/index.ts';
import { eventsPolicy } from '../policy.ts';
import { CaseStatusTag, ClockTag, UrgencyTag } from './case-tags.tsx';
import {
  type CaseSummary,
  caseChannelList,
  casePath,
  caseStatusList,
  deskPath,
  useCasePage,
  useCategories,
} from './cases-api.ts';

type Tab = 'inbox' | 'all' | 'warning' | 'overdue';

/**
 * 工单: the cases the user sees, with the user's inbox first (a department's cases waiting for it, or the desk's),
 * presets for cases due soon and overdue, filters, search, sorting and pages, all kept in the URL.
 */
export function CasesPage() {
  const { t } = useTranslation('events');
  const me = useSignedInUser();
  const desk = eventsPolicy.atDesk(me);
  const department = me.roles.includes('department_user') && me.departmentId !== null;
  const inbox = department ? 'department' : desk ? 'desk' : null;
  const tabs: Tab[] = inbox ? ['inbox', 'all', 'warning', 'overdue'] : ['all', 'warning', 'overdue'];
  const [params, setParams] = useListParams({
    tab: tabs[0]!,
    q: '',
    status: '',
    category: '',
    departmentId: '',
    subdistrict: '',
    channel: '',
    clock: '',
    from: '',
    to: '',
    sort: 'receivedAt',
    order: 'desc',
    page: '1',
    pageSize: '20',
  });
  const tab: Tab = params.clock
    ? (params.clock as Tab)
    : tabs.includes(params.tab as Tab)
      ? (params.tab as Tab)
      : tabs[0]!;
  const list = useCasePage({
    page: Number(params.page),
    pageSize: Number(params.pageSize),
    q: params.q || undefined,
    status: params.status || undefined,
    category: params.category || undefined,
    departmentId: params.departmentId || undefined,
    subdistrict: params.subdistrict || undefined,
    channel: params.channel || undefined,
    clock: params.clock || undefined,
    inbox: params.tab === 'inbox' && inbox && !params.clock ? inbox : undefined,
    from: params.from || undefined,
    to: params.to || undefined,
    sort: params.sort,
    order: params.order,
  });
  const categories = useCategories();
  const departments = useAllDepartments();
  const subdistricts = useSubdistricts();
  const filtered = !!(
    params.q ||
    params.status ||
    params.category ||
    params.departmentId ||
    params.subdistrict ||
    params.channel ||
    params.from ||
    params.to
  );
  const any = (label: string) => ({ value: '', label: `${label}: ${t('cases.any')}` });
  const sortOrder = (key: string) =>
    params.sort === key ? (params.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  return (
    <>
      <PageHeader
        title={t('cases.title')}
        description={t('cases.description')}
        extra={
          desk && (
            <Link to={deskPath}>
              <Button type="primary">{t('caseMenu.desk')}</Button>
            </Link>
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams(
            key === 'warning' || key === 'overdue' ? { tab: 'all', clock: key } : { tab: key, clock: '' },
          )
        }
        items={tabs.map((k) => ({
          key: k,
          label: <span data-testid={`cases-tab-${k}`}>{t(`cases.tabs.${k}`)}</span>,
        }))}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.q}
          placeholder={t('cases.search')}
          onSearch={(q) => setParams({ q: q.trim() })}
          style={{ width: 280 }}
          data-testid="cases-search"
        />
        <Select
          aria-label={t('cases.filters.status')}
          value={params.status}
          onChange={(status) => setParams({ status })}
          style={{ width: 160 }}
          data-testid="cases-status"
          options={[
            any(t('cases.filters.status')),
            ...caseStatusList.map((s) => ({ value: s, label: t(`caseLabels.status.${s}`) })),
          ]}
        />
        <Select
          aria-label={t('cases.filters.category')}
          value={params.category}
          onChange={(category) => setParams({ category })}
          showSearch={{ optionFilterProp: 'label' }}
          loading={categories.isPending}
          style={{ width: 200 }}
          options={[
            any(t('cases.filters.category')),
            ...(categories.data ?? []).map((c) => ({ value: c.code, label: c.name })),
          ]}
        />
        {!department && (
          <Select
            aria-label={t('cases.filters.department')}
            value={params.departmentId}
            onChange={(departmentId) => setParams({ departmentId })}
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isPending}
            style={{ width: 200 }}
            options={[
              any(t('cases.filters.department')),
              ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
            ]}
          />
        )}
        <Select
          aria-label={t('cases.filters.subdistrict')}
          value={params.subdistrict}
          onChange={(subdistrict) => setParams({ subdistrict })}
          loading={subdistricts.isPending}
          style={{ width: 180 }}
          options={[
            any(t('cases.filters.subdistrict')),
            ...(subdistricts.data ?? []).map((d) => ({ value: d.code, label: d.name })),
          ]}
        />
        <Select
          aria-label={t('cases.filters.channel')}
          value={params.channel}
          onChange={(channel) => setParams({ channel })}
          style={{ width: 160 }}
          options={[
            any(t('cases.filters.channel')),
            ...caseChannelList.map((c) => ({ value: c, label: t(`caseLabels.channel.${c}`) })),
          ]}
        />
        <Select
          aria-label={t('cases.filters.clock')}
          value={params.clock}
          onChange={(clock) => setParams({ clock })}
          style={{ width: 150 }}
          options={[
            any(t('cases.filters.clock')),
            { value: 'warning', label: t('cases.filters.warning') },
            { value: 'overdue', label: t('cases.filters.overdue') },
          ]}
        />
        <DatePicker.RangePicker
          placeholder={[t('cases.filters.from'), t('cases.filters.to')]}
          allowEmpty={[true, true]}
          value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
          onChange={(range) =>
            setParams({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }
        />
        {filtered && (
          <Button
            type="link"
            onClick={() =>
              setParams({
                q: '',
                status: '',
                category: '',
                departmentId: '',
                subdistrict: '',
                channel: '',
                from: '',
                to: '',
              })
            }
          >
            {t('common:common.reset')}
          </Button>
        )}
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<CaseSummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="cases-table"
          scroll={{ x: 1000 }}
          locale={{
            emptyText: (
              <TableEmpty
                text={t(
                  filtered ? 'cases.emptyFiltered' : tab === 'inbox' ? 'cases.emptyInbox' : 'cases.empty',
                )}
              >
                {desk && !filtered && (
                  <Link to={deskPath}>
                    <Button>{t('cases.toDesk')}</Button>
                  </Link>
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
            const { columnKey, order } = sorter as SorterResult<CaseSummary>;
            const sort = order ? String(columnKey) : 'receivedAt';
            const dir = order === 'ascend' ? 'asc' : 'desc';
            const same = sort === params.sort && dir === params.order;
            setParams({
              page: same ? String(pagination.current) : '1',
              pageSize: String(pagination.pageSize),
              sort,
              order: dir,
            });
          }}
          columns={[
            {
              key: 'number',
              title: t('cases.fields.number'),
              width: 150,
              render: (_, c) => (
                <Link to={casePath(c.number)} data-testid="case-link">
                  {c.number}
                </Link>
              ),
            },
            {
              key: 'content',
              title: t('cases.fields.content'),
              render: (_, c) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text ellipsis={{ tooltip: c.content }} style={{ maxWidth: 320 }}>
                    <UrgencyTag urgency={c.urgency} />
                    {c.title ?? c.content}
                  </Typography.Text>
                  {c.address && <Typography.Text type="secondary">{c.address}</Typography.Text>}
                </Space>
              ),
            },
            {
              key: 'category',
              title: t('cases.fields.category'),
              render: (_, c) => c.categoryName ?? '—',
            },
            {
              key: 'department',
              title: t('cases.fields.department'),
              render: (_, c) => c.departmentName ?? '—',
            },
            {
              key: 'status',
              title: t('cases.fields.status'),
              render: (_, c) => <CaseStatusTag status={c.status} />,
            },
            {
              key: 'dueAt',
              title: t('cases.fields.clock'),
              sorter: true,
              sortOrder: sortOrder('dueAt'),
              render: (_, c) => <ClockTag c={c} />,
            },
            {
              key: 'channel',
              title: t('cases.fields.channel'),
              render: (_, c) => t(`caseLabels.channel.${c.channel}`),
            },
            {
              key: 'receivedAt',
              title: t('cases.fields.receivedAt'),
              sorter: true,
              sortOrder: sortOrder('receivedAt'),
              render: (_, c) => formatDateTime(c.receivedAt),
            },
          ]}
        />
      )}
    </>
  );
}
