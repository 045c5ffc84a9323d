import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { resourceQuery, useResource } from '../../catalog/web/index.ts';
import type {
  ComponentMap,
  ComponentMapQuery,
  Conflict,
  ConflictPage,
  ConflictQuery,
  EntityPage,
  EntityQuery,
  EntityView,
  PrecedenceItem,
  PrecedenceList,
  RegistryStatistics,
  RegistryStats,
  ResolveBody,
} from '../contract.ts';
import { isRegistryName, type RegistryName, registryNames } from '../feeds.ts';
import { registryPolicy } from '../policy.ts';

export type {
  ComponentMap,
  ComponentPoint,
  Conflict,
  EntityPage,
  EntitySummary,
  EntityView,
  PrecedenceItem,
  PrecedenceList,
  RegistryStatistics,
} from '../contract.ts';
export { isRegistryName, type RegistryName, registryNames };

// Repeated rather than imported from the contract, whose zod schemas would be bundled into the console.
export const conflictStatuses = ['open', 'resolved', 'superseded'] as const;

/** Query keys start with this, so one invalidation refreshes every registry view after a resolution. */
export const registryKey = ['registry'] as const;

const enc = encodeURIComponent;

/** The console path of a registry's search page, or of one of its sections. */
export const registryPath = (registry: string, section?: 'statistics' | 'quality' | 'precedence') =>
  `/registry/${registry}${section ? `/${section}` : ''}`;

/**
 * The console path of one entity's page, by the `ref` the API gave (a person's surrogate id, which only the server
 * can turn into the ID number; other entities' key). Dots are encoded too: the server takes a path ending in
 * `.<word>` (a license identifier's tail) for a file.
 */
export const entityPath = (registry: string, ref: string) =>
  `/registry/${registry}/${enc(ref).replaceAll('.', '%2E')}`;

/** The console path of the city components map. */
export const componentMapPath = '/registry/component/map';

/** The console path of the conflicts list. */
export const conflictsPath = '/registry/conflicts';

/** The console path of a batch's report (the aggregation module's page). */
export const batchPath = (id: number) => `/ingest/batches/${id}`;

/** Entity counts of the four registries. */
export function useRegistryStats() {
  return useQuery({
    queryKey: [...registryKey, 'stats'],
    queryFn: () => api.get<RegistryStats>('/api/registry/stats'),
  });
}

/** One page of a registry's entities matching the filters. */
export function useEntityPage(registry: RegistryName, query: EntityQuery) {
  return useQuery({
    queryKey: [...registryKey, registry, 'entities', query],
    queryFn: () => api.get<EntityPage>(`/api/registry/${registry}/entities`, query),
    placeholderData: keepPreviousData,
  });
}

/**
 * One entity, merged, with provenance, conflicts and history; `asOf` gives the version valid then. Personal items
 * come masked unless `rawReason` asks for them raw (the server grants it to those allowed and audits the view).
 */
export function useEntity(
  registry: RegistryName,
  ref: string,
  options: { asOf?: string; rawReason?: string | null },
) {
  return useQuery({
    queryKey: [...registryKey, registry, 'entity', ref, options],
    queryFn: () =>
      api.get<EntityView>(`/api/registry/${registry}/entities/${enc(ref)}`, {
        asOf: options.asOf,
        ...(options.rawReason ? { raw: 'true', reason: options.rawReason } : {}),
      }),
    placeholderData: keepPreviousData,
  });
}

/** A registry's counts by subdistrict, age band, status, class and industry (those it has). */
export function useStatistics(registry: RegistryName) {
  return useQuery({
    queryKey: [...registryKey, registry, 'statistics'],
    queryFn: () => api.get<RegistryStatistics>(`/api/registry/${registry}/statistics`),
  });
}

/** The city components with coordinates, filtered by class, status and subdistrict. */
export function useComponentMap(query: ComponentMapQuery) {
  return useQuery({
    queryKey: [...registryKey, 'component', 'map', query],
    queryFn: () => api.get<ComponentMap>('/api/registry/component/map', query),
    placeholderData: keepPreviousData,
  });
}

/** One page of conflicts between sources, filtered by registry and status. */
export function useConflictPage(query: ConflictQuery) {
  return useQuery({
    queryKey: [...registryKey, 'conflicts', query],
    queryFn: () => api.get<ConflictPage>('/api/registry/conflicts', query),
    placeholderData: keepPreviousData,
  });
}

/** Each item of a registry with its ordered sources, and the resources that feed the registry. */
export function usePrecedence(registry: RegistryName) {
  return useQuery({
    queryKey: [...registryKey, registry, 'precedence'],
    queryFn: () => api.get<PrecedenceList>(`/api/registry/${registry}/precedence`),
  });
}

/** Settles a conflict with one candidate's value; every registry view is fetched again. */
export function useResolveConflict() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ResolveBody & { id: number }) =>
      api.post<Conflict>(`/api/registry/conflicts/${id}/resolve`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKey }),
  });
}

/** Saves an item's ordered sources; every registry view is fetched again (entities may be merged anew). */
export function useSavePrecedence(registry: RegistryName) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ item, sources }: { item: string; sources: string[] }) =>
      api.put<PrecedenceItem>(`/api/registry/${registry}/precedence/${enc(item)}`, { sources }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKey }),
  });
}

/** The catalog resource behind a registry (its items, their enumerations and its provider department). */
export const useRegistryResource = (registry: RegistryName) => useResource(registry);

/** The allowed values of an item of a registry, from its catalog validator (statuses, classes). */
export function useItemOptions(registry: RegistryName, item: string): string[] {
  const resource = useRegistryResource(registry);
  return resource.data?.items.find((i) => i.code === item)?.validator?.enum ?? [];
}

/** Whether the signed-in user may ask for a registry's personal items unmasked (the API decides again). */
export function useMaySeeRaw(registry: RegistryName): boolean {
  const me = useSignedInUser();
  const resource = useRegistryResource(registry);
  return registryPolicy.maySeeRaw(me, {
    providerDepartmentId: resource.data?.providerDepartmentId ?? null,
  });
}

/** Names and departments of feeding resources by alias, as they arrive (conflicts and provenance name sources). */
export function useSourceNames(aliases: string[]) {
  const results = useQueries({
    queries: [...new Set(aliases)].map((alias) => ({ ...resourceQuery(alias), staleTime: 5 * 60_000 })),
  });
  return new Map(
    results.flatMap((r) =>
      r.data?.alias ? [[r.data.alias, { name: r.data.name, department: r.data.providerDepartmentName }]] : [],
    ),
  );
}
