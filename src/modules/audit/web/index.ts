import { AuditOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { en, zhCN } from './messages.ts';

const AuditPage = lazy(() => import('./audit-page.tsx').then((m) => ({ default: m.AuditPage })));

// The same roles the audit API admits.
const readers = ['admin', 'steward'] as const;

/** The audit module's console page: the audit log. */
export const auditWeb: WebModule = {
  name: 'audit',
  messages: { 'zh-CN': zhCN, en },
  routes: [{ path: '/audit', component: AuditPage, roles: readers }],
  menu: [{ path: '/audit', label: 'menu', icon: createElement(AuditOutlined), order: 90, roles: readers }],
};
