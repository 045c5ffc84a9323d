import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type {
  ActionInput,
  CaseAction,
  CaseChannel,
  CaseDetail,
  CaseStatus,
  CaseSummary,
  Category,
  IntakeInput,
  Satisfaction,
} from '../contract.ts';
import type { MediaUploaded } from '../media/contract.ts';

export type {
  ActionInput,
  CaseAction,
  CaseChannel,
  CaseDetail,
  CaseStatus,
  CaseSummary,
  Category,
  Satisfaction,
};
export type CaseStep = CaseDetail['steps'][number];
export type Urgency = CaseSummary['urgency'];

// Repeated rather than imported from the contract, whose zod schemas would be bundled into the console.
export const caseStatusList = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'replied',
  'reviewed',
  'closed',
  'returned',
  'suspended',
  'merged',
] as const satisfies readonly CaseStatus[];
export const caseChannelList = [
  'hotline',
  'grid',
  'open311',
  'sensor',
  'app',
  'import',
] as const satisfies readonly CaseChannel[];
export const urgencyList = ['normal', 'urgent', 'emergency'] as const satisfies readonly Urgency[];
export const satisfactionList = [
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
] as const satisfies readonly Satisfaction[];

/** Statuses in which a case is still on its way: its clock matters. */
export const openStatusList: readonly CaseStatus[] = caseStatusList.filter(
  (s) => s !== 'closed' && s !== 'merged',
);

/** Query keys start with this, so one invalidation refreshes every case view. */
export const casesKey = ['events', 'cases'] as const;

export const casesPath = '/events/cases';
export const deskPath = '/events/desk';
export const gridPath = '/events/grid';
/** The console path of one case. */
export const casePath = (number: string) => `${casesPath}/${encodeURIComponent(number)}`;

export type CaseFilters = {
  page: number;
  pageSize: number;
  q?: string;
  status?: string;
  channel?: string;
  category?: string;
  departmentId?: string;
  subdistrict?: string;
  clock?: string;
  inbox?: string;
  from?: string;
  to?: string;
  sort?: string;
  order?: string;
};

/** One page of the cases the user sees. */
export function useCasePage(filters: CaseFilters, enabled = true) {
  return useQuery({
    queryKey: [...casesKey, 'list', filters],
    queryFn: () => api.get<{ items: CaseSummary[]; total: number }>('/api/events/cases', filters),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** One case with its history and the actions the user may take now. */
export function useCase(number: string) {
  return useQuery({
    queryKey: [...casesKey, 'one', number],
    queryFn: () => api.get<CaseDetail>(`/api/events/cases/${encodeURIComponent(number)}`),
  });
}

/** The case categories (active and not), for pickers and code-to-name lookups. */
export function useCategories() {
  return useQuery({
    queryKey: ['events', 'categories'],
    queryFn: async () => (await api.get<{ items: Category[] }>('/api/events/categories')).items,
    staleTime: 5 * 60_000,
  });
}

export type Suggestion = {
  top: { category: string; name: string; departmentName: string | null; score: number }[];
  place: {
    lng: number;
    lat: number;
    subdistrictName: string | null;
    communityName: string | null;
    approximate: boolean;
  } | null;
};

/** Suggested categories and the resolved place for a text being typed (nothing asked for an empty text). */
export function useSuggestions(content: string, address: string) {
  return useQuery({
    queryKey: ['events', 'suggestions', content, address],
    queryFn: () => api.get<Suggestion>('/api/events/suggestions', { content, address }),
    enabled: content.length >= 4,
    placeholderData: (previous) => previous,
    staleTime: 60_000,
  });
}

export type Duplicate = CaseSummary & { distanceMetres: number | null; similarity: number };

/** Open cases that may be the same problem as the one being taken. */
export function useDuplicates(
  q: { content: string; categoryCode?: string; address?: string },
  enabled: boolean,
) {
  return useQuery({
    queryKey: ['events', 'duplicates', q],
    queryFn: () => api.get<{ items: Duplicate[] }>('/api/events/duplicates', q),
    enabled: enabled && q.content.length >= 4,
    placeholderData: (previous) => previous,
  });
}

type Intake = Partial<IntakeInput> & { content: string };

/** Opens a case at the desk (a 12345 call). */
export const takeCall = (input: Intake) => api.post<CaseDetail>('/api/events/cases', input);

/** A grid inspector's report from patrol. */
export const sendReport = (input: Intake) => api.post<CaseDetail>('/api/events/reports', input);

/** Takes an action on a case; the answer is the case as it is afterwards. */
export const actOnCase = (number: string, input: Partial<ActionInput> & { action: CaseAction }) =>
  api.post<CaseDetail>(`/api/events/cases/${encodeURIComponent(number)}/actions`, input);

/** The reporter's contact, unmasked (the server records who read it). */
export const readContact = (number: string) =>
  api.get<{ reporterName: string | null; reporterPhone: string | null; reporterEmail: string | null }>(
    `/api/events/cases/${encodeURIComponent(number)}/contact`,
  );

/** Uploads a photo as the raw body; the answer's URL goes into the case's mediaUrls. */
export const uploadPhoto = (file: Blob) => api.upload<MediaUploaded>('/api/events/media', {}, file);
