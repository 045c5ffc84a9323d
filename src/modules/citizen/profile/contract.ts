import { z } from 'zod';

// "My information" (我的信息): what the base registries hold about the resident (or the company they act for),
// and their objections (数据纠错) to it.

/** Where a value came from, for people: the department, its resource, when it was delivered. */
export const provenance = z.object({
  /** The department that provides the source resource (望城区公安分局 …), if known. */
  department: z.string().nullable(),
  /** The source resource's name (户籍人口信息 …). */
  resource: z.string(),
  /** When the delivery that holds the value was received (ISO), if known. */
  observedAt: z.string().nullable(),
});

export const profileItem = z.object({
  code: z.string(),
  /** The item's name in the registry's catalog entry. */
  label: z.string(),
  /** Unmasked: it is the resident's own. */
  value: z.string(),
  provenance: provenance.nullable(),
});
export type ProfileItem = z.infer<typeof profileItem>;

export const profile = z.object({
  /** `person`: the population registry's entry of the resident; `company`: the legal-person entry acted for. */
  kind: z.enum(['person', 'company']),
  registry: z.enum(['population', 'legal_person']),
  name: z.string(),
  /** False when the registry has no entry (an account made before its person was delivered). */
  found: z.boolean(),
  items: z.array(profileItem),
});
export type Profile = z.infer<typeof profile>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const objectionBody = z
  .object({
    /** The item's code, as `items[].code` gives it. */
    item: text(63),
    proposedValue: z.string().trim().max(2000).nullable().optional(),
    reason: text(2000),
  })
  .strict();
export type ObjectionBody = z.infer<typeof objectionBody>;

export const myObjection = z.object({
  id: z.number(),
  item: z.string(),
  label: z.string().nullable(),
  currentValue: z.string().nullable(),
  proposedValue: z.string().nullable(),
  reason: z.string(),
  /** open: waiting for the department; accepted / rejected: answered; closed. */
  status: z.enum(['open', 'accepted', 'rejected', 'closed']),
  /** The department the value came from, which answers. */
  department: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type MyObjection = z.infer<typeof myObjection>;

export const myObjections = z.array(myObjection);
