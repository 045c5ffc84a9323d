import { z } from 'zod';

export const outcomes = ['ok', 'denied', 'failed'] as const;

export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The target's name today (a user's, a department's, a resource's), where its module names it. */
  targetName: z.string().nullable(),
  outcome: z.string(),
  clientIp: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(200).optional(),
  outcome: z.enum(outcomes).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(['newest', 'oldest']).default('newest'),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditPage = z.object({ items: z.array(auditEntry), total: z.number() });

export const verifyResult = z.object({
  ok: z.boolean(),
  checked: z.number(),
  brokenAt: z.number().nullable(),
  /** The last entry left when the newest entries were deleted (a checkpoint counted more); 0 when none is left. */
  truncatedAfter: z.number().nullable(),
  reason: z.string().nullable(),
  /** Signed checkpoints of the chain's head checked against it. */
  checkpoints: z.number(),
  /** The audit key's public key (SM2, hex) that signs the checkpoints; null before the first checkpoint. */
  publicKey: z.string().nullable(),
});
export type VerifyResult = z.infer<typeof verifyResult>;
