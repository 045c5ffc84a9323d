import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../../web/src/api.ts';
import type { Role } from '../../../core/context.ts';
import type {
  classTreeNode,
  Resource,
  ResourceInput,
  ResourceSummary,
  ResourceUpdate,
  versionDiff,
  versionEntry,
} from '../contract.ts';

export {
  classificationDigit as classificationDigits,
  classifications,
  formats,
  itemTypes,
  openTypes,
  shareTypes,
  updateCycles,
} from '../vocabulary.ts';

/** The roles the catalog API lets read, and those it lets register and edit (departments only their own). */
export const readers = ['admin', 'steward', 'department_user', 'leader'] as const satisfies readonly Role[];
export const editors = ['admin', 'steward', 'department_user'] as const satisfies readonly Role[];

/** Whether a user may edit a resource of `providerDepartmentId`, as the server decides it. */
export function mayEdit(
  user: { roles: readonly Role[]; departmentId: number | null },
  providerDepartmentId: number,
): boolean {
  if (user.roles.some((r) => r === 'admin' || r === 'steward')) return true;
  return user.roles.includes('department_user') && user.departmentId === providerDepartmentId;
}

export type VersionEntry = z.infer<typeof versionEntry>;
export type VersionDiff = z.infer<typeof versionDiff>;
export type ClassCount = z.infer<typeof classTreeNode>;

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

/** How many resources each classification code holds, for the browse tree. */
export function useClassCounts() {
  return useQuery({
    queryKey: [...catalogKey, 'classes'],
    queryFn: () => api.get<ClassCount[]>('/api/catalog/classes'),
  });
}

/** The query of one resource by code or alias, for pages that look up several (their names, say) at once. */
export const resourceQuery = (code: string) =>
  queryOptions({
    queryKey: [...catalogKey, 'resource', code],
    queryFn: () => api.get<Resource>(apiPath(code)),
  });

/** One resource by code or alias. */
export function useResource(code: string) {
  return useQuery(resourceQuery(code));
}

/** A resource's versions, newest first. */
export function useVersions(code: string) {
  return useQuery({
    queryKey: [...catalogKey, 'resource', code, 'versions'],
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
export const createResource = (input: ResourceInput) => api.post<Resource>('/api/catalog/resources', input);

/** Saves a new version of a resource; with `expectedVersion` the server refuses (409) if someone saved first. */
export const updateResource = (code: string, input: ResourceUpdate & { expectedVersion?: number }) =>
  api.put<Resource>(apiPath(code), input);
