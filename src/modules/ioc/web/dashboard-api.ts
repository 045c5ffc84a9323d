import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { Dashboard } from '../contract.ts';

export type { Dashboard, Todo } from '../contract.ts';

/** The signed-in user's dashboard (to-dos, figures, cases by due time), shared by the home page's cards. */
export function useDashboard() {
  return useQuery({
    queryKey: ['ioc', 'dashboard'],
    // Counts of work others change too: read again on each visit of the home page and when its window regains focus.
    queryFn: () => api.get<Dashboard>('/api/ioc/dashboard'),
  });
}
