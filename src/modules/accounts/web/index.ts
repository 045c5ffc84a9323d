import { TeamOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { accountsPolicy } from '../policy.ts';
import { en, zhCN } from './messages.ts';

const UsersPage = lazy(() => import('./users-page.tsx').then((m) => ({ default: m.UsersPage })));
const ProfilePage = lazy(() => import('./profile-page.tsx').then((m) => ({ default: m.ProfilePage })));

/** The accounts module's console pages: user administration and everyone's own profile (linked from the header). */
export const accountsWeb: WebModule = {
  name: 'accounts',
  messages: { 'zh-CN': zhCN, en },
  routes: [
    { path: '/users', component: UsersPage, roles: accountsPolicy.administer },
    { path: '/profile', component: ProfilePage },
  ],
  menu: [
    {
      path: '/users',
      label: 'menu',
      icon: createElement(TeamOutlined),
      order: 20,
      roles: accountsPolicy.administer,
    },
  ],
};
