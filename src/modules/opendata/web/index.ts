import type { WebModule } from '../../../../web/kit/web-module.ts';
import { en, zhCN } from './messages.ts';
import { OpenDatasetPage } from './open-dataset-page.tsx';
import { OpenPortalPage } from './open-portal-page.tsx';

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
