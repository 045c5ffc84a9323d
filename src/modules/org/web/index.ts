import { ApartmentOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { en, zhCN } from './messages.ts';

export { useAllDepartments, useSubdistricts } from './departments-api.ts';
export { useMyDepartment } from './my-department.ts';

// Citizens have no use for the district's org chart; staff and leaders look departments up.
const staff = ['admin', 'steward', 'department_user', 'leader'] as const;

const DepartmentsPage = lazy(() =>
  import('./departments-page.tsx').then((m) => ({ default: m.DepartmentsPage })),
);

/** The org module's console pages: departments. */
export const orgWeb: WebModule = {
  name: 'org',
  messages: { 'zh-CN': zhCN, en },
  routes: [{ path: '/departments', component: DepartmentsPage, roles: staff }],
  menu: [
    { path: '/departments', label: 'menu', icon: createElement(ApartmentOutlined), order: 10, roles: staff },
  ],
};
