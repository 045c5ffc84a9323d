import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, actingFor, api } from '../../../../web/m/api.ts';
import type {
  License,
  LicenseShare,
  ShareCreated,
  SharedLicense,
  WalletLicenses,
} from '../wallet/contract.ts';

export type { License, LicenseShare, ShareCreated, SharedLicense } from '../wallet/contract.ts';

/** How long a link may live, as the share sheet offers it (hours). */
export const shareDurations = [
  { hours: 1, label: 'share.hour' },
  { hours: 24, label: 'share.day' },
  { hours: 168, label: 'share.week' },
] as const;

// The company acted for is part of every key: switching to it shows its licenses, not cached ones.
const walletKey = () => ['citizen', 'wallet', actingFor() ?? 'me'] as const;

/** The licenses of whom the resident acts as. */
export function useWallet() {
  return useQuery({
    queryKey: walletKey(),
    queryFn: () => api.get<WalletLicenses>('/api/citizen/licenses'),
  });
}

/** One of my licenses, with its QR payload. */
export function useWalletLicense(id: string) {
  return useQuery({
    queryKey: [...walletKey(), id],
    queryFn: () => api.get<License>(`/api/citizen/licenses/${encodeURIComponent(id)}`),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
  });
}

/** The links I made to one license. */
export function useShares(id: string) {
  return useQuery({
    queryKey: [...walletKey(), id, 'shares'],
    queryFn: async () =>
      (await api.get<{ items: LicenseShare[] }>(`/api/citizen/licenses/${encodeURIComponent(id)}/shares`))
        .items,
  });
}

/** Making and withdrawing links, refreshing the list after. */
export function useShareActions(id: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: [...walletKey(), id, 'shares'] });
  return {
    async create(hours: number, purpose?: string) {
      const made = await api.post<ShareCreated>(`/api/citizen/licenses/${encodeURIComponent(id)}/shares`, {
        hours,
        ...(purpose ? { purpose } : {}),
      });
      await refresh();
      return made;
    },
    async revoke(shareId: number) {
      await api.delete(`/api/citizen/shares/${shareId}`);
      await refresh();
    },
  };
}

/** What a link shows (public: whoever has the link). Errors (gone, unknown) are answers, not retried. */
export function useSharedLicense(token: string) {
  return useQuery({
    queryKey: ['citizen', 'shared', token],
    queryFn: () => api.get<SharedLicense>(`/api/public/license-shares/${encodeURIComponent(token)}`),
    retry: false,
  });
}

/**
 * The app's path of one license. An identifier ends in `.<check character>`, which the server would take for a file
 * extension (and answer 404 on a reload); the closing slash keeps it a page.
 */
export const licensePath = (id: string) => `/licenses/${encodeURIComponent(id)}/`;

/** The full address of a link the server gave as a path. */
export const absoluteLink = (path: string) => new URL(path, window.location.origin).toString();

/** A date (YYYY-MM-DD or ISO) as a day; a timestamp as day and minute, in the district's time. */
export function shortDate(value: string, withTime = false, lang: 'zh' | 'en' = 'zh') {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    ...(withTime && { timeStyle: 'short' }),
  }).format(new Date(value));
}
