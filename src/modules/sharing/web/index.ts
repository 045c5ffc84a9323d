import { ShareAltOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import type { WebModule } from '../../../../web/src/web-module.ts';
import { apiEn, apiZhCN } from './api-messages.ts';
import { en, zhCN } from './messages.ts';

/** The sharing console: applying for resources, approving, grants and credentials, usage and API docs. */
export const sharingWeb: WebModule = {
  name: 'sharing',
  messages: { 'zh-CN': { ...zhCN, ...apiZhCN }, en: { ...en, ...apiEn } },
  routes: [],
  menu: [],
};
void ShareAltOutlined;
void createElement;
