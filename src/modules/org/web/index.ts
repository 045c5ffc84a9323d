import { ApartmentOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import { contribute } from '../../../../web/kit/extensions.ts';
import { shellPoints } from '../../../../web/kit/shell-points.ts';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { orgPolicy } from '../policy.ts';
import { DistrictMapCard, SubdistrictsCard } from './district-widgets.tsx';
import { en, zhCN } from './messages.ts';

export { BoundaryMap } from './boundary-map.tsx';
export { useAllDepartments, useSubdistricts } from './departments-api.ts';
export { useMyDepartment } from './my-department.ts';
export { useBoundaries } from './places-api.ts';

const DepartmentsPage = lazy(() =>
  import('./departments-page.tsx').then((m) => ({ default: m.DepartmentsPage })),
);

const PlacesPage = lazy(() => import('./places-page.tsx').then((m) => ({ default: m.PlacesPage })));

/** The org module's console pages (departments, boundaries and addresses) and its home-page cards (the district map, the subdistricts). */
export const orgWeb: WebModule = {
  name: 'org',
  messages: { 'zh-CN': zhCN, en },
  routes: [
    { path: '/departments', component: DepartmentsPage, roles: orgPolicy.browse },
    { path: '/org/places', component: PlacesPage, roles: orgPolicy.places },
  ],
  menu: [
    {
      path: '/departments',
      label: 'menu',
      icon: createElement(ApartmentOutlined),
      order: 10,
      roles: orgPolicy.browse,
    },
    {
      path: '/org/places',
      label: 'places.menu',
      icon: createElement(EnvironmentOutlined),
      order: 11,
      roles: orgPolicy.places,
    },
  ],
  contributes: [
    contribute(shellPoints.homeWidget, {
      key: 'district-map',
      order: 10,
      span: 16,
      component: DistrictMapCard,
    }),
    contribute(shellPoints.homeWidget, {
      key: 'subdistricts',
      order: 20,
      span: 8,
      component: SubdistrictsCard,
    }),
  ],
};
