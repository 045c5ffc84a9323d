import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch.tsx';
import { Logo } from './logo.tsx';

/** The full-screen frame of the pages shown before the console opens: sign-in and the forced password change. */
export function AuthScreen({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #0a2458 0%, #12408f 60%, #1668dc 100%)',
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '16px 32px' }}>
        <Logo dark />
        <Flex gap={12} align="center">
          {extra}
          <LanguageSwitch />
        </Flex>
      </Flex>
      <Flex flex={1} justify="center" align="center" vertical gap={24} style={{ padding: 24 }}>
        {children}
      </Flex>
      <Typography.Text style={{ textAlign: 'center', padding: 16, color: 'rgba(255,255,255,0.75)' }}>
        {t('login.footer')}
      </Typography.Text>
    </Flex>
  );
}
