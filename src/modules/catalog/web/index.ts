import { DatabaseOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/src/web-module.ts';
import { editors, readers } from './catalog-api.ts';
import { en, zhCN } from './messages.ts';

const CatalogPage = lazy(() => import('./catalog-page.tsx').then((m) => ({ default: m.CatalogPage })));
const ResourcePage = lazy(() => import('./resource-page.tsx').then((m) => ({ default: m.ResourcePage })));
const ResourceCreatePage = lazy(() =>
  import('./resource-form-pages.tsx').then((m) => ({ default: m.ResourceCreatePage })),
);
const ResourceEditPage = lazy(() =>
  import('./resource-form-pages.tsx').then((m) => ({ default: m.ResourceEditPage })),
);

/**
 * The catalog module's console pages: the resource catalog, one resource with its tabs, and the form that
 * registers and edits resources. A resource's code holds a slash and is encoded into one path segment.
 */
export const catalogWeb: WebModule = {
  name: 'catalog',
  messages: { 'zh-CN': zhCN, en },
  routes: [
    { path: '/catalog', component: CatalogPage, roles: readers },
    // Ranked above /catalog/:code by react-router, being static.
    { path: '/catalog/new', component: ResourceCreatePage, roles: editors },
    { path: '/catalog/:code', component: ResourcePage, roles: readers },
    { path: '/catalog/:code/edit', component: ResourceEditPage, roles: editors },
  ],
  menu: [
    { path: '/catalog', label: 'menu', icon: createElement(DatabaseOutlined), order: 30, roles: readers },
  ],
};
