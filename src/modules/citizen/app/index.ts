import { CameraOutline, ShopbagOutline, UnorderedListOutline, UserContactOutline } from 'antd-mobile-icons';
import { createElement, lazy } from 'react';
import type { MobileModule } from '../../../../web/m/mobile-module.ts';
import { citizenAppMessages } from './messages.ts';

const SignupPage = lazy(() => import('./signup-page.tsx').then((m) => ({ default: m.SignupPage })));
const ProfilePage = lazy(() => import('./profile-page.tsx').then((m) => ({ default: m.ProfilePage })));
const CompaniesPage = lazy(() => import('./companies-page.tsx').then((m) => ({ default: m.CompaniesPage })));
const ReportPage = lazy(() => import('./report-page.tsx').then((m) => ({ default: m.ReportPage })));
const ReportListPage = lazy(() =>
  import('./report-list-page.tsx').then((m) => ({ default: m.ReportListPage })),
);
const ReportDetailPage = lazy(() =>
  import('./report-detail-page.tsx').then((m) => ({ default: m.ReportDetailPage })),
);

/** The resident's own pages of the app: sign-up, information, licenses, reports, services and notices. */
export const citizenApp: MobileModule = {
  name: 'citizen',
  routes: [
    { path: '/signup', page: SignupPage, public: true, title: 'signup.title' },
    { path: '/profile', page: ProfilePage, title: 'profile.title', tab: 'me' },
    { path: '/companies', page: CompaniesPage, title: 'companies.title', tab: 'me' },
    { path: '/report', page: ReportPage, title: 'report.title', tab: 'report' },
    { path: '/reports', page: ReportListPage, title: 'reports.title' },
    { path: '/reports/:number', page: ReportDetailPage, title: 'reportDetail.title' },
  ],
  homeTiles: [
    {
      key: 'profile',
      label: 'tile.profile',
      path: '/profile',
      icon: createElement(UserContactOutline),
      order: 10,
    },
    { key: 'report', label: 'report.tile', path: '/report', icon: createElement(CameraOutline), order: 30 },
  ],
  meEntries: [
    {
      key: 'profile',
      label: 'me.profile',
      path: '/profile',
      icon: createElement(UserContactOutline),
      order: 10,
    },
    {
      key: 'reports',
      label: 'report.mine',
      path: '/reports',
      icon: createElement(UnorderedListOutline),
      order: 30,
    },
    {
      key: 'companies',
      label: 'me.companies',
      path: '/companies',
      icon: createElement(ShopbagOutline),
      order: 90,
    },
  ],
  messages: citizenAppMessages,
};
