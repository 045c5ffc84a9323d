import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, DatePicker, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { pageSizing, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { isCenterStaff } from '../../../core/policy.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import { exportSubmissions, formsKey, type InboxItem, useFormChoices, useInboxPage } from './forms-api.ts';
import { InboxDrawer } from './inbox-drawer.tsx';
import { installPageMessages } from './messages.ts';

installPageMessages();

/**
 * 收件箱: the submissions delivered to the user's department (center staff: a department's or all), unread ones
 * marked, filtered by form, words, read state and period, kept in the URL; a row opens the submission in a drawer
 * (which marks it read), and a chosen form's submissions export as XLSX.
 */
export function InboxPage() {
  const { t } = useTranslation('forms');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const center = isCenterStaff(me);
  const [params, setParams] = useListParams({
    formId: '',
    q: '',
    read: '',
    from: '',
    to: '',
    departmentId: '',
    page: '1',
    pageSize: '20',
  });
  const [open, setOpen] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const list = useInboxPage({
    formId: params.formId || undefined,
    q: params.q || undefined,
    read: params.read || undefined,
    from: params.from || undefined,
    to: params.to || undefined,
    departmentId: params.departmentId || undefined,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });
  const forms = useFormChoices();
  const departments = useAllDepartments();
  const received = (forms.data ?? []).filter((f) => center || f.receives);
  const chosen = received.find((f) => String(f.id) === params.formId);
  const filtered = !!(
    params.q ||
    params.read ||
    params.from ||
    params.to ||
    params.formId ||
    params.departmentId
  );

  const download = async () => {
    if (!chosen) return;
    setExporting(true);
    try {
      await exportSubmissions(chosen.id, chosen.code, {
        departmentId: params.departmentId || undefined,
        from: params.from || undefined,
        to: params.to || undefined,
      });
      message.success(t('inbox.exported'));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        description={t(center ? 'inbox.centreDescription' : 'inbox.description')}
        tags={
          !!list.data?.unread && (
            <Badge
              count={t('inbox.unread', { count: list.data.unread })}
              color="red"
              data-testid="inbox-unread"
            />
          )
        }
        extra={
          <Tooltip title={chosen ? undefined : t('inbox.exportHint')}>
            <Button
              icon={<DownloadOutlined />}
              disabled={!chosen}
              loading={exporting}
              onClick={download}
              data-testid="inbox-export"
            >
              {t('inbox.export')}
            </Button>
          </Tooltip>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('inbox.columns.form')}
          value={params.formId}
          onChange={(formId) => setParams({ formId })}
          loading={forms.isPending}
          showSearch
          optionFilterProp="label"
          style={{ width: 240 }}
          data-testid="inbox-form"
          options={[
            { value: '', label: t('inbox.anyForm') },
            ...received.map((f) => ({ value: String(f.id), label: f.title })),
          ]}
        />
        {center && (
          <Select
            aria-label={t('inbox.columns.department')}
            value={params.departmentId}
            onChange={(departmentId) => setParams({ departmentId })}
            loading={departments.isPending}
            showSearch
            optionFilterProp="label"
            style={{ width: 180 }}
            data-testid="inbox-department"
            options={[
              { value: '', label: t('inbox.anyDepartment') },
              ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
            ]}
          />
        )}
        <Input.Search
          allowClear
          defaultValue={params.q}
          placeholder={t('inbox.search')}
          aria-label={t('inbox.search')}
          onSearch={(q) => setParams({ q: q.trim() })}
          style={{ width: 220 }}
          data-testid="inbox-search"
        />
        <Select
          aria-label={t('inbox.columns.read')}
          value={params.read}
          onChange={(read) => setParams({ read })}
          style={{ width: 110 }}
          data-testid="inbox-read"
          options={[
            { value: '', label: t('inbox.read.any') },
            { value: 'false', label: t('inbox.read.false') },
            { value: 'true', label: t('inbox.read.true') },
          ]}
        />
        <DatePicker.RangePicker
          placeholder={[t('inbox.from'), t('inbox.to')]}
          allowEmpty={[true, true]}
          value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
          onChange={(range) =>
            setParams({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }
        />
        {filtered && (
          <Button
            type="link"
            onClick={() => setParams({ formId: '', q: '', read: '', from: '', to: '', departmentId: '' })}
          >
            {t('common:common.reset')}
          </Button>
        )}
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<InboxItem>
          rowKey={(r) => `${r.submissionId}:${r.departmentId}`}
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="inbox-table"
          scroll={{ x: 960 }}
          onRow={(r) => ({ onClick: () => setOpen(r.submissionId), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <TableEmpty text={t(filtered ? 'inbox.emptyFiltered' : 'inbox.empty')} /> }}
          pagination={{
            current: Number(params.page),
            pageSize: Number(params.pageSize),
            total: list.data?.total ?? 0,
            ...pageSizing,
            onChange: (page, pageSize) => setParams({ page: String(page), pageSize: String(pageSize) }),
          }}
          columns={[
            {
              key: 'read',
              title: t('inbox.columns.read'),
              width: 90,
              render: (_, r) =>
                r.readAt ? (
                  <Typography.Text type="secondary">{t('inbox.seen')}</Typography.Text>
                ) : (
                  <Badge status="processing" text={t('inbox.new')} data-testid="inbox-unread-mark" />
                ),
            },
            {
              key: 'submitted',
              title: t('inbox.columns.submitted'),
              width: 170,
              render: (_, r) => formatDateTime(r.submittedAt),
            },
            {
              key: 'form',
              title: t('inbox.columns.form'),
              render: (_, r) => (
                <Typography.Text strong={!r.readAt}>
                  {r.form.title} <Typography.Text type="secondary">v{r.formVersion}</Typography.Text>
                </Typography.Text>
              ),
            },
            {
              key: 'subject',
              title: t('inbox.columns.subject'),
              width: 200,
              render: (_, r) => <Typography.Text strong={!r.readAt}>{r.subjectName}</Typography.Text>,
            },
            { key: 'key', title: t('inbox.columns.key'), width: 200, render: (_, r) => r.subjectKey },
            ...(center || !me.departmentId
              ? [
                  {
                    key: 'department',
                    title: t('inbox.columns.department'),
                    width: 120,
                    render: (_: unknown, r: InboxItem) => r.department,
                  },
                ]
              : []),
            {
              key: 'open',
              title: t('common:common.actions'),
              width: 80,
              render: (_, r) => (
                <Button
                  type="link"
                  size="small"
                  onClick={() => setOpen(r.submissionId)}
                  data-testid="inbox-open"
                >
                  {t('inbox.open')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <InboxDrawer
        submissionId={open}
        onClose={() => setOpen(null)}
        onRead={() => void queryClient.invalidateQueries({ queryKey: [...formsKey, 'inbox'] })}
      />
    </>
  );
}
