import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type {
  EntityPage,
  License,
  LicenseIssue,
  LicenseStatus,
  LicenseTypeOption,
  Verification,
} from '../contract.ts';

export type { License, LicenseIssue, LicenseStatus, LicenseTypeOption, Verification };

// Repeated rather than imported from the contract, whose zod schemas would be bundled into the console.
export const licenseStatuses = ['valid', 'expired', 'revoked'] as const satisfies readonly LicenseStatus[];
export const holderIdTypes = ['111', '001'] as const;

/** Console paths of the licenses page, a citizen's own licenses and the public verification page. */
export const licensesPath = '/registry/licenses';
export const myLicensesPath = '/my-licenses';
export const verifyPath = '/verify';

/** Query keys start with this, so an issue or revocation refreshes every license view. */
export const licenseKey = ['registry', 'licenses'] as const;

export type LicenseFilters = {
  holder?: string;
  type?: string;
  status?: string;
  issuer?: string;
  page: number;
  pageSize: number;
  /** Asks for holders raw, with the reason: the server grants it for the licenses the caller may handle. */
  raw?: 'true';
  reason?: string;
};

/** One page of licenses, newest first; holders masked unless asked raw by one who may see them raw. */
export function useLicensePage(filters: LicenseFilters) {
  return useQuery({
    queryKey: [...licenseKey, 'list', filters],
    queryFn: () => api.get<{ items: License[]; total: number }>('/api/registry/licenses', filters),
    placeholderData: keepPreviousData,
  });
}

/** The signed-in citizen's own licenses (refused when the account has no ID number). */
export function useMyLicenses() {
  return useQuery({
    queryKey: [...licenseKey, 'mine'],
    queryFn: () => api.get<License[]>('/api/registry/licenses/mine'),
  });
}

/** The license types the signed-in user may issue (center staff: all, each with its department). */
export function useLicenseTypes() {
  return useQuery({
    queryKey: [...licenseKey, 'types'],
    queryFn: () => api.get<LicenseTypeOption[]>('/api/registry/licenses/types'),
    staleTime: 5 * 60_000,
  });
}

/**
 * Holders to pick for a license: people (111) or legal persons (001) matching what was typed, as the registry
 * shows them to this user (masked), with the ref the issue request names them by.
 */
export function useHolderSearch(holderIdType: string, term: string) {
  const registry = holderIdType === '111' ? 'population' : 'legal_person';
  return useQuery({
    queryKey: ['registry', registry, 'holder-search', term],
    queryFn: () => api.get<EntityPage>(`/api/registry/${registry}/entities`, { q: term, pageSize: 10 }),
    enabled: term.trim().length > 0,
  });
}

export const issueLicense = (input: LicenseIssue) => api.post<License>('/api/registry/licenses', input);
export const revokeLicense = (id: string, reason: string) =>
  api.post<License>(`/api/registry/licenses/${encodeURIComponent(id)}/revoke`, { reason });

/** What was typed or pasted, sent as QR content when it looks like one (OCL1:…), else as an identifier. */
export const verifyLicense = (text: string) => {
  const value = text.trim();
  return api.get<Verification>(
    '/api/public/licenses/verify',
    value.toUpperCase().startsWith('OCL1:') ? { qr: value } : { id: value },
  );
};
