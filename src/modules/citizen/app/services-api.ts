import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../../../web/m/api.ts';
import type { DirectoryService, Notice, NoticePage, ServicePage } from '../directory/contract.ts';

export type { DirectoryService, Notice, NoticeSummary } from '../directory/contract.ts';

const PAGE = 20;
// A 404 is an answer (withdrawn, unknown): asking again would not change it.
const retryServerErrors = (count: number, error: Error) =>
  !(error instanceof ApiError && error.status < 500) && count < 1;

/** The directory's search, a page at a time as the resident scrolls; each page carries the categories' counts. */
export function useServices(q: string, category: string | null) {
  return useInfiniteQuery({
    queryKey: ['citizen', 'services', q, category],
    queryFn: ({ pageParam }) =>
      api.get<ServicePage>('/api/citizen/services', { q, category, page: pageParam, pageSize: PAGE }),
    initialPageParam: 1,
    getNextPageParam: (last, pages) => (pages.length * PAGE < last.total ? pages.length + 1 : undefined),
  });
}

/** One service. */
export function useService(id: string) {
  return useQuery({
    queryKey: ['citizen', 'services', 'one', id],
    queryFn: () => api.get<DirectoryService>(`/api/citizen/services/${encodeURIComponent(id)}`),
    retry: retryServerErrors,
  });
}

/** The published notices, pinned first, a page at a time. */
export function useNotices() {
  return useInfiniteQuery({
    queryKey: ['citizen', 'notices'],
    queryFn: ({ pageParam }) =>
      api.get<NoticePage>('/api/citizen/notices', { page: pageParam, pageSize: PAGE }),
    initialPageParam: 1,
    getNextPageParam: (last, pages) => (pages.length * PAGE < last.total ? pages.length + 1 : undefined),
  });
}

/** The newest few notices, for the home screen. */
export function useLatestNotices(count: number) {
  return useQuery({
    queryKey: ['citizen', 'notices', 'latest', count],
    queryFn: () => api.get<NoticePage>('/api/citizen/notices', { pageSize: count }),
    staleTime: 5 * 60_000,
  });
}

/** One notice. */
export function useNotice(id: string) {
  return useQuery({
    queryKey: ['citizen', 'notices', 'one', id],
    queryFn: () => api.get<Notice>(`/api/citizen/notices/${encodeURIComponent(id)}`),
    retry: retryServerErrors,
  });
}

/** A notice's day, as the center dates it. */
export const noticeDate = (iso: string | null, lang: 'zh' | 'en') =>
  iso
    ? new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', {
        timeZone: 'Asia/Shanghai',
        dateStyle: 'medium',
      }).format(new Date(iso))
    : '';
