import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../../../web/kit/api.ts';
import type {
  ClassTreeNode,
  ResourceInput,
  ResourceSummary,
  ResourceUpdate,
  ResourceView,
  VersionEntry,
  versionDiff,
} from '../contract.ts';

export { catalogPolicy } from '../policy.ts';
export {
  classificationDigit as classificationDigits,
  classifications,
  formats,
  itemTypes,
  openTypes,
  shareTypes,
  updateCycles,
} from '../vocabulary.ts';

export type { VersionEntry };
export type VersionDiff = z.infer<typeof versionDiff>;
export type ClassNode = ClassTreeNode;

/** Query keys start with this, so one invalidation refreshes every list, tree and resource. */
export const catalogKey = ['catalog'] as const;

export type ResourceFilters = {
  q?: string;
  classification?: string;
  classCode?: string;
  departmentId?: string;
  shareType?: string;
  openType?: string;
  page: number;
  pageSize: number;
  sort: string;
};

/** The console path of a resource's page; codes hold a slash, so it is encoded into one path segment. */
export const resourcePath = (code: string, sub?: 'edit') =>
  `/catalog/${encodeURIComponent(code)}${sub ? `/${sub}` : ''}`;

const apiPath = (code: string) => `/api/catalog/resources/${encodeURIComponent(code)}`;

/** One page of resources. */
export function useResourcePage(filters: ResourceFilters) {
  return useQuery({
    queryKey: [...catalogKey, 'page', filters],
    queryFn: () => api.get<{ items: ResourceSummary[]; total: number }>('/api/catalog/resources', filters),
    placeholderData: (previous) => previous,
  });
}

/** The classification codes in use with their names and resource counts, for the browse tree. */
export function useClassTree() {
  // The server names the codes in the console's language, so each language is its own query.
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...catalogKey, 'classes', i18n.language],
    queryFn: () => api.get<ClassNode[]>('/api/catalog/classes'),
  });
}

/** The query of one resource by code or alias, for pages that look up several (their names, say) at once. */
export const resourceQuery = (code: string) =>
  queryOptions({
    queryKey: [...catalogKey, 'resource', code],
    queryFn: () => api.get<ResourceView>(apiPath(code)),
  });

/** One resource by code or alias. */
export function useResource(code: string) {
  return useQuery(resourceQuery(code));
}

/** A resource's versions, newest first. */
export function useVersions(code: string) {
  // The server writes its own notes (version 1's) in the console's language.
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...catalogKey, 'resource', code, 'versions', i18n.language],
    queryFn: () => api.get<VersionEntry[]>(`${apiPath(code)}/versions`),
  });
}

/** What changed from one version of a resource to another. */
export function useVersionDiff(code: string, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: [...catalogKey, 'resource', code, 'diff', from, to],
    queryFn: () => api.get<VersionDiff>(`${apiPath(code)}/diff`, { from, to }),
    enabled: from !== undefined && to !== undefined && from !== to,
    // Saved versions never change.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Registers a resource; the server assigns its code. */
export const createResource = (input: ResourceInput) =>
  api.post<ResourceView>('/api/catalog/resources', input);

/** Saves a new version of a resource; with `expectedVersion` the server refuses (409) if someone saved first. */
export const updateResource = (code: string, input: ResourceUpdate & { expectedVersion?: number }) =>
  api.put<ResourceView>(apiPath(code), input);
