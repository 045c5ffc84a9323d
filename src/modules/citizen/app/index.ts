import { ShopbagOutline, UserContactOutline } from 'antd-mobile-icons';
import { createElement, lazy } from 'react';
import type { MobileModule } from '../../../../web/m/mobile-module.ts';
import { citizenAppMessages } from './messages.ts';

const SignupPage = lazy(() => import('./signup-page.tsx').then((m) => ({ default: m.SignupPage })));
const ProfilePage = lazy(() => import('./profile-page.tsx').then((m) => ({ default: m.ProfilePage })));
const CompaniesPage = lazy(() => import('./companies-page.tsx').then((m) => ({ default: m.CompaniesPage })));

/** The resident's own pages of the app: sign-up, information, licenses, reports, services and notices. */
export const citizenApp: MobileModule = {
  name: 'citizen',
  routes: [
    { path: '/signup', page: SignupPage, public: true, title: 'signup.title' },
    { path: '/profile', page: ProfilePage, title: 'profile.title', tab: 'me' },
    { path: '/companies', page: CompaniesPage, title: 'companies.title', tab: 'me' },
  ],
  homeTiles: [
    {
      key: 'profile',
      label: 'tile.profile',
      path: '/profile',
      icon: createElement(UserContactOutline),
      order: 10,
    },
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
      key: 'companies',
      label: 'me.companies',
      path: '/companies',
      icon: createElement(ShopbagOutline),
      order: 90,
    },
  ],
  messages: citizenAppMessages,
};
