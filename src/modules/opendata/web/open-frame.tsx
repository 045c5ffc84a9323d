import { ApiOutlined, LoginOutlined } from '@ant-design/icons';
import { Flex, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../../../web/kit/language-switch.tsx';
import { Logo } from '../../../../web/kit/logo.tsx';
import { portalPath } from './opendata-api.ts';

/** The frame of the public open data pages: the portal's header (language, sign-in) and the machine-readable links. */
export function OpenFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation('opendata');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: 'linear-gradient(90deg, #0a2458 0%, #12408f 100%)',
          padding: '0 32px',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Flex justify="space-between" align="center" style={{ height: '100%' }}>
          <Link to={portalPath} style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
            <Logo dark />
            <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
              {t('portal.title')}
            </Typography.Text>
          </Link>
          <Flex gap={20} align="center">
            <LanguageSwitch />
            <Link to="/login" style={{ color: '#fff' }} data-testid="open-sign-in">
              <LoginOutlined /> {t('portal.signIn')}
            </Link>
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '24px 32px', maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        {children}
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Space separator="·" wrap>
          <Typography.Text type="secondary">
            <ApiOutlined /> {t('portal.machine')}
          </Typography.Text>
          <a href="/open/catalog.jsonld" target="_blank" rel="noreferrer">
            {t('portal.dcat')}
          </a>
          <a href="/open/api/3/action/package_list" target="_blank" rel="noreferrer">
            {t('portal.ckan')}
          </a>
        </Space>
      </Layout.Footer>
    </Layout>
  );
}
