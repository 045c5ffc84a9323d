import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { allowed } from '../../../../web/kit/web-module.ts';
import { sharingPolicy } from '../policy.ts';
import { notificationsPath, useUnreadCount } from './sharing-api.ts';

/** The header's bell: the unread count of the caller's sharing notifications, opening their list. */
export function NotificationBell() {
  const { t } = useTranslation('sharing');
  const navigate = useNavigate();
  const me = useSignedInUser();
  const shown = allowed(me.roles, sharingPolicy.use);
  const count = useUnreadCount(shown);
  if (!shown) return null;
  return (
    <Tooltip title={t('notifications.bell')}>
      <Badge count={count.data?.unread ?? 0} size="small" overflowCount={99}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={t('notifications.bell')}
          onClick={() => navigate(notificationsPath)}
          data-testid="notification-bell"
        />
      </Badge>
    </Tooltip>
  );
}
