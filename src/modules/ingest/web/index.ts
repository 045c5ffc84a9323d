import { CloudUploadOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { WebModule } from '../../../../web/src/web-module.ts';
import { en, zhCN } from './messages.ts';
import { deliverers, pullManagers, readers } from './roles.ts';

const IngestHome = lazy(() => import('./ingest-nav.tsx').then((m) => ({ default: m.IngestHome })));
const UploadPage = lazy(() => import('./upload-page.tsx').then((m) => ({ default: m.UploadPage })));
const BatchesPage = lazy(() => import('./batches-page.tsx').then((m) => ({ default: m.BatchesPage })));
const BatchPage = lazy(() => import('./batch-page.tsx').then((m) => ({ default: m.BatchPage })));
const PullsPage = lazy(() => import('./pulls-page.tsx').then((m) => ({ default: m.PullsPage })));

/**
 * The aggregation (归集) console: uploading a file into a resource, the batches with their reports, and the
 * scheduled pulls. The resource page's 数据, 批次 and 质量 tabs live here too (see catalog/web/resource-tabs.ts).
 */
export const ingestWeb: WebModule = {
  name: 'ingest',
  messages: { 'zh-CN': zhCN, en },
  routes: [
    { path: '/ingest', component: IngestHome, roles: readers },
    { path: '/ingest/upload', component: UploadPage, roles: deliverers },
    { path: '/ingest/batches', component: BatchesPage, roles: readers },
    { path: '/ingest/batches/:id', component: BatchPage, roles: readers },
    { path: '/ingest/pulls', component: PullsPage, roles: pullManagers },
  ],
  menu: [
    { path: '/ingest', label: 'menu', icon: createElement(CloudUploadOutlined), order: 40, roles: readers },
  ],
};
