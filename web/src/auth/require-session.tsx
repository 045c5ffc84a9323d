import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isScreenOnly } from '../../../src/core/policy.ts';
import { ApiError } from '../../kit/api.ts';
import { LoadError } from '../../kit/load-error.tsx';
import { useMe } from '../../kit/session.ts';

/**
 * Renders its children only for a signed-in user. A user who must replace their password sees only the
 * change-password page (`passwordChange`), and everyone else never sees it. A screen account sees only the
 * operations center's screen.
 */
export function RequireSession({
  children,
  passwordChange = false,
}: {
  children: ReactNode;
  passwordChange?: boolean;
}) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    // 401: api.ts is already taking the browser to the sign-in page.
    if (me.error instanceof ApiError && me.error.status === 401) return <FullPageSpin />;
    return <LoadError error={me.error} onRetry={() => me.refetch()} />;
  }
  if (me.data.mustChangePassword !== passwordChange) {
    return <Navigate to={passwordChange ? '/' : '/change-password'} replace />;
  }
  if (!passwordChange && isScreenOnly(me.data) && location.pathname !== SCREEN_PATH)
    return <Navigate to={SCREEN_PATH} replace />;
  return children;
}

// The operations center's screen, the one page a screen account may open (ioc module, /ioc).
const SCREEN_PATH = '/ioc';

function FullPageSpin() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}
