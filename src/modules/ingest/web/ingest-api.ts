import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { z } from 'zod';
import { api } from '../../../../web/kit/api.ts';
import { resourceQuery } from '../../catalog/web/index.ts';
import type {
  Batch,
  batchStatuses,
  issuePage,
  LayoutChoice,
  PullSource,
  PullSourceInput,
  PullSourceUpdate,
  preview,
  qualityPoint,
  recordPage,
} from '../contract.ts';

export type { Batch, LayoutChoice, PullSource };
export type Preview = z.infer<typeof preview>;
export type IssuePage = z.infer<typeof issuePage>;
export type Issue = IssuePage['items'][number];
export type IssueField = Issue['fields'][number];
export type QualityPoint = z.infer<typeof qualityPoint>;
export type RecordPage = z.infer<typeof recordPage>;
export type BatchStatus = (typeof batchStatuses)[number];
export type IssueKind = Issue['kind'];

// Repeated rather than imported from the contract, whose zod schemas would be bundled into the console.
export const statuses = [
  'running',
  'done',
  'failed',
  'interrupted',
] as const satisfies readonly BatchStatus[];

/** The reasons that only flag a row (it is loaded); every other reason rejects it. */
export const warningReasons = [
  'id_number_upgraded',
  'excel_lost_digits',
  'excel_serial_date',
  'birth_date_mismatch',
  'sex_mismatch',
  'duplicate_key',
] as const;

/** The file types the upload accepts, as the server detects them. */
export const acceptedFiles = '.csv,.txt,.xlsx,.json,.ndjson,.jsonl';

/** Query keys start with this, so one invalidation refreshes every batch, record and quality view. */
export const ingestKey = ['ingest'] as const;

export type BatchFilters = { resource?: string; status?: string; page: number; pageSize: number };

/** The console path of a batch's report. */
export const batchPath = (id: number) => `/ingest/batches/${id}`;

/** The console path of the upload wizard, with a resource chosen. */
export const uploadPath = (resource?: string) =>
  resource ? `/ingest/upload?${new URLSearchParams({ resource })}` : '/ingest/upload';

const enc = encodeURIComponent;

/** The names of the resources with these codes, as they arrive (batches and pulls name resources by code only). */
export function useResourceNames(codes: string[]) {
  const results = useQueries({
    queries: [...new Set(codes)].map((code) => ({ ...resourceQuery(code), staleTime: 5 * 60_000 })),
  });
  return new Map(results.flatMap((r) => (r.data ? [[r.data.code, r.data.name] as const] : [])));
}

/** One page of batches, newest first; asked again every few seconds while one of them runs. */
export function useBatchPage(filters: BatchFilters) {
  return useQuery({
    queryKey: [...ingestKey, 'batches', filters],
    queryFn: () => api.get<{ items: Batch[]; total: number }>('/api/ingest/batches', filters),
    placeholderData: (previous) => previous,
    refetchInterval: (query) => (query.state.data?.items.some((b) => b.status === 'running') ? 2000 : false),
  });
}

/**
 * One batch; asked again every second while it runs or its registry merge does, so their progress shows. When it
 * finishes, the lists, data and quality it changed are fetched again.
 */
export function useBatch(id: number | undefined) {
  const queryClient = useQueryClient();
  const batch = useQuery({
    queryKey: [...ingestKey, 'batch', id],
    queryFn: () => api.get<Batch>(`/api/ingest/batches/${id}`),
    enabled: id !== undefined,
    refetchInterval: (query) =>
      query.state.data?.status === 'running' || query.state.data?.merge?.status === 'running' ? 1000 : false,
  });
  const status = batch.data?.status;
  const seen = useRef(status);
  useEffect(() => {
    if (seen.current === 'running' && status !== 'running') {
      void queryClient.invalidateQueries({
        predicate: ({ queryKey: [module, kind] }) => module === 'ingest' && kind !== 'batch',
      });
    }
    seen.current = status;
  }, [status, queryClient]);
  return batch;
}

/** One page of a batch's rejected or flagged rows, optionally those with one reason. */
export function useIssues(
  id: number,
  kind: IssueKind,
  reason: string | undefined,
  page: number,
  pageSize: number,
) {
  return useQuery({
    queryKey: [...ingestKey, 'batch', id, 'issues', { kind, reason, page, pageSize }],
    queryFn: () => api.get<IssuePage>(`/api/ingest/batches/${id}/issues`, { kind, reason, page, pageSize }),
    placeholderData: (previous) => previous,
    // A finished batch's rows never change.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * One page of a resource's loaded records, newest first; personal items come masked unless `rawReason` asks for
 * them raw (the server grants it to those allowed, and audits the view). `search` holds the start of key items'
 * values, by item code.
 */
export function useRecords(
  resource: string,
  page: number,
  pageSize: number,
  search: Record<string, string>,
  rawReason: string | null = null,
) {
  const byItem = Object.fromEntries(Object.entries(search).map(([code, value]) => [`key.${code}`, value]));
  const raw = rawReason === null ? {} : { raw: 'true', reason: rawReason };
  return useQuery({
    queryKey: [...ingestKey, 'records', resource, { page, pageSize, search, rawReason }],
    queryFn: () =>
      api.get<RecordPage>(`/api/ingest/records/${enc(resource)}`, { page, pageSize, ...byItem, ...raw }),
    placeholderData: (previous) => previous,
  });
}

/** Completeness, validity and rejects of each finished batch of a resource, oldest first. */
export function useQualityHistory(resource: string) {
  return useQuery({
    queryKey: [...ingestKey, 'quality', resource],
    queryFn: () => api.get<QualityPoint[]>(`/api/ingest/quality/${enc(resource)}`),
  });
}

/** The scheduled pulls. */
export function usePullSources() {
  return useQuery({
    queryKey: [...ingestKey, 'pulls'],
    queryFn: () => api.get<PullSource[]>('/api/ingest/pulls'),
  });
}

/** Stores an uploaded file on the server and returns what it detected: format, encoding, headers, mapping, rows. */
export const uploadFile = (resource: string, file: File) =>
  api.upload<Preview>('/api/ingest/uploads', { resource, fileName: file.name }, file);

/** Starts loading an uploaded file with the confirmed mapping; the load goes on in the background. */
export const startRun = (input: {
  resource: string;
  uploadId: string;
  fileName: string;
  mapping: Record<string, string | null>;
  layout?: LayoutChoice;
}) => api.post<{ batchId: number }>('/api/ingest/runs', input);

/** Reads an upload again with the header rows and sheets the user chose. */
export const previewAgain = (input: {
  resource: string;
  uploadId: string;
  fileName: string;
  layout: LayoutChoice;
}) => api.post<Preview>('/api/ingest/previews', input);

/** Saves a batch's rejected rows as a workbook, reasons in the console's language. */
export const downloadRejects = (id: number) =>
  api.download(`/api/ingest/batches/${id}/rejects.xlsx`, `batch-${id}-rejects.xlsx`);

export const createPull = (input: PullSourceInput) => api.post<PullSource>('/api/ingest/pulls', input);
export const updatePull = (id: number, changes: PullSourceUpdate) =>
  api.patch<PullSource>(`/api/ingest/pulls/${id}`, changes);
export const deletePull = (id: number) => api.delete(`/api/ingest/pulls/${id}`);
/** Runs a pull now and returns the source with its outcome (last batch or last error). */
export const runPull = (id: number) => api.post<PullSource>(`/api/ingest/pulls/${id}/run`);
