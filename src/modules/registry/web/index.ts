import { DatabaseOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import type { WebModule } from '../../../../web/src/web-module.ts';
import { en, zhCN } from './messages.ts';

/** The base registries console: search, entity pages, component map, statistics, conflicts, licenses, objections. */
export const registryWeb: WebModule = {
  name: 'registry',
  messages: { 'zh-CN': zhCN, en },
  routes: [],
  menu: [{ path: '/registry', label: 'menu', icon: createElement(DatabaseOutlined), order: 45 }],
};
