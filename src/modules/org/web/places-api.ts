import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { BoundaryCollection, BoundaryUploadResult, ResolvedPlace } from '../contract.ts';

/** Query keys of places start with this, so an upload refreshes every map and list. */
export const placesKey = ['org', 'places'] as const;

export type PlaceLevel = 'subdistrict' | 'community';

/** The boundaries of one level (communities of one subdistrict), uploaded or approximate. */
export function useBoundaries(level: PlaceLevel, parent?: string) {
  return useQuery({
    queryKey: [...placesKey, 'boundaries', level, parent ?? ''],
    queryFn: () => api.get<BoundaryCollection>('/api/org/boundaries', { level, parent }),
    enabled: level === 'subdistrict' || !!parent,
  });
}

/** Resolves an address (the page's trial box). */
export function useResolvedAddress(address: string) {
  return useQuery({
    queryKey: [...placesKey, 'resolve', address],
    queryFn: () => api.get<ResolvedPlace | null>('/api/org/places/resolve', { address }),
    enabled: address.trim() !== '',
  });
}

/** Uploads a GeoJSON FeatureCollection of boundaries. */
export const uploadBoundaries = (geojson: unknown) =>
  api.put<BoundaryUploadResult>('/api/org/boundaries', geojson);

/** Removes the uploaded boundary of a division (it falls back to its approximate cell). */
export const removeBoundary = (code: string) =>
  api.delete(`/api/org/boundaries?code=${encodeURIComponent(code)}`);
