import { AlertOutlined, BarChartOutlined, TagsOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import { eventsPolicy } from '../policy.ts';
import { en, zhCN } from './stats-messages.ts';
import type { WebModulePart } from './web-part.ts';

const StatisticsPage = lazy(() => import('./stats-page.tsx').then((m) => ({ default: m.StatisticsPage })));
const WarningsPage = lazy(() => import('./warnings-page.tsx').then((m) => ({ default: m.WarningsPage })));
const CategoriesPage = lazy(() =>
  import('./categories-page.tsx').then((m) => ({ default: m.CategoriesPage })),
);

/** Statistics (统计分析), early warning (预警) and the category admin (事件类别) of the events console. */
export const statsWeb: WebModulePart = {
  routes: [
    { path: '/events/statistics', component: StatisticsPage, roles: eventsPolicy.statistics },
    { path: '/events/warnings', component: WarningsPage, roles: eventsPolicy.warnings },
    { path: '/events/categories', component: CategoriesPage, roles: eventsPolicy.configure },
  ],
  menu: [
    {
      path: '/events/statistics',
      label: 'stats.menu',
      icon: createElement(BarChartOutlined),
      order: 62,
      roles: eventsPolicy.statistics,
    },
    {
      path: '/events/warnings',
      label: 'warnings.menu',
      icon: createElement(AlertOutlined),
      order: 63,
      roles: eventsPolicy.warnings,
    },
    {
      path: '/events/categories',
      label: 'categories.menu',
      icon: createElement(TagsOutlined),
      order: 64,
      roles: eventsPolicy.configure,
    },
  ],
  messages: { 'zh-CN': zhCN, en },
};
