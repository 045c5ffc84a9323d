import { CloudUploadOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import { contribute } from '../../../../web/kit/extensions.ts';
import type { WebModule } from '../../../../web/kit/web-module.ts';
import { resourcePoints } from '../../catalog/web/index.ts';
import { ingestPolicy } from '../policy.ts';
import { en, zhCN } from './messages.ts';

const IngestHome = lazy(() => import('./ingest-nav.tsx').then((m) => ({ default: m.IngestHome })));
const UploadPage = lazy(() => import('./upload-page.tsx').then((m) => ({ default: m.UploadPage })));
const BatchesPage = lazy(() => import('./batches-page.tsx').then((m) => ({ default: m.BatchesPage })));
const BatchPage = lazy(() => import('./batch-page.tsx').then((m) => ({ default: m.BatchPage })));
const ResourceDataTab = lazy(() =>
  import('./resource-data-tab.tsx').then((m) => ({ default: m.ResourceDataTab })),
);
const ResourceBatchesTab = lazy(() =>
  import('./resource-batches-tab.tsx').then((m) => ({ default: m.ResourceBatchesTab })),
);
const ResourceQualityTab = lazy(() =>
  import('./resource-quality-tab.tsx').then((m) => ({ default: m.ResourceQualityTab })),
);
const UploadDataButton = lazy(() =>
  import('./upload-button.tsx').then((m) => ({ default: m.UploadDataButton })),
);
const PullsPage = lazy(() => import('./pulls-page.tsx').then((m) => ({ default: m.PullsPage })));

/**
 * The aggregation (归集) console: uploading a file into a resource, the batches with their reports, and the
 * scheduled pulls; and the resource page's 数据, 批次 and 质量 tabs and its upload button.
 */
export const ingestWeb: WebModule = {
  name: 'ingest',
  messages: { 'zh-CN': zhCN, en },
  routes: [
    { path: '/ingest', component: IngestHome, roles: ingestPolicy.read },
    { path: '/ingest/upload', component: UploadPage, roles: ingestPolicy.deliver },
    { path: '/ingest/batches', component: BatchesPage, roles: ingestPolicy.read },
    { path: '/ingest/batches/:id', component: BatchPage, roles: ingestPolicy.read },
    { path: '/ingest/pulls', component: PullsPage, roles: ingestPolicy.managePulls },
  ],
  menu: [
    {
      path: '/ingest',
      label: 'menu',
      icon: createElement(CloudUploadOutlined),
      order: 40,
      roles: ingestPolicy.read,
    },
  ],
  contributes: [
    contribute(resourcePoints.tab, {
      key: 'data',
      label: 'tabs.data',
      ns: 'ingest',
      roles: ingestPolicy.read,
      component: ResourceDataTab,
    }),
    contribute(resourcePoints.tab, {
      key: 'batches',
      label: 'tabs.batches',
      ns: 'ingest',
      roles: ingestPolicy.read,
      component: ResourceBatchesTab,
    }),
    contribute(resourcePoints.tab, {
      key: 'quality',
      label: 'tabs.quality',
      ns: 'ingest',
      roles: ingestPolicy.read,
      component: ResourceQualityTab,
    }),
    contribute(resourcePoints.action, {
      key: 'upload',
      roles: ingestPolicy.deliver,
      component: UploadDataButton,
    }),
  ],
};
