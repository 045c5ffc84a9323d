import { ClusterOutlined, FlagOutlined, IdcardOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import { contribute } from '../../../../web/kit/extensions.ts';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { resourcePoints } from '../../catalog/web/index.ts';
import { isRegistryName } from '../feeds.ts';
import { registryPolicy } from '../policy.ts';
import { licensesPath, myLicensesPath } from './license-api.ts';
import { en, zhCN } from './messages.ts';

const LicenseVerifyPage = lazy(() =>
  import('./license-verify-page.tsx').then((m) => ({ default: m.LicenseVerifyPage })),
);

const RegistryHome = lazy(() => import('./registry-home.tsx').then((m) => ({ default: m.RegistryHome })));
const SearchPage = lazy(() =>
  import('./registry-search-page.tsx').then((m) => ({ default: m.RegistrySearchPage })),
);
const EntityPage = lazy(() => import('./entity-page.tsx').then((m) => ({ default: m.EntityPage })));
const ComponentMapPage = lazy(() =>
  import('./component-map-page.tsx').then((m) => ({ default: m.ComponentMapPage })),
);
const StatisticsPage = lazy(() =>
  import('./statistics-page.tsx').then((m) => ({ default: m.StatisticsPage })),
);
const ConflictsPage = lazy(() => import('./conflicts-page.tsx').then((m) => ({ default: m.ConflictsPage })));
const PrecedencePage = lazy(() =>
  import('./precedence-page.tsx').then((m) => ({ default: m.PrecedencePage })),
);
const ObjectionsPage = lazy(() =>
  import('./objections-page.tsx').then((m) => ({ default: m.ObjectionsPage })),
);
const ObjectionPage = lazy(() => import('./objection-page.tsx').then((m) => ({ default: m.ObjectionPage })));
const QualityPage = lazy(() =>
  import('./registry-quality-page.tsx').then((m) => ({ default: m.RegistryQualityPage })),
);
const LicensesPage = lazy(() => import('./licenses-page.tsx').then((m) => ({ default: m.LicensesPage })));
const ResourceRegistryTab = lazy(() =>
  import('./resource-registry-tab.tsx').then((m) => ({ default: m.ResourceRegistryTab })),
);
const MyLicensesPage = lazy(() =>
  import('./my-licenses-page.tsx').then((m) => ({ default: m.MyLicensesPage })),
);

/**
 * The base registries console: the four registries, searching each, an entity with its provenance and history,
 * the component map, statistics, conflicts and source precedence (licenses and objections add theirs here).
 * Static paths (conflicts, component/map, …/statistics) rank above the `:registry/:ref` ones in react-router.
 * Resolving conflicts and editing precedence are for stewards; the pages show others the same lists read-only.
 */
export const registryWeb: WebModule = {
  name: 'registry',
  messages: { 'zh-CN': zhCN, en },
  // Public: anyone checks a license shown to them, signed in or not.
  publicRoutes: [{ path: '/verify', component: LicenseVerifyPage }],
  routes: [
    { path: licensesPath, component: LicensesPage, roles: registryPolicy.readLicenses },
    { path: myLicensesPath, component: MyLicensesPage, roles: registryPolicy.ownLicenses },
    { path: '/registry', component: RegistryHome, roles: registryPolicy.read },
    { path: '/registry/conflicts', component: ConflictsPage, roles: registryPolicy.read },
    { path: '/registry/objections', component: ObjectionsPage, roles: registryPolicy.objections },
    { path: '/registry/objections/:id', component: ObjectionPage, roles: registryPolicy.objections },
    { path: '/registry/:registry/quality', component: QualityPage, roles: registryPolicy.read },
    { path: '/registry/component/map', component: ComponentMapPage, roles: registryPolicy.read },
    { path: '/registry/:registry', component: SearchPage, roles: registryPolicy.read },
    { path: '/registry/:registry/statistics', component: StatisticsPage, roles: registryPolicy.read },
    { path: '/registry/:registry/precedence', component: PrecedencePage, roles: registryPolicy.read },
    { path: '/registry/:registry/:ref', component: EntityPage, roles: registryPolicy.read },
  ],
  contributes: [
    // A base registry's own catalog resource shows the merged registry, beside the records delivered into the
    // resource itself (most reach the registry through departmental resources, so that tab is often empty).
    contribute(resourcePoints.tab, {
      key: 'registry',
      label: 'resourceTab.label',
      ns: 'registry',
      roles: registryPolicy.read,
      shows: (resource) => !!resource.alias && isRegistryName(resource.alias),
      component: ResourceRegistryTab,
    }),
  ],
  menu: [
    {
      path: licensesPath,
      label: 'licenses.menu',
      icon: createElement(SafetyCertificateOutlined),
      order: 46,
      roles: registryPolicy.readLicenses,
    },
    {
      path: myLicensesPath,
      label: 'licenses.mineMenu',
      icon: createElement(IdcardOutlined),
      order: 46,
      roles: registryPolicy.ownLicenses,
    },
    {
      path: '/registry',
      label: 'menu',
      icon: createElement(ClusterOutlined),
      order: 45,
      roles: registryPolicy.read,
    },
    {
      path: '/registry/objections',
      label: 'objections.menu',
      icon: createElement(FlagOutlined),
      order: 47,
      roles: registryPolicy.objections,
    },
  ],
};
