import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../src/core/context.ts';
import { ApiError, api, setActingFor } from './api.ts';

/** Only paths inside the app are followed after sign-in (no open redirect). */
export const safeNext = (next: string | null) =>
  next?.startsWith('/') && !next.startsWith('//') ? next : '/';

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
  // Nothing fetched for the one before is kept. The query of who is signed in stays, and is set in place: pages
  // showing it (the sign-in page) must see the change, which they would not if the query were dropped and made anew.
  const forgetAllButMe = () => client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  return {
    async signIn(username: string, password: string) {
      const me = await api.post<SessionUser>('/api/auth/login', { username, password });
      setActingFor(null);
      forgetAllButMe();
      client.setQueryData(['me'], me);
      return me;
    },
    async signOut() {
      await api.post('/api/auth/logout');
      setActingFor(null);
      forgetAllButMe();
      client.setQueryData(['me'], null);
    },
  };
}
