import { z } from 'zod';
import { candidate, registryName } from '../entities/contract.ts';

// Disagreements between sources and stewards' resolutions of them (under /api/registry/conflicts).

const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(20);

export const conflictIdParam = z.object({ id: z.coerce.number().int().positive() });

export const conflictStatuses = ['open', 'resolved', 'superseded'] as const;

export const conflictQuery = z.object({
  registry: registryName.optional(),
  status: z.enum(conflictStatuses).optional(),
  page,
  pageSize,
  /** `raw=true` asks for the keys and personal values unmasked (those who may see the registry raw) with a `reason`. */
  raw: z.enum(['true', 'false']).optional(),
  reason: z.string().max(200).optional(),
});
export type ConflictQuery = z.infer<typeof conflictQuery>;

export const conflict = z.object({
  id: z.number(),
  registry: registryName,
  key: z.string(),
  ref: z.string(),
  item: z.string(),
  itemName: z.string(),
  candidates: z.array(candidate),
  status: z.enum(conflictStatuses),
  createdAt: z.string(),
  resolvedValue: z.string().nullable(),
  resolvedSource: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type Conflict = z.infer<typeof conflict>;

export const conflictPage = z.object({
  items: z.array(conflict),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type ConflictPage = z.infer<typeof conflictPage>;

/**
 * A steward's choice: one of the candidates' values (and, when several sources offered it, which one), or the
 * candidate by its place in the list (`candidate`), which a steward who sees the values masked can choose.
 */
export const resolveBody = z
  .object({
    value: z.string().max(2000).optional(),
    candidate: z.number().int().min(0).max(1000).optional(),
    source: z.string().min(1).max(60).optional(),
  })
  .strict();
export type ResolveBody = z.infer<typeof resolveBody>;
