import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../src/modules/accounts/contract.ts';
import type { Department } from '../../../src/modules/org/contract.ts';
import { api } from '../api.ts';

/** The query key of the signed-in user, set by the sign-in page and read everywhere. */
export const meKey = ['auth', 'me'] as const;

/** The signed-in user; a missing session sends the browser to the sign-in page (see api.ts). */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => api.get<Me>('/api/auth/me'), staleTime: 5 * 60_000 });
}

/** The signed-in user, for components rendered only inside the signed-in layout. */
export function useSignedInUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInUser outside the signed-in layout');
  return data;
}

/** The signed-in user's department (no data when they belong to none). */
export function useMyDepartment() {
  const me = useSignedInUser();
  return useQuery({
    // Under the departments key, so editing departments refreshes the name in the header too.
    queryKey: ['departments', 'one', me.departmentId],
    queryFn: () => api.get<Department>(`/api/departments/${me.departmentId}`),
    enabled: me.departmentId !== null,
  });
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
