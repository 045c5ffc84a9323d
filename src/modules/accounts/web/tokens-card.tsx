import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { TokenCreateModal } from './token-create-modal.tsx';
import { type ApiToken, revokeToken, tokensKey, useTokens } from './tokens-api.ts';

/** The user's personal API tokens: list, create (value shown once), revoke. */
export function TokensCard() {
  const { t } = useTranslation('accounts');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id),
    onSuccess: (_, token) => {
      message.success(t('tokens.revokedDone', { name: token.name }));
      return queryClient.invalidateQueries({ queryKey: tokensKey });
    },
    onError: (error) => message.error(errorText(error)),
  });

  const status = (token: ApiToken) =>
    token.revoked ? (
      <Tag color="red">{t('tokens.revoked')}</Tag>
    ) : token.expiresAt && new Date(token.expiresAt) <= new Date() ? (
      <Tag>{t('tokens.expired')}</Tag>
    ) : (
      <Tag color="green">{t('tokens.valid')}</Tag>
    );

  const columns: ColumnsType<ApiToken> = [
    { key: 'name', dataIndex: 'name', title: t('tokens.name') },
    {
      key: 'prefix',
      dataIndex: 'prefix',
      title: t('tokens.prefix'),
      render: (p) => <Typography.Text code>{p}…</Typography.Text>,
    },
    { key: 'status', title: t('common:common.status'), render: (_, token) => status(token) },
    {
      key: 'created',
      dataIndex: 'createdAt',
      title: t('tokens.createdAt'),
      render: (v) => formatDateTime(v),
    },
    {
      key: 'expires',
      dataIndex: 'expiresAt',
      title: t('tokens.expiresAt'),
      render: (v) => (v ? formatDateTime(v) : t('tokens.noExpiry')),
    },
    {
      key: 'lastUsed',
      dataIndex: 'lastUsedAt',
      title: t('tokens.lastUsedAt'),
      render: (v) => (v ? formatDateTime(v) : t('common:common.never')),
    },
    {
      key: 'actions',
      title: t('common:common.actions'),
      render: (_, token) =>
        !token.revoked && (
          <Popconfirm
            title={t('tokens.confirmRevoke', { name: token.name })}
            description={t('tokens.confirmRevokeHint')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutateAsync(token)}
          >
            <Button type="link" size="small" danger>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('tokens.title')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
          {t('tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.description')}</Typography.Paragraph>
      {tokens.isError ? (
        <LoadError error={tokens.error} onRetry={() => tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={tokens.data}
          loading={tokens.isPending}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: <TableEmpty text={t('tokens.empty')} /> }}
        />
      )}
      {creating && <TokenCreateModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
