// What the forms pages read and write, and small helpers they share. Types only from the contract: zod stays out
// of the phone's bundle.
import { useQuery } from '@tanstack/react-query';
import { actingFor, api } from '../../../../web/m/api.ts';
import type {
  AvailableForms,
  FormToFill,
  RememberedList,
  SubmissionDetail,
  SubmissionPage,
} from '../filling/contract.ts';

/** Where a resident corrects their registry information (数据纠错): the citizen module's "My information". */
export const MY_INFORMATION_PATH = '/profile';

/** The query keys of the forms pages, per subject acted as: switching to a company never shows the person's data. */
export const formsKeys = {
  all: ['forms'] as const,
  available: () => ['forms', actingFor(), 'available'] as const,
  fill: (code: string) => ['forms', actingFor(), 'fill', code] as const,
  submissions: () => ['forms', actingFor(), 'submissions'] as const,
  submission: (id: number) => ['forms', actingFor(), 'submission', id] as const,
  remembered: () => ['forms', actingFor(), 'remembered'] as const,
};

export const SUBMISSIONS_PAGE = 20;

/** The forms the resident (or their company) can fill now. */
export const useAvailableForms = () =>
  useQuery({
    queryKey: formsKeys.available(),
    queryFn: () => api.get<AvailableForms>('/api/forms/available'),
  });

/** One form, prefilled (refetched each time the page opens: the registries may have changed). */
export const useFormToFill = (code: string) =>
  useQuery({
    queryKey: formsKeys.fill(code),
    queryFn: () => api.get<FormToFill>(`/api/forms/available/${encodeURIComponent(code)}`),
    staleTime: 0,
    retry: false,
  });

/** One of my submissions. */
export const useSubmission = (id: number) =>
  useQuery({
    queryKey: formsKeys.submission(id),
    queryFn: () => api.get<SubmissionDetail>(`/api/forms/submissions/${id}`),
    retry: false,
  });

/** A page of my submissions. */
export const fetchSubmissions = (page: number) =>
  api.get<SubmissionPage>('/api/forms/submissions', { page, pageSize: SUBMISSIONS_PAGE });

/** The answers I agreed to have reused. */
export const useRemembered = () =>
  useQuery({
    queryKey: formsKeys.remembered(),
    queryFn: () => api.get<RememberedList>('/api/forms/remembered'),
  });

const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' });
const timeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** The day of an instant as people in the district read it (YYYY-MM-DD). */
export const day = (iso: string) => dayFormat.format(new Date(iso));
/** The day and time of an instant as people in the district read it (YYYY-MM-DD HH:mm). */
export const dayTime = (iso: string) => timeFormat.format(new Date(iso));

/** A list of names as Chinese writes it (、) or English (, ). */
export const names = (list: string[], lang: string) => list.join(lang === 'zh' ? '、' : ', ');
