import { Breadcrumb, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { componentMapPath, isRegistryName, type RegistryName, registryPath } from './registry-api.ts';

/** The registry a page's `:registry` names, or null when it names none (the page shows 404). */
export function useRegistryParam(): RegistryName | null {
  const { registry = '' } = useParams();
  return isRegistryName(registry) ? registry : null;
}

/** A registry's sections, each a page of its own, in the order the tabs show them. */
function sections(registry: RegistryName) {
  return [
    { key: 'search', path: registryPath(registry) },
    { key: 'statistics', path: registryPath(registry, 'statistics') },
    { key: 'quality', path: registryPath(registry, 'quality') },
    ...(registry === 'component' ? [{ key: 'map', path: componentMapPath }] : []),
    { key: 'precedence', path: registryPath(registry, 'precedence') },
  ];
}

/** The breadcrumb back to 基础库, the registry's title and tabs leading to its sections; `extra` goes on the right. */
export function RegistryHeader({ registry, extra }: { registry: RegistryName; extra?: ReactNode }) {
  const { t } = useTranslation('registry');
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = sections(registry);
  const active = tabs.find((s) => s.path === pathname)?.key;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/registry">{t('title')}</Link> }, { title: t(`registries.${registry}`) }]}
      />
      <PageHeader
        title={t(`registries.${registry}`)}
        description={t(`descriptions.${registry}`)}
        extra={extra}
      />
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(tabs.find((s) => s.key === key)!.path)}
        items={tabs.map((s) => ({
          key: s.key,
          label: <span data-testid={`registry-nav-${s.key}`}>{t(`nav.${s.key}`)}</span>,
        }))}
        style={{ marginTop: -8 }}
      />
    </>
  );
}
