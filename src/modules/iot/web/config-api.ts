import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { Profile, Rule, RuleInput, RuleUpdate } from './iot-types.ts';

export const profilesKey = ['iot', 'profiles'] as const;
export const rulesKey = ['iot', 'rules'] as const;

export const profilesPath = '/iot/profiles';
export const rulesPath = '/iot/rules';

/** Every device profile (few, rarely changed). */
export function useProfiles() {
  return useQuery({
    queryKey: profilesKey,
    queryFn: async () => (await api.get<{ items: Profile[] }>('/api/iot/profiles')).items,
    staleTime: 60_000,
  });
}

/** Changes how long a profile's raw data is kept and when its devices count as offline. */
export const updateProfile = (code: string, input: { retentionDays?: number; offlineMinutes?: number }) =>
  api.patch<Profile>(`/api/iot/profiles/${encodeURIComponent(code)}`, input);

/** The rules of a profile (every rule when none is given) or of one device. */
export function useRules(filters: { profile?: string; device?: string }) {
  return useQuery({
    queryKey: [...rulesKey, filters],
    queryFn: async () => (await api.get<{ items: Rule[] }>('/api/iot/rules', filters)).items,
    placeholderData: (previous) => previous,
  });
}

export const createRule = (input: RuleInput) => api.post<Rule>('/api/iot/rules', input);
export const updateRule = (id: number, input: RuleUpdate) => api.patch<Rule>(`/api/iot/rules/${id}`, input);
export const deleteRule = (id: number) => api.delete(`/api/iot/rules/${id}`);

/** A profile's name in the user's language. */
export const profileName = (p: Pick<Profile, 'name' | 'nameEn'>, language: string) =>
  language.startsWith('zh') ? p.name : p.nameEn;
