import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { ApiKeyCreated, ApiKeySummary } from '../keys/contract.ts';

export type { ApiKeySummary } from '../keys/contract.ts';

/** The console path of the Open311 keys page. */
export const keysPath = '/events/keys';

const keysKey = ['events', 'keys'] as const;

/** Every Open311 key (never the keys themselves). */
export function useApiKeys() {
  return useQuery({
    queryKey: keysKey,
    queryFn: () => api.get<{ items: ApiKeySummary[] }>('/api/events/keys'),
  });
}

/** The query key to invalidate after a change. */
export const apiKeysQueryKey = keysKey;

/** Makes a key; the answer holds the key, shown this once. */
export function createApiKey(name: string) {
  return api.post<ApiKeyCreated>('/api/events/keys', { name });
}

/** Revokes a key. */
export function revokeApiKey(id: number) {
  return api.post<ApiKeySummary>(`/api/events/keys/${id}/revoke`, {});
}
