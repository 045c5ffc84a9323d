import { Flex, Layout, Spin, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { contributionsTo } from '../../kit/extensions.ts';
import { LanguageSwitch } from '../../kit/language-switch.tsx';
import { Logo } from '../../kit/logo.tsx';
import { useSignedInUser } from '../../kit/session.ts';
import { shellPoints } from '../../kit/shell-points.ts';
import { allowed } from '../../kit/web-module.ts';
import { PageErrorBoundary } from './page-error-boundary.tsx';
import { SideMenu } from './side-menu.tsx';
import { UserMenu } from './user-menu.tsx';

/** The signed-in console: side menu, header with language and user, and the current page. */
export function AppLayout() {
  const me = useSignedInUser();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const { pathname } = useLocation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Folds to icons below 1200 px, so a 1024 px screen keeps its width for the page. */}
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} breakpoint="xl">
        <div style={{ padding: collapsed ? '16px 26px' : '16px 20px' }}>
          <Logo dark compact={collapsed} />
        </div>
        <SideMenu />
      </Layout.Sider>
      {/* min-width 0: a flex item is otherwise as wide as its widest table, which then widens the page. */}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            padding: '0 24px',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Flex justify="flex-end" align="center" gap={24} style={{ height: '100%' }}>
            {contributionsTo(shellPoints.headerItem)
              .filter((item) => allowed(me.roles, item.roles))
              .map((item) => (
                <item.component key={item.key} />
              ))}
            <LanguageSwitch />
            <UserMenu />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 80 }}>
                <Spin size="large" />
              </Flex>
            }
          >
            <PageErrorBoundary resetKey={pathname}>
              <Outlet />
            </PageErrorBoundary>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
