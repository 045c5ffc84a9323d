import { FileTextOutlined, NotificationOutlined, SolutionOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { citizenPolicy } from '../policy.ts';
import { noticesPath, servicesPath } from './directory-api.ts';
import { en, zhCN } from './messages.ts';

const ServicesPage = lazy(() => import('./services-page.tsx').then((m) => ({ default: m.ServicesPage })));
const NoticesPage = lazy(() => import('./notices-page.tsx').then((m) => ({ default: m.NoticesPage })));

// The center's pages for the citizen app, under one heading, 市民服务.
const group = { key: 'citizen', label: 'menu.group', icon: createElement(SolutionOutlined) };

/** The citizen app's console side: the services directory and the notices, kept by the center. */
export const citizenWeb: WebModule = {
  name: 'citizen',
  messages: { 'zh-CN': zhCN, en },
  routes: [
    { path: servicesPath, component: ServicesPage, roles: citizenPolicy.publish },
    { path: noticesPath, component: NoticesPage, roles: citizenPolicy.publish },
  ],
  menu: [
    {
      path: servicesPath,
      label: 'menu.services',
      icon: createElement(FileTextOutlined),
      order: 80,
      roles: citizenPolicy.publish,
      group,
    },
    {
      path: noticesPath,
      label: 'menu.notices',
      icon: createElement(NotificationOutlined),
      order: 81,
      roles: citizenPolicy.publish,
      group,
    },
  ],
};
