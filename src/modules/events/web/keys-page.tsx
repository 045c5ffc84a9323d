import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { pageSizing, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useShowOnce } from '../../../../web/kit/show-once.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { type ApiKeySummary, apiKeysQueryKey, createApiKey, revokeApiKey, useApiKeys } from './keys-api.ts';

const states = ['active', 'revoked', 'all'] as const;

/**
 * Open311 接入密钥: the keys outside systems post cases with. A new key is shown once, with a copy button; revoking
 * asks first and takes effect at once. Searchable by name or prefix, filtered by state.
 */
export function KeysPage() {
  const { t } = useTranslation('events');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showOnce = useShowOnce();
  const list = useApiKeys();
  const [params, setParams] = useListParams({ q: '', state: 'active', page: '1', pageSize: '20' });
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const q = params.q.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter(
    (k) =>
      (params.state === 'all' || (params.state === 'revoked') === (k.revokedAt !== null)) &&
      (!q || k.name.toLowerCase().includes(q) || k.prefix.toLowerCase().includes(q)),
  );

  const create = async ({ name }: { name: string }) => {
    setBusy(true);
    try {
      const made = await createApiKey(name);
      await queryClient.invalidateQueries({ queryKey: apiKeysQueryKey });
      setCreating(false);
      form.resetFields();
      showOnce(t('keys.created', { name: made.key.name }), t('keys.keyLabel'), made.apiKey);
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: ApiKeySummary) => {
    try {
      await revokeApiKey(k.id);
      await queryClient.invalidateQueries({ queryKey: apiKeysQueryKey });
      message.success(t('keys.revoked', { name: k.name }));
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <>
      <PageHeader
        title={t('keys.title')}
        description={t('keys.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="key-create"
          >
            {t('keys.create')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.q}
          placeholder={t('keys.search')}
          aria-label={t('keys.search')}
          onSearch={(value) => setParams({ q: value })}
          style={{ width: 260 }}
        />
        <Segmented
          value={params.state}
          onChange={(state) => setParams({ state: String(state) })}
          options={states.map((s) => ({ value: s, label: t(`keys.states.${s}`) }))}
        />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<ApiKeySummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={items}
          data-testid="keys-table"
          locale={{
            emptyText: (
              <TableEmpty text={list.data?.items.length ? t('keys.noMatch') : t('keys.empty')}>
                {!list.data?.items.length && (
                  <Button type="primary" onClick={() => setCreating(true)}>
                    {t('keys.create')}
                  </Button>
                )}
              </TableEmpty>
            ),
          }}
          pagination={{
            current: Number(params.page),
            pageSize: Number(params.pageSize),
            total: items.length,
            ...pageSizing,
            onChange: (page, pageSize) => setParams({ page: String(page), pageSize: String(pageSize) }),
          }}
          columns={[
            { key: 'name', title: t('keys.name'), render: (_, k) => k.name },
            {
              key: 'prefix',
              title: t('keys.prefix'),
              render: (_, k) => <Typography.Text code>{`${k.prefix}…`}</Typography.Text>,
            },
            {
              key: 'state',
              title: t('keys.state'),
              render: (_, k) =>
                k.revokedAt ? (
                  <Tag>{t('keys.states.revoked')}</Tag>
                ) : (
                  <Tag color="green">{t('keys.states.active')}</Tag>
                ),
            },
            { key: 'createdBy', title: t('keys.createdBy'), render: (_, k) => k.createdBy },
            { key: 'createdAt', title: t('keys.createdAt'), render: (_, k) => formatDateTime(k.createdAt) },
            {
              key: 'lastUsedAt',
              title: t('keys.lastUsedAt'),
              render: (_, k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('keys.never')),
            },
            {
              key: 'revokedAt',
              title: t('keys.revokedAt'),
              render: (_, k) => formatDateTime(k.revokedAt),
            },
            {
              key: 'actions',
              title: t('common:common.actions'),
              render: (_, k) =>
                !k.revokedAt && (
                  <Popconfirm
                    title={t('keys.revokeConfirm', { name: k.name, prefix: k.prefix })}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revoke(k)}
                  >
                    <Button type="link" danger size="small" data-testid={`key-revoke-${k.id}`}>
                      {t('keys.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={creating}
        title={t('keys.create')}
        okText={t('keys.createOk')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('keys.createHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={create} preserve={false}>
          <Form.Item
            name="name"
            label={t('keys.name')}
            rules={[{ required: true, whitespace: true, message: t('keys.nameRequired') }, { max: 100 }]}
          >
            <Input placeholder={t('keys.namePlaceholder')} maxLength={100} data-testid="key-name" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
