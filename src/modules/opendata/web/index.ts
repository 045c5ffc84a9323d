import { lazy } from 'react';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { en, zhCN } from './messages.ts';

// Loaded when visited, so the console's sign-in page does not carry the portal's tables.
const OpenPortalPage = lazy(() =>
  import('./open-portal-page.tsx').then((m) => ({ default: m.OpenPortalPage })),
);
const OpenDatasetPage = lazy(() =>
  import('./open-dataset-page.tsx').then((m) => ({ default: m.OpenDatasetPage })),
);

export { datasetPath, portalPath } from './opendata-api.ts';

/** The open data portal (数据开放): public pages, for anyone, outside the console's signed-in layout. */
export const opendataWeb: WebModule = {
  name: 'opendata',
  messages: { 'zh-CN': zhCN, en },
  routes: [],
  publicRoutes: [
    { path: '/open', component: OpenPortalPage },
    { path: '/open/:name', component: OpenDatasetPage },
  ],
  menu: [],
};
