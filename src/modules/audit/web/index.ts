import { AuditOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { auditPolicy } from '../policy.ts';
import { en, zhCN } from './messages.ts';

const AuditPage = lazy(() => import('./audit-page.tsx').then((m) => ({ default: m.AuditPage })));

/** The audit module's console page: the audit log. */
export const auditWeb: WebModule = {
  name: 'audit',
  messages: { 'zh-CN': zhCN, en },
  routes: [{ path: '/audit', component: AuditPage, roles: auditPolicy.read }],
  menu: [
    { path: '/audit', label: 'menu', icon: createElement(AuditOutlined), order: 90, roles: auditPolicy.read },
  ],
};
