import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { useShowOnce } from '../../../../web/kit/show-once.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { CredentialStatusTag } from './application-status-tag.tsx';
import {
  type Credential,
  createCredential,
  type GrantDetail,
  revokeCredential,
  sharingKey,
  useCredentials,
} from './sharing-api.ts';

/**
 * A grant's API credentials: create (the secret is shown once, with a copy button), rotate (a new one; the old one
 * works 24 hours more) and revoke (at once, confirmed). Only the consumer department and the center see them.
 */
export function CredentialsCard({ grant }: { grant: GrantDetail }) {
  const { t } = useTranslation('sharing');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showOnce = useShowOnce();
  const manage = grant.can.manageCredentials;
  const list = useCredentials(grant.id, manage);
  const [busy, setBusy] = useState(false);
  const live = (list.data?.items ?? []).some((c) => c.status === 'live');

  const create = async () => {
    setBusy(true);
    try {
      const created = await createCredential(grant.id);
      await queryClient.invalidateQueries({ queryKey: [...sharingKey, 'credentials', grant.id] });
      showOnce(t('credentials.created'), t('credentials.secretLabel'), created.token);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (c: Credential) => {
    try {
      await revokeCredential(c.id);
      await queryClient.invalidateQueries({ queryKey: [...sharingKey, 'credentials', grant.id] });
      message.success(t('credentials.revoked'));
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const createButton = live ? (
    <Popconfirm title={t('credentials.rotateConfirm')} onConfirm={create}>
      <Button loading={busy} data-testid="credential-rotate">
        {t('credentials.rotate')}
      </Button>
    </Popconfirm>
  ) : (
    <Button type="primary" loading={busy} onClick={create} data-testid="credential-create">
      {t('credentials.create')}
    </Button>
  );

  return (
    <Card title={t('credentials.title')} extra={manage && createButton} data-testid="credentials-card">
      <Typography.Paragraph type="secondary">
        {manage ? t('credentials.hint') : t('credentials.notYours')}
      </Typography.Paragraph>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        manage && (
          <Table<Credential>
            rowKey="id"
            size="small"
            pagination={false}
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <TableEmpty text={t('credentials.empty')} /> }}
            data-testid="credentials-table"
            columns={[
              {
                key: 'keyId',
                title: t('credentials.keyId'),
                render: (_, c) => (
                  <Typography.Text code copyable>
                    {c.keyId}
                  </Typography.Text>
                ),
              },
              {
                key: 'status',
                title: t('fields.status'),
                render: (_, c) => <CredentialStatusTag status={c.status} />,
              },
              { key: 'createdBy', title: t('credentials.createdBy'), render: (_, c) => c.createdBy },
              {
                key: 'createdAt',
                title: t('credentials.createdAt'),
                render: (_, c) => formatDateTime(c.createdAt),
              },
              {
                key: 'expiresAt',
                title: t('credentials.expiresAt'),
                render: (_, c) => formatDateTime(c.revokedAt ?? c.expiresAt),
              },
              {
                key: 'actions',
                title: t('common:common.actions'),
                render: (_, c) =>
                  (c.status === 'live' || c.status === 'expiring') && (
                    <Popconfirm
                      title={t('credentials.revokeConfirm', { keyId: c.keyId })}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => revoke(c)}
                    >
                      <Button type="link" danger size="small" data-testid={`credential-revoke-${c.keyId}`}>
                        {t('credentials.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )
      )}
    </Card>
  );
}
