import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../src/core/context.ts';
import { ApiError, api, setActingFor } from './api.ts';

/** The signed-in resident, or null when nobody is signed in (a 401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: () =>
      api.get<SessionUser>('/api/auth/me').catch((err) => {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }),
    staleTime: 60_000,
  });
}

/** Sign-in and sign-out, refreshing everything the app knows about the resident. */
export function useSession() {
  const client = useQueryClient();
  return {
    async signIn(username: string, password: string) {
      const me = await api.post<SessionUser>('/api/auth/login', { username, password });
      setActingFor(null);
      client.clear();
      client.setQueryData(['me'], me);
      return me;
    },
    async signOut() {
      await api.post('/api/auth/logout');
      setActingFor(null);
      client.clear();
      client.setQueryData(['me'], null);
    },
  };
}
