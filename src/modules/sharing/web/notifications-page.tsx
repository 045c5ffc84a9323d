import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, List, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../../web/kit/api.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { notificationText } from './notification-text.ts';
import {
  applicationPath,
  markAllNotificationsRead,
  markNotificationRead,
  type Notification,
  sharingKey,
  useNotifications,
} from './sharing-api.ts';
import { SharingNav } from './sharing-nav.tsx';

/** 通知: the caller's sharing notifications, unread first; opening one marks it read. */
export function NotificationsPage() {
  const { t } = useTranslation('sharing');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useListParams({ unread: '', page: '1', pageSize: '20' });
  const list = useNotifications({
    unread: params.unread || undefined,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...sharingKey, 'notifications'] });

  const markRead = async (n: Notification) => {
    if (n.read) return;
    await markNotificationRead(n.id).catch((error) => message.error(errorText(error)));
    await refresh();
  };
  const markAll = async () => {
    try {
      await markAllNotificationsRead();
      message.success(t('notifications.markedAll'));
      await refresh();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        extra={
          <Button onClick={markAll} disabled={!list.data?.unread} data-testid="notifications-mark-all">
            {t('notifications.markAll')}
          </Button>
        }
      />
      <SharingNav active="notifications" />
      <Space style={{ marginBottom: 16, display: 'flex' }}>
        <Switch
          checked={params.unread === 'true'}
          onChange={(on) => setParams({ unread: on ? 'true' : '' })}
          aria-label={t('notifications.unreadOnly')}
        />
        <span>{t('notifications.unreadOnly')}</span>
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <List<Notification>
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <TableEmpty text={t('notifications.empty')} /> }}
          pagination={{
            ...urlPagination(params, setParams, list.data?.total ?? 0),
            position: 'bottom',
            align: 'end',
          }}
          data-testid="notifications-list"
          renderItem={(n) => (
            <List.Item
              actions={[
                n.applicationId !== null && (
                  <Link key="open" to={applicationPath(n.applicationId)} onClick={() => markRead(n)}>
                    {t('notifications.open')}
                  </Link>
                ),
                !n.read && (
                  <Button key="read" type="link" size="small" onClick={() => markRead(n)}>
                    {t('notifications.markRead')}
                  </Button>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                avatar={<Badge status={n.read ? 'default' : 'processing'} />}
                title={<Typography.Text strong={!n.read}>{notificationText(t, n)}</Typography.Text>}
                description={formatDateTime(n.createdAt)}
              />
            </List.Item>
          )}
        />
      )}
    </>
  );
}
