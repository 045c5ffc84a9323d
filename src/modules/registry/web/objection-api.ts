import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type {
  Objection,
  ObjectionDetail,
  ObjectionInput,
  ObjectionPage,
  ObjectionScope,
  ObjectionStatus,
  QualityReport,
} from '../contract.ts';

export { entityPath } from './registry-api.ts';

export type { Objection, ObjectionDetail, ObjectionScope, ObjectionStatus, QualityReport };

// Repeated rather than imported from the contract, whose zod schemas would be bundled into the console.
export const objectionStatusList = [
  'open',
  'accepted',
  'rejected',
  'closed',
] as const satisfies readonly ObjectionStatus[];
export const registryList = ['population', 'legal_person', 'license', 'component'] as const;

/** Query keys start with this, so one invalidation refreshes every objection view. */
export const objectionsKey = ['registry', 'objections'] as const;

/** The console path of an objection. */
export const objectionPath = (id: number) => `/registry/objections/${id}`;

export type ObjectionFilters = {
  scope?: ObjectionScope;
  status?: string;
  registry?: string;
  page: number;
  pageSize: number;
};

/** One page of objections, newest first. */
export function useObjectionPage(filters: ObjectionFilters) {
  return useQuery({
    queryKey: [...objectionsKey, 'list', filters],
    queryFn: () => api.get<ObjectionPage>('/api/registry/objections', filters),
    placeholderData: (previous) => previous,
  });
}

/**
 * One objection with its timeline; masked unless `rawReason` asks for it raw (the server grants it to the parties
 * that may see it raw and audits the view).
 */
export function useObjection(id: number, rawReason: string | null = null) {
  return useQuery({
    queryKey: [...objectionsKey, 'one', id, rawReason],
    queryFn: () =>
      api.get<ObjectionDetail>(
        `/api/registry/objections/${id}`,
        rawReason === null ? {} : { raw: 'true', reason: rawReason },
      ),
    placeholderData: (previous) => previous,
  });
}

/** The quality figures of a registry (computed on the server over all its entities). */
export function useRegistryQuality(registry: string) {
  return useQuery({
    queryKey: ['registry', 'quality', registry],
    queryFn: () => api.get<QualityReport>(`/api/registry/${encodeURIComponent(registry)}/quality`),
    staleTime: 60_000,
  });
}

/** Raises an objection. */
export const raiseObjection = (input: ObjectionInput) =>
  api.post<Objection>('/api/registry/objections', input);

/** Accepts or rejects an objection with an answer. */
export const answerObjection = (id: number, verdict: 'accept' | 'reject', answer: string) =>
  api.post<ObjectionDetail>(`/api/registry/objections/${id}/${verdict}`, { answer });

/** Closes an answered objection. */
export const closeObjection = (id: number, note?: string) =>
  api.post<ObjectionDetail>(`/api/registry/objections/${id}/close`, note ? { note } : {});

/** Adds a comment to an objection's timeline. */
export const commentObjection = (id: number, note: string) =>
  api.post<ObjectionDetail>(`/api/registry/objections/${id}/comment`, { note });
