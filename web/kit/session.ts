import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../src/core/context.ts';
import { api } from './api.ts';

/** The query key of the signed-in user, set by the sign-in page and read everywhere. */
export const meKey = ['auth', 'me'] as const;

/** The signed-in user; a missing session sends the browser to the sign-in page (see api.ts). */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => api.get<SessionUser>('/api/auth/me'), staleTime: 5 * 60_000 });
}

/** The signed-in user, for components rendered only inside the signed-in layout. */
export function useSignedInUser(): SessionUser {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInUser outside the signed-in layout');
  return data;
}

/** Signs out, forgets every cached answer and returns to the sign-in page. */
export function useLogout() {
  const queryClient = useQueryClient();
  return async () => {
    // The session may have ended already; the user wants out either way.
    await api.post('/api/auth/logout').catch(() => undefined);
    queryClient.clear();
    window.location.assign('/login?reason=signed_out');
  };
}
