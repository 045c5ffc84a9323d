import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../web/kit/api.ts';
import type { FormDetail, FormInput, FormPage, FormSummary, FormUpdate } from '../definitions/contract.ts';
import type { InboxDetail, InboxItem, InboxPage } from '../inbox/contract.ts';

export type { FormDetail, FormInput, FormSummary, InboxDetail, InboxItem };

/** Query keys of forms start with this, so one invalidation refreshes every form view and the inbox. */
export const formsKey = ['forms'] as const;

export const formsPath = '/forms';
export const newFormPath = '/forms/new';
export const inboxPath = '/forms/inbox';
/** The console path of one form's designer. */
export const formPath = (id: number) => `${formsPath}/${id}`;

export type FormFilters = {
  q?: string;
  status?: string;
  audience?: string;
  page: number;
  pageSize: number;
  sort?: string;
  order?: string;
};

/** One page of the forms the user sees. */
export function useFormPage(filters: FormFilters) {
  return useQuery({
    queryKey: [...formsKey, 'list', filters],
    queryFn: () => api.get<FormPage>('/api/forms', filters),
    placeholderData: (previous) => previous,
  });
}

/** Every form the user sees (for the inbox's form filter): the first 200, newest first. */
export function useFormChoices() {
  return useQuery({
    queryKey: [...formsKey, 'choices'],
    queryFn: async () => (await api.get<FormPage>('/api/forms', { pageSize: 200 })).items,
    staleTime: 60_000,
  });
}

/** One form with its fields and what the user may do with it. */
export function useForm(id: number, enabled = true) {
  return useQuery({
    queryKey: [...formsKey, 'one', id],
    queryFn: () => api.get<FormDetail>(`/api/forms/${id}`),
    enabled,
  });
}

export const createForm = (input: FormInput) => api.post<FormDetail>('/api/forms', input);
export const updateForm = (id: number, input: FormUpdate) => api.put<FormDetail>(`/api/forms/${id}`, input);
export const publishForm = (id: number) => api.post<FormDetail>(`/api/forms/${id}/publish`);
export const closeForm = (id: number) => api.post<FormDetail>(`/api/forms/${id}/close`);
export const deleteForm = (id: number) => api.delete(`/api/forms/${id}`);

export type InboxFilters = {
  formId?: string;
  q?: string;
  read?: string;
  from?: string;
  to?: string;
  departmentId?: string;
  page: number;
  pageSize: number;
};

/** One page of the inbox asked for, with its unread count. */
export function useInboxPage(filters: InboxFilters) {
  return useQuery({
    queryKey: [...formsKey, 'inbox', filters],
    queryFn: () => api.get<InboxPage>('/api/forms/inbox', filters),
    placeholderData: (previous) => previous,
  });
}

/** One submission (reading it as a receiving department marks it read; the server audits the reading). */
export function useSubmission(submissionId: number | null) {
  return useQuery({
    queryKey: [...formsKey, 'submission', submissionId],
    queryFn: () => api.get<InboxDetail>(`/api/forms/inbox/${submissionId}`),
    enabled: submissionId !== null,
    staleTime: 0,
  });
}

/** Downloads a form's submissions as XLSX (the inbox's department and period). */
export const exportSubmissions = (
  formId: number,
  code: string,
  q: { departmentId?: string; from?: string; to?: string },
) => api.download(`/api/forms/${formId}/submissions.xlsx`, `form-${code}-submissions.xlsx`, q);
