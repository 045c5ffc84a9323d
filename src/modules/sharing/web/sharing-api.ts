import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type {
  ApplicationDetail,
  ApplicationInput,
  ApplicationPage,
  ApplicationScope,
  ApplicationStatus,
  CreatedCredential,
  Credential,
  DecisionInput,
  GrantDetail,
  GrantPage,
  GrantScope,
  GrantStatus,
  LimitsInput,
  Notification,
  NotificationPage,
} from '../contract.ts';

export type {
  Application,
  ApplicationDetail,
  ApplicationScope,
  ApplicationStatus,
  Credential,
  Decision,
  Grant,
  GrantDetail,
  GrantScope,
  GrantStatus,
  Notification,
} from '../contract.ts';

// Repeated rather than imported from the contract, whose zod schemas would be bundled into the console.
export const applicationStatusList = [
  'pending_provider',
  'pending_center',
  'approved',
  'rejected',
  'withdrawn',
] as const satisfies readonly ApplicationStatus[];
export const grantStatusList = [
  'active',
  'not_yet_valid',
  'expired',
  'revoked',
] as const satisfies readonly GrantStatus[];

/** Query keys start with this, so one invalidation refreshes every sharing view. */
export const sharingKey = ['sharing'] as const;

export const applicationsPath = '/sharing/applications';
export const grantsPath = '/sharing/grants';
export const notificationsPath = '/sharing/notifications';
/** The console path of an application, a grant, and the apply form of a resource (alias or code). */
export const applicationPath = (id: number) => `${applicationsPath}/${id}`;
export const grantPath = (id: number) => `${grantsPath}/${id}`;
export const applyPath = (resource: string) => `/sharing/apply/${encodeURIComponent(resource)}`;

export type ApplicationFilters = {
  scope?: ApplicationScope;
  status?: string;
  q?: string;
  sort?: string;
  page: number;
  pageSize: number;
};

/** One page of applications. */
export function useApplicationPage(filters: ApplicationFilters) {
  return useQuery({
    queryKey: [...sharingKey, 'applications', filters],
    queryFn: () => api.get<ApplicationPage>('/api/sharing/applications', filters),
    placeholderData: (previous) => previous,
  });
}

/** One application with its decisions and grant. */
export function useApplication(id: number) {
  return useQuery({
    queryKey: [...sharingKey, 'application', id],
    queryFn: () => api.get<ApplicationDetail>(`/api/sharing/applications/${id}`),
  });
}

export type GrantFilters = { scope?: GrantScope; status?: string; page: number; pageSize: number };

/** One page of grants. */
export function useGrantPage(filters: GrantFilters) {
  return useQuery({
    queryKey: [...sharingKey, 'grants', filters],
    queryFn: () => api.get<GrantPage>('/api/sharing/grants', filters),
    placeholderData: (previous) => previous,
  });
}

/** One grant. */
export function useGrant(id: number) {
  return useQuery({
    queryKey: [...sharingKey, 'grant', id],
    queryFn: () => api.get<GrantDetail>(`/api/sharing/grants/${id}`),
  });
}

/** A grant's credentials (key ids and states only). */
export function useCredentials(grantId: number, enabled: boolean) {
  return useQuery({
    queryKey: [...sharingKey, 'credentials', grantId],
    queryFn: () => api.get<{ items: Credential[] }>(`/api/sharing/grants/${grantId}/credentials`),
    enabled,
  });
}

/** One page of the caller's notifications, unread first. */
export function useNotifications(filters: { unread?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...sharingKey, 'notifications', filters],
    queryFn: () => api.get<NotificationPage>('/api/sharing/notifications', filters),
    placeholderData: (previous) => previous,
  });
}

/** The caller's unread count, refreshed every minute for the header bell. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...sharingKey, 'notifications', 'unread'],
    queryFn: () => api.get<{ unread: number }>('/api/sharing/notifications/unread-count'),
    refetchInterval: 60_000,
    enabled,
  });
}

/** Applies for a resource. */
export const applyFor = (
  input: Omit<ApplicationInput, 'rawItems' | 'rowFilter'> & Partial<ApplicationInput>,
) => api.post<ApplicationDetail>('/api/sharing/applications', input);

/** Approves or rejects the stage an application waits at. */
export const decideApplication = (id: number, input: DecisionInput) =>
  api.post<ApplicationDetail>(`/api/sharing/applications/${id}/decide`, input);

/** Withdraws a pending application. */
export const withdrawApplication = (id: number, reason?: string) =>
  api.post<ApplicationDetail>(`/api/sharing/applications/${id}/withdraw`, reason ? { reason } : {});

/** Revokes a grant. */
export const revokeGrant = (id: number, reason: string) =>
  api.post<GrantDetail>(`/api/sharing/grants/${id}/revoke`, { reason });

/** Changes a grant's rate limit and daily quota. */
export const setGrantLimits = (id: number, limits: LimitsInput) =>
  api.patch<GrantDetail>(`/api/sharing/grants/${id}/limits`, limits);

/** Creates a credential (rotating any live one); the secret is in this answer only. */
export const createCredential = (grantId: number) =>
  api.post<CreatedCredential>(`/api/sharing/grants/${grantId}/credentials`);

/** Revokes a credential. */
export const revokeCredential = (id: number) => api.post<Credential>(`/api/sharing/credentials/${id}/revoke`);

/** Marks one notification read. */
export const markNotificationRead = (id: number) =>
  api.post<Notification>(`/api/sharing/notifications/${id}/read`);

/** Marks all the caller's notifications read. */
export const markAllNotificationsRead = () =>
  api.post<{ marked: number }>('/api/sharing/notifications/read-all');
