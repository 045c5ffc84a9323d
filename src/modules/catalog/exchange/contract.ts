import { z } from 'zod';
import { resourceQuery } from '../contract.ts';

/** Media type of an XLSX workbook, the body of an XLSX import and of the workbook downloads. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The list filters an export honours (all of them but paging and order). */
export const exportQuery = resourceQuery.omit({ page: true, pageSize: true, sort: true });

export const importQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('false'),
});

/** One problem of an import: a sheet row and column (XLSX) or a dataset index and property (JSON-LD). */
export const importProblem = z.object({
  sheet: z.string().optional(),
  row: z.number().optional(),
  dataset: z.number().optional(),
  field: z.string(),
  reason: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  message: z.string(),
});
export type ImportProblemOut = z.infer<typeof importProblem>;

/**
 * What an import did, or would do (dry run, or refused because of errors: then `saved` is false). On a
 * dry run `created` holds the codes the new resources would get.
 */
export const importResult = z.object({
  dryRun: z.boolean(),
  saved: z.boolean(),
  created: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
  errors: z.array(importProblem),
});

/**
 * A refused import as a problem document (RFC 9457), so clients show `detail` like any error. When the
 * file could be read, it also carries what the import would have done; a body that is no workbook at all,
 * or a bad query, gets the plain problem document.
 */
export const importFailure = importResult.partial().extend({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  params: z.record(z.string(), z.unknown()),
  errors: z.array(importProblem),
});

/** A DCAT-AP catalog in JSON-LD; only the shape the import needs is checked here. */
export const dcatDocument = z.looseObject({
  '@context': z.unknown().optional(),
  '@type': z.unknown().optional(),
  'dcat:dataset': z.unknown(),
});
