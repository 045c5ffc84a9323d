import { DomainError } from '../../../core/errors.ts';
import type { TabularSource } from '../readers/open-source.ts';
import { previewText } from '../readers/preview.ts';

/**
 * Why a batch failed, as stable codes the console translates; the detail (the reader's or the driver's own
 * words, untranslated) is kept beside the code. The first three are the input errors a file meets before a
 * batch exists; they are codes here too, for the day a check moves into the load. A field or record too long
 * may be met at the start (the upload's 400) or deep in a file while loading.
 */
export const batchErrorCodes = [
  'unreadable_file',
  'empty_file',
  'unmapped_key',
  'field_too_long',
  'record_too_long',
  'database_error',
  'interrupted',
  'internal',
] as const;
export type BatchErrorCode = (typeof batchErrorCodes)[number];

/**
 * Failures whose detail is the server's own words (a driver's message, a stack's "Cannot read properties of
 * undefined"): they may quote data or internals, so only center staff read them; others see the code alone.
 */
const internalErrorCodes: readonly BatchErrorCode[] = ['database_error', 'internal'];

/** The batch as a caller sees it: the detail of an internal failure left out unless they may read it. */
export function withErrorShownTo<B extends { errorCode: string | null; error: string | null }>(
  batch: B,
  readsInternals: boolean,
): B {
  if (readsInternals || !internalErrorCodes.includes(batch.errorCode as BatchErrorCode)) return batch;
  return { ...batch, error: null };
}

/** What a failed batch records. */
export type BatchError = { code: BatchErrorCode; detail: string };

/** The detail recorded when the loading process died; the code says it in the reader's language. */
export const INTERRUPTED: BatchError = {
  code: 'interrupted',
  detail: 'the process stopped while loading; nothing was kept; run it again',
};

/** An error thrown while reading the source (a file going bad mid-way, a line that is not JSON …). */
export class SourceReadError extends Error {
  constructor(reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason), { cause: reason });
  }
}

/**
 * The source with whatever its reading throws marked as a read error: thrown inside the loader, a broken
 * file and a broken database would otherwise look alike.
 */
export function withReadErrors(source: TabularSource): TabularSource {
  async function* marked<T>(rows: AsyncIterable<T>): AsyncGenerator<T> {
    try {
      yield* rows;
    } catch (error) {
      // The reader's own input errors (a field too long) keep their code.
      throw error instanceof DomainError ? error : new SourceReadError(error);
    }
  }
  return {
    ...source,
    batches: marked(source.batches),
    ...(source.csv ? { csv: marked(source.csv) } : {}),
  };
}

/**
 * True for errors from PostgreSQL or PGlite (they carry the server's severity) and for postgres.js losing its
 * connection (CONNECTION_CLOSED, CONNECT_TIMEOUT …).
 */
function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return 'severity' in error || (typeof code === 'string' && code.startsWith('CONNECT'));
}

/** The code and detail a failed batch records for an error. */
export function batchErrorOf(error: unknown): BatchError {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof SourceReadError) return { code: 'unreadable_file', detail: previewText(detail) };
  if (error instanceof DomainError && (batchErrorCodes as readonly string[]).includes(error.code))
    return { code: error.code as BatchErrorCode, detail };
  if (isDatabaseError(error)) return { code: 'database_error', detail };
  return { code: 'internal', detail };
}
