import { z } from 'zod';

// The objection (数据纠错) API of the base registries: requests and answers, shared by server and web.

export const objectionStatuses = ['open', 'accepted', 'rejected', 'closed'] as const;
export type ObjectionStatus = (typeof objectionStatuses)[number];

/** Whose objections a list shows: those the caller's department raised, those sent to it, or all (center staff). */
export const objectionScopes = ['raised', 'assigned', 'all'] as const;
export type ObjectionScope = (typeof objectionScopes)[number];

export const objectionActions = ['raised', 'accepted', 'rejected', 'closed', 'commented'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * What a department says is wrong with one item of one entity, named by its key or by its `ref` (the handle the
 * registry API gives; a person's key is their ID number, which a masked page does not have). Exactly one of them.
 */
export const objectionInput = z
  .object({
    registry: text(40),
    key: text(200).optional(),
    ref: text(200).optional(),
    item: text(63),
    proposedValue: z.string().trim().max(2000).nullable().optional(),
    reason: text(2000),
  })
  .strict();
export type ObjectionInput = z.infer<typeof objectionInput>;

/** The source department's answer when it accepts or rejects. */
export const answerBody = z.object({ answer: text(2000) }).strict();
export const closeBody = z.object({ note: z.string().trim().max(2000).optional() }).strict();
export const commentBody = z.object({ note: text(2000) }).strict();

export const objectionQuery = z.object({
  status: z.enum(objectionStatuses).optional(),
  /** Unset: all for center staff, the caller's department's raised ones for department users. */
  scope: z.enum(objectionScopes).optional(),
  registry: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ObjectionQuery = z.infer<typeof objectionQuery>;

/**
 * How one objection is read: masked unless `raw=true` with a `reason` (required then, audited) by a party that
 * may see it raw (the source department, center staff).
 */
export const objectionViewQuery = z.object({
  raw: z.enum(['true', 'false']).optional(),
  reason: z.string().max(200).optional(),
});
export type ObjectionViewQuery = z.infer<typeof objectionViewQuery>;

export const objectionIdParam = z.object({ id: z.coerce.number().int().positive() });

export const objectionEvent = z.object({
  id: z.number(),
  action: z.enum(objectionActions),
  actor: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});
export type ObjectionEvent = z.infer<typeof objectionEvent>;

export const objection = z.object({
  id: z.number(),
  registry: z.string(),
  /** The entity's key; masked in lists and for callers who do not see personal data raw. */
  key: z.string(),
  item: z.string(),
  itemName: z.string().nullable(),
  currentValue: z.string().nullable(),
  proposedValue: z.string().nullable(),
  reason: z.string(),
  /** The source (resource alias) the objected value came from, and the department that provides it. */
  source: z.string().nullable(),
  sourceName: z.string().nullable(),
  sourceDepartmentId: z.number().nullable(),
  sourceDepartmentName: z.string().nullable(),
  raisedByDepartmentId: z.number().nullable(),
  raisedByDepartmentName: z.string().nullable(),
  raisedBy: z.string(),
  /** True when a resident raised it on their own entry in the citizen app (no raising department then). */
  raisedByResident: z.boolean(),
  status: z.enum(objectionStatuses),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  /** True when key and personal values are shown masked. */
  masked: z.boolean(),
  /** The entity's handle in console paths (see entities/refs.ts): a person's surrogate id, other entities' key. */
  ref: z.string(),
  /** What the caller may do now, so the console does not repeat the server's rules. */
  can: z.object({ answer: z.boolean(), close: z.boolean(), comment: z.boolean() }),
});
export type Objection = z.infer<typeof objection>;

/** One objection with its timeline. */
export const objectionDetail = objection.extend({ events: z.array(objectionEvent) });
export type ObjectionDetail = z.infer<typeof objectionDetail>;

export const objectionPage = z.object({ items: z.array(objection), total: z.number() });
export type ObjectionPage = z.infer<typeof objectionPage>;
