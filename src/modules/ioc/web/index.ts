import { DashboardOutlined, FileTextOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { iocPolicy } from '../policy.ts';
import { iocEn, iocZhCN } from './messages.ts';
import { briefingsPath, screenPath } from './paths.ts';

const ScreenPage = lazy(() => import('./screen-page.tsx').then((m) => ({ default: m.ScreenPage })));
const BriefingsPage = lazy(() => import('./briefings-page.tsx').then((m) => ({ default: m.BriefingsPage })));

/** The operations center: the big screen (full window), the briefings archive, and the home page's dashboard. */
export const iocWeb: WebModule = {
  name: 'ioc',
  messages: { 'zh-CN': iocZhCN, en: iocEn },
  routes: [{ path: briefingsPath, component: BriefingsPage, roles: iocPolicy.readBriefings }],
  screenRoutes: [{ path: screenPath, component: ScreenPage, roles: iocPolicy.screen }],
  menu: [
    {
      path: screenPath,
      label: 'menu.screen',
      icon: createElement(DashboardOutlined),
      order: 5,
      roles: iocPolicy.screen,
    },
    {
      path: briefingsPath,
      label: 'menu.briefings',
      icon: createElement(FileTextOutlined),
      order: 6,
      roles: iocPolicy.readBriefings,
    },
  ],
};
