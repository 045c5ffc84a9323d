import { DatabaseOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { catalogPolicy } from '../policy.ts';
import { en, zhCN } from './messages.ts';

export { classifications, updateCycles } from '../vocabulary.ts';
export { catalogPolicy, resourcePath, resourceQuery, useResource, useResourcePage } from './catalog-api.ts';
export { ClassificationTag, OpenTag, PersonalTag, ShareTag } from './catalog-tags.tsx';
export { type ResourceAction, type ResourceTab, resourcePoints } from './resource-tabs.ts';

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
    { path: '/catalog', component: CatalogPage, roles: catalogPolicy.read },
    // Ranked above /catalog/:code by react-router, being static.
    { path: '/catalog/new', component: ResourceCreatePage, roles: catalogPolicy.write },
    { path: '/catalog/:code', component: ResourcePage, roles: catalogPolicy.read },
    { path: '/catalog/:code/edit', component: ResourceEditPage, roles: catalogPolicy.write },
  ],
  menu: [
    {
      path: '/catalog',
      label: 'menu',
      icon: createElement(DatabaseOutlined),
      order: 30,
      roles: catalogPolicy.read,
    },
  ],
};
