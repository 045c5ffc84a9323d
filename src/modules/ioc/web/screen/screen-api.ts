import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../../web/kit/api.ts';
import type { BoundaryCollection, DistrictMap } from '../../../org/contract.ts';
import type { FeedItem, ScreenMap, ScreenMode, ScreenSummary, ScreenTrends } from '../../contract.ts';

/** Every query of the screen starts with this key, so a reconnect refetches them all at once. */
export const screenKey = ['ioc', 'screen'] as const;
export const summaryKey = [...screenKey, 'summary'] as const;
export const trendsKey = [...screenKey, 'trends'] as const;
export const mapKey = [...screenKey, 'map'] as const;
export const feedKey = [...screenKey, 'feed'] as const;
export const modeKey = [...screenKey, 'mode'] as const;
const outlineKey = ['ioc', 'outline'] as const;

/** The live stream's address (server-sent events, one ScreenEvent per message). */
export const streamUrl = '/api/ioc/stream';

/** The most feed lines kept: the screen runs for weeks, and the feed must not grow with them. */
export const FEED_CAP = 40;

export type Feed = { items: FeedItem[] };

// Nothing here polls or refetches on its own: the stream says what changed (see live.ts). A failed load is retried
// with a growing pause, as a wall display has nobody to press a button.
const live = {
  staleTime: Number.POSITIVE_INFINITY,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  retry: true,
  retryDelay: (failures: number) => Math.min(30_000, 1000 * 2 ** failures),
} as const;

/** Every panel's figures. */
export function useSummary() {
  return useQuery({
    queryKey: summaryKey,
    queryFn: () => api.get<ScreenSummary>('/api/ioc/summary'),
    ...live,
  });
}

/** 30 days of daily figures. */
export function useTrends() {
  return useQuery({ queryKey: trendsKey, queryFn: () => api.get<ScreenTrends>('/api/ioc/trends'), ...live });
}

/** The map's layers. */
export function useScreenMap() {
  return useQuery({ queryKey: mapKey, queryFn: () => api.get<ScreenMap>('/api/ioc/map'), ...live });
}

/** The newest alarms and cases, newest first, at most FEED_CAP of them. */
export function useFeed() {
  return useQuery({
    queryKey: feedKey,
    queryFn: async () => {
      const feed = await api.get<Feed>('/api/ioc/feed');
      return { items: feed.items.slice(0, FEED_CAP) };
    },
    ...live,
  });
}

/** Routine or emergency, with the incident. */
export function useMode() {
  return useQuery({ queryKey: modeKey, queryFn: () => api.get<ScreenMode>('/api/ioc/mode'), ...live });
}

/** The district's outline and name (changes only with the district's set-up). */
export function useDistrict() {
  return useQuery({
    queryKey: [...outlineKey, 'district'],
    queryFn: () => api.get<DistrictMap>('/api/divisions/map'),
    ...live,
  });
}

/**
 * The subdistricts' and communities' boundaries (uploaded or approximate). Failing, the map still draws the
 * district's outline: it is no reason to leave the wall blank.
 */
export function useBoundaries() {
  return useQuery({
    queryKey: [...outlineKey, 'boundaries'],
    queryFn: async () => {
      const [subdistricts, communities] = await Promise.all([
        api.get<BoundaryCollection>('/api/org/boundaries', { level: 'subdistrict' }),
        api.get<BoundaryCollection>('/api/org/boundaries', { level: 'community' }),
      ]);
      return { subdistricts, communities };
    },
    ...live,
    retry: 2,
  });
}
export type Boundaries = { subdistricts: BoundaryCollection; communities: BoundaryCollection };
