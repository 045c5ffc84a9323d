import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import type { Department } from '../contract.ts';

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
