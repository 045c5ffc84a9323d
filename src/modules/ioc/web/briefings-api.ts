import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { BriefingKind, BriefingSummary } from '../contract.ts';

export type { BriefingKind, BriefingSummary } from '../contract.ts';

const briefingsKey = ['ioc', 'briefings'] as const;

/** The query key to invalidate after a briefing is generated. */
export const briefingsQueryKey = briefingsKey;

/** One page of the briefings archive, of one kind or all. */
export function useBriefings(q: { kind?: BriefingKind; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...briefingsKey, q],
    queryFn: () => api.get<{ items: BriefingSummary[]; total: number }>('/api/ioc/briefings', q),
    placeholderData: keepPreviousData,
  });
}

/** Generates the briefing of a period ('2026-W49' or '2026-11') now. */
export function generateBriefing(period: string) {
  return api.post<BriefingSummary>('/api/ioc/briefings', { period });
}

/** Where a briefing's document is downloaded (the session cookie goes with a plain link). */
export const documentUrl = (id: number, format: 'docx' | 'pdf') => `/api/ioc/briefings/${id}/${format}`;
