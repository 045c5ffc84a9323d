import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { DistrictMap } from '../../org/contract.ts';
import type {
  CaseMap,
  Category,
  CategoryCreate,
  CategoryUpdate,
  DispatchRule,
  DispatchRuleInput,
  Statistics,
  WarningList,
} from '../contract.ts';

/** The statistics page's filters, as the API takes them. */
export type StatsFilters = {
  from?: string;
  to?: string;
  category?: string;
  channel?: string;
  departmentId?: number;
};

/** The figures, trend and tables for the filters. */
export function useStatistics(filters: StatsFilters) {
  return useQuery({
    queryKey: ['events', 'statistics', filters],
    queryFn: () => api.get<Statistics>('/api/events/statistics', filters),
    placeholderData: (previous) => previous,
  });
}

/** Points and heat cells of the cases for the filters. */
export function useCaseMap(filters: StatsFilters) {
  return useQuery({
    queryKey: ['events', 'statistics-map', filters],
    queryFn: () => api.get<CaseMap>('/api/events/statistics/map', filters),
    placeholderData: (previous) => previous,
  });
}

/** Downloads the per-department and per-subdistrict tables as XLSX. */
export const downloadStatistics = (filters: StatsFilters) =>
  api.download('/api/events/statistics/export', 'cases-statistics.xlsx', filters);

/** The district's outline (the same query key as the org module's map, so it is fetched once). */
export function useDistrictOutline() {
  return useQuery({
    queryKey: ['divisions', 'map'],
    queryFn: () => api.get<DistrictMap>('/api/divisions/map'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The clusters of similar cases now (early warning). */
export function useWarnings(rule: { minCases?: number; radiusMetres?: number; days?: number }) {
  return useQuery({
    queryKey: ['events', 'warnings', rule],
    queryFn: () => api.get<WarningList>('/api/events/warnings', rule),
    refetchInterval: 60_000,
  });
}

export const categoriesKey = ['events', 'categories'] as const;

/** Every category. */
export function useCategories() {
  return useQuery({
    queryKey: categoriesKey,
    queryFn: async () => (await api.get<{ items: Category[] }>('/api/events/categories')).items,
    staleTime: 30_000,
  });
}

/** Every dispatch rule. */
export function useDispatchRules() {
  return useQuery({
    queryKey: [...categoriesKey, 'rules'],
    queryFn: async () => (await api.get<{ items: DispatchRule[] }>('/api/events/dispatch-rules')).items,
  });
}

export const createCategory = (input: CategoryCreate) => api.post<Category>('/api/events/categories', input);
export const updateCategory = (code: string, input: CategoryUpdate) =>
  api.patch<Category>(`/api/events/categories/${encodeURIComponent(code)}`, input);
export const setDispatchRule = (input: DispatchRuleInput) =>
  api.put<DispatchRule>('/api/events/dispatch-rules', input);
export const removeDispatchRule = (id: number) => api.delete(`/api/events/dispatch-rules/${id}`);
