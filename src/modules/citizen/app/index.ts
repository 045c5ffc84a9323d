import { CameraOutline, UnorderedListOutline } from 'antd-mobile-icons';
import { createElement, lazy } from 'react';
import type { MobileModule } from '../../../../web/m/mobile-module.ts';
import { citizenAppMessages } from './messages.ts';

/** The resident's own pages of the app: sign-up, information, licenses, reports, services and notices. */
export const citizenApp: MobileModule = {
  name: 'citizen',
  routes: [
    {
      path: '/report',
      page: lazy(() => import('./report-page.tsx').then((m) => ({ default: m.ReportPage }))),
      title: 'report.title',
      tab: 'report',
    },
    {
      path: '/reports',
      page: lazy(() => import('./report-list-page.tsx').then((m) => ({ default: m.ReportListPage }))),
      title: 'reports.title',
    },
    {
      path: '/reports/:number',
      page: lazy(() => import('./report-detail-page.tsx').then((m) => ({ default: m.ReportDetailPage }))),
      title: 'reportDetail.title',
    },
  ],
  homeTiles: [
    { key: 'report', label: 'report.tile', path: '/report', icon: createElement(CameraOutline), order: 30 },
  ],
  meEntries: [
    {
      key: 'reports',
      label: 'report.mine',
      path: '/reports',
      icon: createElement(UnorderedListOutline),
      order: 30,
    },
  ],
  messages: citizenAppMessages,
};
