import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../../web/kit/api.ts';
import type { User, UserCreate, UserUpdate, userWithPassword } from '../contract.ts';

/** Query keys start with this, so one invalidation refreshes every user list. */
export const usersKey = ['users'] as const;

export type UserFilters = {
  q?: string;
  departmentId?: string;
  role?: string;
  active?: string;
  page: number;
  pageSize: number;
  sort: string;
};

/** A user with the password the server generated for them, shown once (null when the admin chose it). */
export type UserWithPassword = z.infer<typeof userWithPassword>;

/** One page of users. */
export function useUserPage(filters: UserFilters) {
  return useQuery({
    queryKey: [...usersKey, 'page', filters],
    queryFn: () => api.get<{ items: User[]; total: number }>('/api/users', filters),
    placeholderData: (previous) => previous,
  });
}

/** Creates a user. */
export const createUser = (input: UserCreate) => api.post<UserWithPassword>('/api/users', input);

/** Changes a user's name, department, roles, or enables/disables the account. */
export const updateUser = (id: number, changes: UserUpdate) => api.patch<User>(`/api/users/${id}`, changes);

/** Gives a user a new generated password they must change at next sign-in. */
export const resetPassword = (id: number) => api.post<UserWithPassword>(`/api/users/${id}/password`, {});

/** Lifts the lock that repeated failed sign-ins put on an account. */
export const unlockUser = (id: number) => api.post<User>(`/api/users/${id}/unlock`, {});
