import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { DailyUsage, OutcomeUsage, RecentCalls, TopConsumers, UsageChoices } from '../usage/contract.ts';

export type {
  DailyUsage,
  OutcomeUsage,
  RecentCall,
  RecentCalls,
  TopConsumers,
  UsageChoices,
} from '../usage/contract.ts';

export const usagePath = '/sharing/usage';
/** The route of a resource's API documentation page. */
export const apiDocsRoute = '/sharing/resources/:resource/api';
/** The API documentation page of a resource (code or alias). */
export const apiDocsPath = (resource: string) => `/sharing/resources/${encodeURIComponent(resource)}/api`;

/** The filters of the usage page, as the URL keeps them (empty strings are "all"). */
export type UsageParams = { days: string; resource: string; consumer: string };

const usageQuery = (p: UsageParams) => ({ days: p.days, resource: p.resource, consumer: p.consumer });

/** The resources and consumer departments the caller may filter usage by. */
export function useUsageChoices() {
  return useQuery({
    queryKey: ['sharing', 'usage', 'choices'],
    queryFn: () => api.get<UsageChoices>('/api/sharing/usage/choices'),
  });
}

/** Calls per day of the window, by resource or by consumer department. */
export function useDailyUsage(p: UsageParams, by: 'resource' | 'consumer') {
  return useQuery({
    queryKey: ['sharing', 'usage', 'daily', by, p],
    queryFn: () => api.get<DailyUsage>('/api/sharing/usage/daily', { ...usageQuery(p), by }),
    placeholderData: keepPreviousData,
  });
}

/** Calls per outcome (served or the refusal code). */
export function useOutcomeUsage(p: UsageParams) {
  return useQuery({
    queryKey: ['sharing', 'usage', 'outcomes', p],
    queryFn: () => api.get<OutcomeUsage>('/api/sharing/usage/outcomes', usageQuery(p)),
    placeholderData: keepPreviousData,
  });
}

/** The consumer departments calling the most. */
export function useTopConsumers(p: UsageParams) {
  return useQuery({
    queryKey: ['sharing', 'usage', 'top', p],
    queryFn: () => api.get<TopConsumers>('/api/sharing/usage/top-consumers', usageQuery(p)),
    placeholderData: keepPreviousData,
  });
}

/** One page of the logged calls, newest first. */
export function useRecentCalls(q: {
  page: string;
  pageSize: string;
  resource: string;
  consumer: string;
  outcome: string;
}) {
  return useQuery({
    queryKey: ['sharing', 'usage', 'calls', q],
    queryFn: () => api.get<RecentCalls>('/api/sharing/usage/calls', q),
    placeholderData: keepPreviousData,
  });
}

/** The parts of a resource's OpenAPI document the documentation page shows. */
export type ShareOpenApi = {
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<
    string,
    {
      get: {
        summary: string;
        description: string;
        parameters: { name: string; in: string; description: string }[];
        responses: Record<string, { description: string }>;
        'x-codeSamples': { source: string }[];
      };
    }
  >;
  components: {
    schemas: {
      Values: {
        properties: Record<
          string,
          {
            description: string;
            'x-item-name': string;
            'x-item-type': string;
            'x-personal': boolean;
            'x-masked': boolean;
            'x-granted'?: boolean;
          }
        >;
      };
    };
  };
};

/** The OpenAPI document of a resource's sharing endpoints, as the signed-in user's grant shapes it. */
export function useShareOpenApi(resource: string) {
  return useQuery({
    queryKey: ['sharing', 'openapi', resource],
    queryFn: () =>
      api.get<ShareOpenApi>(`/api/sharing/resources/${encodeURIComponent(resource)}/openapi.json`),
  });
}
