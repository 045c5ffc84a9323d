import {
  BankcardOutline,
  CameraOutline,
  FileOutline,
  ShopbagOutline,
  SoundOutline,
  UnorderedListOutline,
  UserContactOutline,
} from 'antd-mobile-icons';
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

const WalletListPage = lazy(() =>
  import('./wallet-list-page.tsx').then((m) => ({ default: m.WalletListPage })),
);
const WalletLicensePage = lazy(() =>
  import('./wallet-license-page.tsx').then((m) => ({ default: m.WalletLicensePage })),
);
const ShareViewPage = lazy(() => import('./share-view-page.tsx').then((m) => ({ default: m.ShareViewPage })));
const ServicesListPage = lazy(() =>
  import('./services-list-page.tsx').then((m) => ({ default: m.ServicesListPage })),
);
const ServicesDetailPage = lazy(() =>
  import('./services-detail-page.tsx').then((m) => ({ default: m.ServicesDetailPage })),
);
const NoticesListPage = lazy(() =>
  import('./notices-list-page.tsx').then((m) => ({ default: m.NoticesListPage })),
);
const NoticesDetailPage = lazy(() =>
  import('./notices-detail-page.tsx').then((m) => ({ default: m.NoticesDetailPage })),
);
const NoticesHomeSection = lazy(() =>
  import('./notices-home-section.tsx').then((m) => ({ default: m.NoticesHomeSection })),
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
    // The wallet: mine (or my company's) only.
    { path: '/licenses', page: WalletListPage, title: 'wallet.title' },
    { path: '/licenses/:id', page: WalletLicensePage, title: 'wallet.detailTitle' },
    // What a shared link opens, for anyone who has it.
    { path: '/shared/:token', page: ShareViewPage, public: true, title: 'shared.title' },
    // The directory and the notices are public information: readable before signing in.
    { path: '/services', page: ServicesListPage, public: true, title: 'services.title', tab: 'services' },
    {
      path: '/services/:id',
      page: ServicesDetailPage,
      public: true,
      title: 'services.detailTitle',
      tab: 'services',
    },
    { path: '/notices', page: NoticesListPage, public: true, title: 'notices.title' },
    { path: '/notices/:id', page: NoticesDetailPage, public: true, title: 'notices.detailTitle' },
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
    {
      key: 'licenses',
      label: 'wallet.tile',
      path: '/licenses',
      icon: createElement(BankcardOutline),
      order: 20,
    },
    {
      key: 'services',
      label: 'services.tile',
      path: '/services',
      icon: createElement(FileOutline),
      order: 40,
    },
    { key: 'notices', label: 'notices.tile', path: '/notices', icon: createElement(SoundOutline), order: 50 },
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
    {
      key: 'licenses',
      label: 'wallet.me',
      path: '/licenses',
      icon: createElement(BankcardOutline),
      order: 20,
    },
  ],
  homeSection: { order: 10, component: NoticesHomeSection },
  messages: citizenAppMessages,
};
