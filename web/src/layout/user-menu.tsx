import { ApiOutlined, DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMyDepartment } from '../../../src/modules/org/web/index.ts';
import { useLogout, useSignedInUser } from '../../kit/session.ts';

/** The signed-in user's name and department in the header, opening a menu with the profile and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const me = useSignedInUser();
  const department = useMyDepartment();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          // The profile page belongs to the accounts module; every console has it.
          {
            key: 'profile',
            icon: <UserOutlined />,
            label: t('nav.profile'),
            onClick: () => navigate('/profile'),
          },
          // The platform's own API (Swagger UI), for whoever scripts against it; a page of the server, not the console.
          {
            key: 'api-docs',
            icon: <ApiOutlined />,
            label: (
              <a href="/api/docs" target="_blank" rel="noopener" data-testid="api-docs-link">
                {t('nav.apiDocs')}
              </a>
            ),
          },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: logout, danger: true },
        ],
      }}
    >
      <Flex
        align="center"
        gap={8}
        style={{ cursor: 'pointer' }}
        data-testid="user-menu"
        role="button"
        tabIndex={0}
      >
        <Avatar style={{ background: '#1668dc' }}>{me.displayName.slice(0, 1)}</Avatar>
        <Flex vertical style={{ lineHeight: 1.25 }}>
          <Typography.Text strong>{me.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {department.data?.name ?? me.roles.map((r) => t(`roles.${r}`)).join('、')}
          </Typography.Text>
        </Flex>
        <DownOutlined style={{ fontSize: 10, color: '#999' }} />
      </Flex>
    </Dropdown>
  );
}
