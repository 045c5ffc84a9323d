import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../../../web/m/api.ts';
import type { DistrictMap } from '../../org/contract.ts';
import type {
  PhotoUploaded,
  ReportDetail,
  ReportStage,
  ReportSuggestion,
  ReportSummary,
} from '../reports/contract.ts';

export type {
  ReportDetail,
  ReportStage,
  ReportStep,
  ReportSuggestion,
  ReportSummary,
} from '../reports/contract.ts';

/** Limits the server enforces too (reports/contract.ts), repeated here so the phone loads no schema code. */
export const REPORT_CONTENT_MIN = 10;
export const REPORT_CONTENT_MAX = 1000;
export const REPORT_PHOTOS_MAX = 6;

/** A photo's URL for an <img>: only its uploader may read it. */
export const photoUrl = (name: string) => `/api/citizen/photos/${name}`;

/** `value`, once it has stayed the same for `ms` (for asking the server while the resident types). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Suggested categories for the text and the place of the point, asked again as either changes. */
export function useReportSuggestions(text: string, point: { lng: number; lat: number } | null) {
  const q = { text: text.trim(), lng: point?.lng, lat: point?.lat };
  return useQuery({
    queryKey: ['citizen', 'report-suggestions', q],
    queryFn: () => api.get<ReportSuggestion>('/api/citizen/report-suggestions', q),
    enabled: q.text.length >= 4 || point !== null,
    placeholderData: (previous) => previous,
    staleTime: 60_000,
  });
}

/** The district's outline and subdistricts, for the map picker. */
export function useDistrictMap(enabled: boolean) {
  return useQuery({
    queryKey: ['divisions', 'map'],
    queryFn: () => api.get<DistrictMap>('/api/divisions/map'),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Sends one (already compressed) photo; answers its name. */
export const uploadPhoto = (photo: Blob) => api.post<PhotoUploaded>('/api/citizen/photos', photo);

export type NewReport = {
  content: string;
  categoryCode?: string;
  address?: string;
  lng?: number;
  lat?: number;
  photos: string[];
  contactPhone?: string;
};

/** Sends a report; the resident's list is stale afterwards. */
export function useCreateReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (report: NewReport) => api.post<ReportDetail>('/api/citizen/reports', report),
    onSuccess: (detail) => {
      client.setQueryData(['citizen', 'report', detail.number], detail);
      return client.invalidateQueries({ queryKey: ['citizen', 'reports'] });
    },
  });
}

const PAGE_SIZE = 10;

/** My reports, page after page (newest first), optionally of one stage. */
export function useMyReports(stage: ReportStage | undefined) {
  return useInfiniteQuery({
    queryKey: ['citizen', 'reports', stage ?? 'all'],
    queryFn: ({ pageParam }) =>
      api.get<{ items: ReportSummary[]; total: number }>('/api/citizen/reports', {
        page: pageParam,
        pageSize: PAGE_SIZE,
        status: stage,
      }),
    initialPageParam: 1,
    getNextPageParam: (last, pages) => (pages.length * PAGE_SIZE < last.total ? pages.length + 1 : undefined),
  });
}

/** One of my reports with its timeline. */
export function useMyReport(number: string) {
  return useQuery({
    queryKey: ['citizen', 'report', number],
    queryFn: () => api.get<ReportDetail>(`/api/citizen/reports/${encodeURIComponent(number)}`),
  });
}

/** Rates the reply to my report (回访). */
export function useRateReport(number: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rating: { satisfaction: string; comment?: string }) =>
      api.post<ReportDetail>(`/api/citizen/reports/${encodeURIComponent(number)}/rating`, rating),
    onSuccess: (detail) => {
      client.setQueryData(['citizen', 'report', number], detail);
      return client.invalidateQueries({ queryKey: ['citizen', 'reports'] });
    },
  });
}
