import { PlusOutlined, PushpinFilled } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import {
  deleteNotice,
  fetchNotice,
  type NoticeSummary,
  noticesKey,
  saveNotice,
  setNoticePublished,
  useAdminNotices,
} from './directory-api.ts';

const states = ['all', 'draft', 'published'] as const;

/**
 * 通知公告: the center's notices, drafts first; written and edited in a form, published and withdrawn and deleted
 * after a confirmation.
 */
export function NoticesPage() {
  const { t } = useTranslation('citizen');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useListParams({ q: '', state: 'all', page: '1', pageSize: '20' });
  const list = useAdminNotices({
    q: params.q || undefined,
    state: params.state,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });
  const [editing, setEditing] = useState<NoticeSummary | 'new' | null>(null);
  const filtered = !!(params.q || params.state !== 'all');

  const act = async (done: string, action: () => Promise<unknown>) => {
    try {
      await action();
      message.success(done);
      await queryClient.invalidateQueries({ queryKey: noticesKey });
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const columns: ColumnsType<NoticeSummary> = [
    {
      key: 'title',
      title: t('notices.fields.title'),
      render: (_, n) => (
        <Space direction="vertical" size={0}>
          <Space size={4}>
            {n.pinned && <PushpinFilled style={{ color: '#c8102e' }} aria-label={t('notices.pinned')} />}
            <Typography.Text strong>{n.title}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 480 }}>
            {n.excerpt}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'state',
      title: t('notices.fields.state'),
      width: 120,
      render: (_, n) => (
        <Space size={4}>
          {n.state === 'published' ? (
            <Tag color="green">{t('notices.states.published')}</Tag>
          ) : (
            <Tag>{t('notices.states.draft')}</Tag>
          )}
          {n.pinned && <Tag color="red">{t('notices.pinned')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'publishedAt',
      title: t('notices.fields.publishedAt'),
      width: 160,
      render: (_, n) => formatDateTime(n.publishedAt),
    },
    {
      key: 'updatedAt',
      title: t('notices.fields.updatedAt'),
      width: 160,
      render: (_, n) => formatDateTime(n.updatedAt),
    },
    {
      key: 'actions',
      title: t('notices.actions'),
      width: 190,
      render: (_, n) => {
        const published = n.state === 'published';
        return (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              onClick={() => setEditing(n)}
              data-testid={`notice-edit-${n.id}`}
            >
              {t('notices.edit')}
            </Button>
            <Popconfirm
              title={t(published ? 'notices.unpublishConfirm' : 'notices.publishConfirm', { title: n.title })}
              onConfirm={() =>
                act(t(published ? 'notices.unpublished' : 'notices.published', { title: n.title }), () =>
                  setNoticePublished(n.id, !published),
                )
              }
            >
              <Button
                type="link"
                size="small"
                data-testid={`notice-${published ? 'unpublish' : 'publish'}-${n.id}`}
              >
                {t(published ? 'notices.unpublish' : 'notices.publish')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t('notices.deleteConfirm', { title: n.title })}
              okButtonProps={{ danger: true }}
              onConfirm={() => act(t('notices.deleted', { title: n.title }), () => deleteNotice(n.id))}
            >
              <Button type="link" size="small" danger data-testid={`notice-delete-${n.id}`}>
                {t('notices.delete')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notices.title')}
        description={t('notices.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="notice-create"
          >
            {t('notices.create')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.q}
          placeholder={t('notices.search')}
          aria-label={t('notices.search')}
          onSearch={(value) => setParams({ q: value.trim() })}
          style={{ width: 260 }}
        />
        <Segmented
          value={params.state}
          onChange={(state) => setParams({ state: String(state) })}
          options={states.map((s) => ({ value: s, label: t(`notices.states.${s}`) }))}
        />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<NoticeSummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          data-testid="notices-table"
          pagination={urlPagination(params, setParams, list.data?.total ?? 0)}
          locale={{ emptyText: <TableEmpty text={filtered ? t('notices.noMatch') : t('notices.empty')} /> }}
        />
      )}
      {editing && (
        <NoticeModal notice={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

type NoticeValues = { title: string; body: string; pinned: boolean };

/** The form of one notice, new (a draft) or edited; the whole text is fetched for an edit. */
function NoticeModal({ notice, onClose }: { notice?: NoticeSummary; onClose: () => void }) {
  const { t } = useTranslation('citizen');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NoticeValues>();
  const [saving, setSaving] = useState(false);
  const [loading, setLoading] = useState(!!notice);

  useEffect(() => {
    if (!notice) return;
    fetchNotice(notice.id)
      .then((full) => form.setFieldsValue({ title: full.title, body: full.body, pinned: full.pinned }))
      .catch((error) => message.error(errorText(error)))
      .finally(() => setLoading(false));
  }, [notice, form, message]);

  const save = async (v: NoticeValues) => {
    setSaving(true);
    try {
      const saved = await saveNotice(
        { title: v.title.trim(), body: v.body.trim(), pinned: v.pinned },
        notice?.id,
      );
      message.success(t('notices.saved', { title: saved.title }));
      await queryClient.invalidateQueries({ queryKey: noticesKey });
      onClose();
    } catch (error) {
      showFormError(form, error, message.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={notice ? t('notices.editTitle') : t('notices.createTitle')}
      okText={t('notices.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: loading }}
      destroyOnHidden
    >
      <Form<NoticeValues>
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={saving || loading}
        data-testid="notice-form"
        initialValues={{ title: notice?.title ?? '', body: '', pinned: notice?.pinned ?? false }}
      >
        <Form.Item
          name="title"
          label={t('notices.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('notices.rules.title') }]}
        >
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('notices.fields.body')}
          rules={[{ required: true, whitespace: true, message: t('notices.rules.body') }]}
        >
          <Input.TextArea maxLength={5000} showCount autoSize={{ minRows: 6, maxRows: 16 }} />
        </Form.Item>
        <Form.Item name="pinned" label={t('notices.fields.pinned')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
