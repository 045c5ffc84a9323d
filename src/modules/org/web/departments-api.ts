import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { Department, DepartmentCreate, DepartmentUpdate, DistrictMap, Division } from '../contract.ts';

/** The kinds of department, in the order the console offers them. */
export const departmentKinds = [
  'center',
  'department',
  'subdistrict',
] as const satisfies readonly Department['kind'][];

/** Query keys start with this, so one invalidation refreshes every list and lookup of departments. */
export const departmentsKey = ['departments'] as const;

export type DepartmentFilters = {
  q?: string;
  kind?: string;
  active?: string;
  page: number;
  pageSize: number;
  sort: string;
};

/** One page of departments. */
export function useDepartmentPage(filters: DepartmentFilters) {
  return useQuery({
    queryKey: [...departmentsKey, 'page', filters],
    queryFn: () => api.get<{ items: Department[]; total: number }>('/api/departments', filters),
    placeholderData: (previous) => previous,
  });
}

/** Every department (the district has dozens, the API pages up to 500), for pickers and id-to-name lookups. */
export function useAllDepartments() {
  return useQuery({
    queryKey: [...departmentsKey, 'all'],
    queryFn: async () =>
      (await api.get<{ items: Department[] }>('/api/departments', { pageSize: 500 })).items,
    staleTime: 60_000,
  });
}

/** The district's subdistricts and towns, which subdistrict offices are tied to. */
export function useSubdistricts() {
  return useQuery({
    queryKey: ['divisions', 'subdistrict'],
    queryFn: () => api.get<Division[]>('/api/divisions', { level: 'subdistrict' }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The district's outline and its subdistricts' centres; the console shell asks under the same key for its title. */
export function useDistrictMap() {
  return useQuery({
    queryKey: ['divisions', 'map'],
    queryFn: () => api.get<DistrictMap>('/api/divisions/map'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Creates a department. */
export const createDepartment = (input: DepartmentCreate) => api.post<Department>('/api/departments', input);

/** Changes some fields of a department, or (de)activates it. */
export const updateDepartment = (id: number, changes: DepartmentUpdate) =>
  api.patch<Department>(`/api/departments/${id}`, changes);
