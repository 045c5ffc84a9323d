import { LineChartOutlined, ShareAltOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import { contribute } from '../../../../web/kit/extensions.ts';
import { shellPoints } from '../../../../web/kit/shell-points.ts';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { resourcePoints } from '../../catalog/web/index.ts';
import { sharingPolicy } from '../policy.ts';
import { apiEn, apiZhCN } from './api-messages.ts';
import { en, zhCN } from './messages.ts';
import { NotificationBell } from './notification-bell.tsx';
import { apiDocsRoute, usagePath } from './share-api-client.ts';
import { applicationsPath, grantsPath, notificationsPath } from './sharing-api.ts';

const ApplyButton = lazy(() => import('./apply-button.tsx').then((m) => ({ default: m.ApplyButton })));
const UsagePage = lazy(() => import('./usage-page.tsx').then((m) => ({ default: m.UsagePage })));
const ApiDocsPage = lazy(() => import('./api-docs-page.tsx').then((m) => ({ default: m.ApiDocsPage })));
const ApplicationsPage = lazy(() =>
  import('./applications-page.tsx').then((m) => ({ default: m.ApplicationsPage })),
);
const ApplicationPage = lazy(() =>
  import('./application-page.tsx').then((m) => ({ default: m.ApplicationPage })),
);
const ApplyPage = lazy(() => import('./apply-page.tsx').then((m) => ({ default: m.ApplyPage })));
const GrantsPage = lazy(() => import('./grants-page.tsx').then((m) => ({ default: m.GrantsPage })));
const GrantPage = lazy(() => import('./grant-page.tsx').then((m) => ({ default: m.GrantPage })));
const NotificationsPage = lazy(() =>
  import('./notifications-page.tsx').then((m) => ({ default: m.NotificationsPage })),
);

/** The sharing console: applying for resources, approving, grants and credentials, usage and API docs. */
export const sharingWeb: WebModule = {
  name: 'sharing',
  messages: { 'zh-CN': { ...zhCN, ...apiZhCN }, en: { ...en, ...apiEn } },
  routes: [
    { path: usagePath, component: UsagePage, roles: sharingPolicy.readUsage },
    { path: apiDocsRoute, component: ApiDocsPage, roles: sharingPolicy.readDocs },
    { path: applicationsPath, component: ApplicationsPage, roles: sharingPolicy.use },
    { path: `${applicationsPath}/:id`, component: ApplicationPage, roles: sharingPolicy.use },
    { path: '/sharing/apply/:resource', component: ApplyPage, roles: sharingPolicy.use },
    { path: grantsPath, component: GrantsPage, roles: sharingPolicy.use },
    { path: `${grantsPath}/:id`, component: GrantPage, roles: sharingPolicy.use },
    { path: notificationsPath, component: NotificationsPage, roles: sharingPolicy.use },
  ],
  menu: [
    {
      path: applicationsPath,
      label: 'menu.sharing',
      icon: createElement(ShareAltOutlined),
      order: 50,
      roles: sharingPolicy.use,
    },
    {
      path: usagePath,
      label: 'usage.menu',
      icon: createElement(LineChartOutlined),
      order: 51,
      roles: sharingPolicy.readUsage,
    },
  ],
  contributes: [
    contribute(resourcePoints.action, { key: 'apply', roles: sharingPolicy.use, component: ApplyButton }),
    contribute(shellPoints.headerItem, { key: 'notifications', component: NotificationBell }),
  ],
};
