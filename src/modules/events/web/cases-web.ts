import { EnvironmentOutlined, PhoneOutlined, SolutionOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import { eventsPolicy } from '../policy.ts';
import { casesPath, deskPath, gridPath } from './cases-api.ts';
import { casesEn, casesZhCN } from './cases-messages.ts';
import type { WebModulePart } from './web-part.ts';

const CasesPage = lazy(() => import('./cases-page.tsx').then((m) => ({ default: m.CasesPage })));
const CasePage = lazy(() => import('./case-page.tsx').then((m) => ({ default: m.CasePage })));
const DeskPage = lazy(() => import('./desk-page.tsx').then((m) => ({ default: m.DeskPage })));
const GridPage = lazy(() => import('./grid-page.tsx').then((m) => ({ default: m.GridPage })));

/** The case pages: the 12345 desk, the grid inspector's report page, the case list with inboxes, and one case. */
export const casesWeb: WebModulePart = {
  routes: [
    { path: casesPath, component: CasesPage, roles: eventsPolicy.read },
    { path: `${casesPath}/:number`, component: CasePage, roles: eventsPolicy.read },
    { path: deskPath, component: DeskPage, roles: eventsPolicy.intake },
    { path: gridPath, component: GridPage, roles: eventsPolicy.report },
  ],
  menu: [
    {
      path: casesPath,
      label: 'caseMenu.cases',
      icon: createElement(SolutionOutlined),
      order: 60,
      roles: eventsPolicy.read,
    },
    {
      path: deskPath,
      label: 'caseMenu.desk',
      icon: createElement(PhoneOutlined),
      order: 61,
      roles: eventsPolicy.intake,
    },
    {
      path: gridPath,
      label: 'caseMenu.grid',
      icon: createElement(EnvironmentOutlined),
      order: 62,
      roles: eventsPolicy.report,
    },
  ],
  messages: { 'zh-CN': casesZhCN, en: casesEn },
};
