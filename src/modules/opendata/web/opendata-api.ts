import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { OpenDataset, OpenOverview, OpenPage, OpenPreview, OpenProvider } from '../contract.ts';

export type { OpenFacetCount, OpenLicense, OpenSummary, OpenTerms } from '../contract.ts';
export type { OpenDataset, OpenOverview, OpenPage, OpenPreview, OpenProvider };

// Repeated rather than imported from the contract, whose zod schemas would be bundled into the console.
export const downloadFormats = ['csv', 'xlsx', 'json'] as const;
export const openSorts = ['updated', 'name', 'published', 'rows'] as const;

/** Console paths of the portal and of one dataset (by its public name). */
export const portalPath = '/open';
export const datasetPath = (name: string) => `/open/${encodeURIComponent(name)}`;

/** Query keys start with this. */
export const openKey = ['opendata'] as const;

export type OpenFilters = {
  q?: string;
  classification?: string;
  departmentId?: string;
  updateCycle?: string;
  sort: string;
  page: number;
  pageSize: number;
};

/** One page of open datasets. */
export function useOpenPage(filters: OpenFilters) {
  return useQuery({
    queryKey: [...openKey, 'page', filters],
    queryFn: () => api.get<OpenPage>('/api/open/resources', filters),
    placeholderData: keepPreviousData,
  });
}

/** The departments publishing open data, for the filter's names. */
export function useOpenProviders() {
  return useQuery({
    queryKey: [...openKey, 'providers'],
    queryFn: () => api.get<OpenProvider[]>('/api/open/providers'),
  });
}

/** The landing page's figures, the newest datasets, the license and the terms of use. */
export function useOpenOverview() {
  return useQuery({
    queryKey: [...openKey, 'overview'],
    queryFn: () => api.get<OpenOverview>('/api/open/overview'),
  });
}

const apiPath = (name: string) => `/api/open/resources/${encodeURIComponent(name)}`;

/** One open dataset. */
export function useOpenDataset(name: string) {
  return useQuery({
    queryKey: [...openKey, 'dataset', name],
    queryFn: () => api.get<OpenDataset>(apiPath(name)),
  });
}

/** The first rows of an open dataset. */
export function useOpenPreview(name: string) {
  return useQuery({
    queryKey: [...openKey, 'dataset', name, 'preview'],
    queryFn: () => api.get<OpenPreview>(`${apiPath(name)}/preview`),
  });
}
