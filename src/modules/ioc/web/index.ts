import { DashboardOutlined, FileTextOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import { contribute } from '../../../../web/kit/extensions.ts';
import { shellPoints } from '../../../../web/kit/shell-points.ts';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { iocPolicy } from '../policy.ts';
import { iocEn, iocZhCN } from './messages.ts';
import { briefingsPath, screenPath } from './paths.ts';

const ScreenPage = lazy(() => import('./screen-page.tsx').then((m) => ({ default: m.ScreenPage })));
const BriefingsPage = lazy(() => import('./briefings-page.tsx').then((m) => ({ default: m.BriefingsPage })));
const TodoCard = lazy(() => import('./dashboard-todos.tsx').then((m) => ({ default: m.TodoCard })));
const FiguresCard = lazy(() => import('./dashboard-figures.tsx').then((m) => ({ default: m.FiguresCard })));
const CasesByDueCard = lazy(() => import('./dashboard-due.tsx').then((m) => ({ default: m.CasesByDueCard })));

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
  // The home page becomes the role's dashboard: to-dos and figures first, a department's cases by due time beside
  // the district map.
  contributes: [
    contribute(shellPoints.homeWidget, {
      key: 'ioc-todos',
      order: 1,
      span: 8,
      roles: iocPolicy.dashboard,
      component: TodoCard,
    }),
    contribute(shellPoints.homeWidget, {
      key: 'ioc-figures',
      order: 2,
      span: 16,
      roles: iocPolicy.dashboard,
      component: FiguresCard,
    }),
    contribute(shellPoints.homeWidget, {
      key: 'ioc-cases-by-due',
      order: 3,
      span: 8,
      roles: iocPolicy.departmentDashboard,
      component: CasesByDueCard,
    }),
  ],
};
