import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type {
  DirectoryService,
  Notice,
  NoticeInput,
  NoticePage,
  ServiceInput,
  ServicePage,
} from '../directory/contract.ts';

export type { DirectoryService, NoticeSummary } from '../directory/contract.ts';

/** The console paths of the directory's pages. */
export const servicesPath = '/citizen/services';
export const noticesPath = '/citizen/notices';

/** Query keys start with these, so one invalidation refreshes every list. */
export const servicesKey = ['directory', 'services'] as const;
export const noticesKey = ['directory', 'notices'] as const;

/** One page of the directory, inactive services too, with the categories of the search. */
export function useAdminServices(q: {
  q?: string;
  category?: string;
  state: string;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [...servicesKey, q],
    queryFn: () => api.get<ServicePage>('/api/citizen/admin/services', q),
    placeholderData: keepPreviousData,
  });
}

/** Every category in use (for the form's suggestions and the filter). */
export function useServiceCategories() {
  return useQuery({
    queryKey: [...servicesKey, 'categories'],
    queryFn: async () =>
      (await api.get<ServicePage>('/api/citizen/admin/services', { pageSize: 1 })).categories.map(
        (c) => c.category,
      ),
  });
}

/** Adds a service (`id` absent) or replaces one. */
export const saveService = (input: ServiceInput, id?: number) =>
  id === undefined
    ? api.post<DirectoryService>('/api/citizen/admin/services', input)
    : api.put<DirectoryService>(`/api/citizen/admin/services/${id}`, input);

/** Removes a service. */
export const deleteService = (id: number) => api.delete(`/api/citizen/admin/services/${id}`);

/** One page of notices, drafts too. */
export function useAdminNotices(q: { q?: string; state: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...noticesKey, q],
    queryFn: () => api.get<NoticePage>('/api/citizen/admin/notices', q),
    placeholderData: keepPreviousData,
  });
}

/** One notice in full (the list holds the start of its text only). */
export const fetchNotice = (id: number) => api.get<Notice>(`/api/citizen/admin/notices/${id}`);

/** Writes a new notice (a draft) or changes one. */
export const saveNotice = (input: NoticeInput, id?: number) =>
  id === undefined
    ? api.post<Notice>('/api/citizen/admin/notices', input)
    : api.put<Notice>(`/api/citizen/admin/notices/${id}`, input);

/** Publishes a draft, or takes a published notice back. */
export const setNoticePublished = (id: number, publish: boolean) =>
  api.post<Notice>(`/api/citizen/admin/notices/${id}/${publish ? 'publish' : 'unpublish'}`);

/** Removes a notice. */
export const deleteNotice = (id: number) => api.delete(`/api/citizen/admin/notices/${id}`);
