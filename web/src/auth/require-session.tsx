import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { ApiError } from '../../kit/api.ts';
import { LoadError } from '../../kit/load-error.tsx';
import { useMe } from '../../kit/session.ts';

/**
 * Renders its children only for a signed-in user. A user who must replace their password sees only the
 * change-password page (`passwordChange`), and everyone else never sees it.
 */
export function RequireSession({
  children,
  passwordChange = false,
}: {
  children: ReactNode;
  passwordChange?: boolean;
}) {
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    // 401: api.ts is already taking the browser to the sign-in page.
    if (me.error instanceof ApiError && me.error.status === 401) return <FullPageSpin />;
    return <LoadError error={me.error} onRetry={() => me.refetch()} />;
  }
  if (me.data.mustChangePassword !== passwordChange) {
    return <Navigate to={passwordChange ? '/' : '/change-password'} replace />;
  }
  return children;
}

function FullPageSpin() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}
