import { type ComponentType, lazy } from 'react';
import { extensionPoint } from '../../../../web/kit/extensions.ts';
import { allowed } from '../../../../web/kit/web-module.ts';
import type { Role } from '../../../core/context.ts';
import type { Resource } from '../contract.ts';

// Loaded with the resource page, not with every page that imports the extension points (the shell's first page).
const ResourceInfo = lazy(() => import('./resource-info.tsx').then((m) => ({ default: m.ResourceInfo })));
const ResourceItems = lazy(() => import('./resource-items.tsx').then((m) => ({ default: m.ResourceItems })));
const ResourceVersions = lazy(() =>
  import('./resource-versions.tsx').then((m) => ({ default: m.ResourceVersions })),
);

/**
 * A tab of the resource page. `label` is a key in namespace `ns` (the catalog's when absent), so tabs that other
 * modules bring (the data itself, delivery batches, quality) carry their own strings; `roles` hides a tab from
 * users who may not see what it shows; `count` puts a number beside the label. `shows` limits a tab to some
 * resources (a base registry's data only on a registry's resource).
 */
export type ResourceTab = {
  key: string;
  label: string;
  ns?: string;
  roles?: readonly Role[];
  count?: (resource: Resource) => number;
  shows?: (resource: Resource) => boolean;
  component: ComponentType<{ resource: Resource }>;
};

/** A button other modules put beside the resource page's edit button, for holders of one of `roles`. */
export type ResourceAction = {
  key: string;
  roles?: readonly Role[];
  component: ComponentType<{ resource: Resource }>;
};

/** Where other modules add tabs (after the catalog's own) and buttons to a resource's page. */
export const resourcePoints = {
  tab: extensionPoint<ResourceTab>('catalog.resource-tab'),
  action: extensionPoint<ResourceAction>('catalog.resource-action'),
};

/** The catalog's own tabs, in order; the first is shown when the URL names none. */
export const catalogTabs: ResourceTab[] = [
  { key: 'info', label: 'tabs.info', component: ResourceInfo },
  { key: 'items', label: 'tabs.items', count: (r) => r.items.length, component: ResourceItems },
  { key: 'versions', label: 'tabs.versions', count: (r) => r.version, component: ResourceVersions },
];

/** The tabs a user with `roles` sees on `resource`'s page, in order. */
export function tabsFor(tabs: ResourceTab[], resource: Resource, roles: readonly Role[]): ResourceTab[] {
  return tabs.filter((tab) => allowed(roles, tab.roles) && (tab.shows?.(resource) ?? true));
}
