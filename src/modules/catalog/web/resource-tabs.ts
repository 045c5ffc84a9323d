import type { ComponentType } from 'react';
import type { Role } from '../../../core/context.ts';
import { ResourceBatchesTab } from '../../ingest/web/resource-batches-tab.tsx';
import { ResourceDataTab } from '../../ingest/web/resource-data-tab.tsx';
import { ResourceQualityTab } from '../../ingest/web/resource-quality-tab.tsx';
import { deliverers, readers as ingestReaders } from '../../ingest/web/roles.ts';
import { UploadDataButton } from '../../ingest/web/upload-button.tsx';
import { ApplyButton } from '../../sharing/web/apply-button.tsx';
import { sharingRoles } from '../../sharing/web/sharing-api.ts';
import type { Resource } from '../contract.ts';
import { ResourceInfo } from './resource-info.tsx';
import { ResourceItems } from './resource-items.tsx';
import { ResourceVersions } from './resource-versions.tsx';

/**
 * A tab of the resource page. `label` is a key in namespace `ns` (the catalog's when absent), so tabs that other
 * modules bring (the data itself, delivery batches, quality) carry their own strings; `roles` hides a tab from
 * users who may not see what it shows; `count` puts a number beside the label.
 */
export type ResourceTab = {
  key: string;
  label: string;
  ns?: string;
  roles?: readonly Role[];
  count?: (resource: Resource) => number;
  component: ComponentType<{ resource: Resource }>;
};

/** The resource page's tabs, in order; the first is shown when the URL names none. */
export const resourceTabs: ResourceTab[] = [
  { key: 'info', label: 'tabs.info', component: ResourceInfo },
  { key: 'items', label: 'tabs.items', count: (r) => r.items.length, component: ResourceItems },
  { key: 'versions', label: 'tabs.versions', count: (r) => r.version, component: ResourceVersions },
  { key: 'data', label: 'tabs.data', ns: 'ingest', roles: ingestReaders, component: ResourceDataTab },
  {
    key: 'batches',
    label: 'tabs.batches',
    ns: 'ingest',
    roles: ingestReaders,
    component: ResourceBatchesTab,
  },
  {
    key: 'quality',
    label: 'tabs.quality',
    ns: 'ingest',
    roles: ingestReaders,
    component: ResourceQualityTab,
  },
];

/** A button other modules put beside the resource page's edit button, for holders of one of `roles`. */
export type ResourceAction = {
  key: string;
  roles?: readonly Role[];
  component: ComponentType<{ resource: Resource }>;
};

/** The resource page's actions besides editing, in order. */
export const resourceActions: ResourceAction[] = [
  { key: 'upload', roles: deliverers, component: UploadDataButton },
  { key: 'apply', roles: sharingRoles, component: ApplyButton },
];
