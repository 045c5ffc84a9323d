import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { AuditEntry, VerifyResult } from '../contract.ts';

export type AuditFilters = {
  actor?: string;
  action?: string;
  outcome?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  sort: string;
};

/** One page of audit entries. */
export function useAuditPage(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', 'page', filters],
    queryFn: () => api.get<{ items: AuditEntry[]; total: number }>('/api/audit', filters),
    placeholderData: (previous) => previous,
  });
}

/** The action codes the log holds, for the action filter. */
export function useAuditActions() {
  return useQuery({ queryKey: ['audit', 'actions'], queryFn: () => api.get<string[]>('/api/audit/actions') });
}

/** Recomputes the hash chain over the whole log. */
export const verifyChain = () => api.get<VerifyResult>('/api/audit/verify');
