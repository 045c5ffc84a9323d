import { KeyOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import { eventsPolicy } from '../policy.ts';
import { keysPath } from './keys-api.ts';
import type { WebModulePart } from './web-part.ts';

const KeysPage = lazy(() => import('./keys-page.tsx').then((m) => ({ default: m.KeysPage })));

const zhCN = {
  keys: {
    menu: 'Open311 接入密钥',
    title: 'Open311 接入密钥',
    description:
      '外部系统和应用凭密钥通过 Open311 GeoReport v2（/open311/v2/）提交诉求；诉求按服务类型分类并自动派单。密钥只在创建时显示一次。',
    create: '新建密钥',
    createOk: '创建',
    createHint: '为每个接入的系统或应用单独建一个密钥，便于追溯和吊销。',
    created: '已为“{{name}}”创建密钥',
    keyLabel: '接入密钥（请立即复制并交给对方系统，关闭后无法再次查看）',
    name: '使用方',
    namePlaceholder: '如：城市随手拍 App',
    nameRequired: '请填写使用方',
    prefix: '密钥前缀',
    state: '状态',
    states: { active: '有效', revoked: '已吊销', all: '全部' },
    createdBy: '创建人',
    createdAt: '创建时间',
    lastUsedAt: '最近使用',
    never: '从未使用',
    revokedAt: '吊销时间',
    revoke: '吊销',
    revokeConfirm:
      '吊销后，使用该密钥（{{prefix}}…）的“{{name}}”将立即无法提交诉求，且不能恢复。确定吊销吗？',
    revoked: '“{{name}}”的密钥已吊销',
    search: '按使用方或前缀搜索',
    empty: '还没有接入密钥',
    noMatch: '没有符合条件的密钥',
  },
};

const en = {
  keys: {
    menu: 'Open311 keys',
    title: 'Open311 API keys',
    description:
      'Outside systems and apps post service requests with a key through Open311 GeoReport v2 (/open311/v2/); requests are classified by their service code and dispatched at once. A key is shown only when it is made.',
    create: 'New key',
    createOk: 'Create',
    createHint: 'Make one key per system or app, so each can be traced and revoked on its own.',
    created: 'Key made for “{{name}}”',
    keyLabel: 'API key (copy it now and hand it to the other system; it cannot be shown again)',
    name: 'Used by',
    namePlaceholder: 'e.g. the city snapshot app',
    nameRequired: 'Say who the key is for',
    prefix: 'Key prefix',
    state: 'State',
    states: { active: 'Active', revoked: 'Revoked', all: 'All' },
    createdBy: 'Made by',
    createdAt: 'Made at',
    lastUsedAt: 'Last used',
    never: 'Never',
    revokedAt: 'Revoked at',
    revoke: 'Revoke',
    revokeConfirm:
      '“{{name}}” will no longer be able to post requests with this key ({{prefix}}…), and this cannot be undone. Revoke it?',
    revoked: 'The key of “{{name}}” is revoked',
    search: 'Search by user or prefix',
    empty: 'No API keys yet',
    noMatch: 'No key matches',
  },
};

/** The Open311 keys page: listed, made (shown once) and revoked by the center. */
export const keysWeb: WebModulePart = {
  routes: [{ path: keysPath, component: KeysPage, roles: eventsPolicy.configure }],
  menu: [
    {
      path: keysPath,
      label: 'keys.menu',
      icon: createElement(KeyOutlined),
      order: 69,
      roles: eventsPolicy.configure,
    },
  ],
  messages: { 'zh-CN': zhCN, en },
};
