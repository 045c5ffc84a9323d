import { FormOutlined, InboxOutlined, ProfileOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { formsPolicy } from '../policy.ts';
import { formsPath, inboxPath, newFormPath } from './forms-api.ts';
import { menuEn, menuZhCN } from './menu-messages.ts';

const FormsPage = lazy(() => import('./forms-page.tsx').then((m) => ({ default: m.FormsPage })));
const DesignerPage = lazy(() => import('./designer-page.tsx').then((m) => ({ default: m.DesignerPage })));
const InboxPage = lazy(() => import('./inbox-page.tsx').then((m) => ({ default: m.InboxPage })));

// The side menu gathers the module's entries under one heading, 最多报一次.
const group = { key: 'forms', label: 'menu.group', icon: createElement(ProfileOutlined) };

/** Report once (最多报一次) in the console: the forms, their designer, and the receiving departments' inbox. */
export const formsWeb: WebModule = {
  name: 'forms',
  messages: { 'zh-CN': menuZhCN, en: menuEn },
  routes: [
    { path: formsPath, component: FormsPage, roles: formsPolicy.manage },
    { path: newFormPath, component: DesignerPage, roles: formsPolicy.manage },
    { path: inboxPath, component: InboxPage, roles: formsPolicy.manage },
    { path: `${formsPath}/:id`, component: DesignerPage, roles: formsPolicy.manage },
  ],
  menu: [
    {
      path: formsPath,
      label: 'menu.forms',
      icon: createElement(FormOutlined),
      order: 65,
      roles: formsPolicy.manage,
      group,
    },
    {
      path: inboxPath,
      label: 'menu.inbox',
      icon: createElement(InboxOutlined),
      order: 66,
      roles: formsPolicy.manage,
      group,
    },
  ],
};
