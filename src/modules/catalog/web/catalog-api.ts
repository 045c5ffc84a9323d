import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, type FieldProblem } from '../../../../web/kit/api.ts';
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

/** What an import did or would do (a dry run), as the server reports it. */
export type ImportResult = {
  dryRun: boolean;
  saved: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
};

/** One problem of a refused import, placed by sheet and row (XLSX) or dataset (JSON-LD). */
export type ImportProblem = FieldProblem & { sheet?: string; row?: number; dataset?: number };

/** The list filters an export honours: all but paging and order. */
export type ExportFilters = Omit<ResourceFilters, 'page' | 'pageSize' | 'sort'>;

/** Downloads the catalog (filtered as the list is) as the XLSX sheet or a DCAT-AP catalog in JSON-LD. */
export const exportCatalog = (format: 'xlsx' | 'jsonld', filters: ExportFilters) =>
  format === 'xlsx'
    ? api.download('/api/catalog/export.xlsx', 'catalog.xlsx', filters)
    : api.download('/api/catalog/catalog.jsonld', 'catalog.jsonld', filters);

/** Downloads the empty XLSX sheet departments fill in. */
export const downloadTemplate = () => api.download('/api/catalog/template.xlsx', 'catalog-template.xlsx');

/**
 * Imports a catalog file: an XLSX workbook as it is, a JSON-LD file as its parsed document. A dry run reports
 * what saving would do; any problem refuses the whole file (an ApiError whose fields are the problems).
 */
export async function importCatalog(file: File, dryRun: boolean): Promise<ImportResult> {
  const query = { dryRun: String(dryRun) };
  if (/\.xlsx$/i.test(file.name)) return api.upload<ImportResult>('/api/catalog/import.xlsx', query, file);
  return api.post<ImportResult>(`/api/catalog/import.jsonld?dryRun=${dryRun}`, JSON.parse(await file.text()));
}
