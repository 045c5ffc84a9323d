import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Role } from '../../src/core/context.ts';
import { useSignedInUser } from './session.ts';
import { allowed } from './web-module.ts';

/** Renders a page only for holders of one of `roles`; others see why they cannot. */
export function RoleGate({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const me = useSignedInUser();
  return allowed(me.roles, roles) ? children : <StatusPage status="403" />;
}

/** The "access denied" and "page not found" pages, with a way back home. */
export function StatusPage({ status }: { status: '403' | '404' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, text] = status === '403' ? ['forbiddenTitle', 'forbidden'] : ['notFoundTitle', 'notFound'];
  return (
    <Result
      status={status}
      title={t(`errors.${title}`)}
      subTitle={t(`errors.${text}`)}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('errors.backHome')}
        </Button>
      }
    />
  );
}
