import { z } from 'zod';
import { registryNames } from '../feeds.ts';

// The registry read API (under /api/registry): searching a registry and one entity with all it is made of.

export const registryName = z.enum(registryNames);

/** `raw=true` asks for personal items unmasked; granted to admins, stewards and the provider department only. */
const rawFlag = z.enum(['true', 'false']).optional();
/** Why the caller asks for `raw=true`: required then, and audited with the read. */
const rawReason = z.string().max(200).optional();
const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(20);

export const registryParam = z.object({ registry: registryName });
export const entityParam = z.object({ registry: registryName, ref: z.string().min(1).max(200) });

export const entityQuery = z.object({
  /** The key exactly or by prefix, the name by substring, or the name's pinyin initials. */
  q: z.string().trim().max(100).optional(),
  subdistrict: z.string().trim().max(60).optional(),
  /** A substring of values.address. */
  address: z.string().trim().max(100).optional(),
  status: z.string().trim().max(20).optional(),
  class: z.string().trim().max(20).optional(),
  page,
  pageSize,
  raw: rawFlag,
  reason: rawReason,
});
export type EntityQuery = z.infer<typeof entityQuery>;

/** One entity in a list; `ref` is the handle for its page (see entities/refs.ts: a person's surrogate id, else the key). */
export const entitySummary = z.object({
  ref: z.string(),
  key: z.string(),
  name: z.string().nullable(),
  values: z.record(z.string(), z.string()),
});
export type EntitySummary = z.infer<typeof entitySummary>;

export const entityPage = z.object({
  items: z.array(entitySummary),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** True when personal items are masked in this answer. */
  masked: z.boolean(),
});
export type EntityPage = z.infer<typeof entityPage>;

export const entityViewQuery = z.object({
  /** The version valid at this moment (ISO date or date-time); the current one when absent. */
  asOf: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  raw: rawFlag,
  reason: rawReason,
});
export type EntityViewQuery = z.infer<typeof entityViewQuery>;

export const registryItem = z.object({ code: z.string(), name: z.string(), personal: z.boolean() });
export type RegistryItem = z.infer<typeof registryItem>;

export const provenanceEntry = z.object({
  source: z.string(),
  sourceName: z.string().nullable(),
  department: z.string().nullable(),
  batchId: z.number(),
  /** How the value was chosen: only | agreed | precedence | resolution | newest (merge/rules.ts). */
  rule: z.string(),
  observedAt: z.string().nullable(),
});
export type ProvenanceEntry = z.infer<typeof provenanceEntry>;

export const sourceValues = z.object({
  source: z.string(),
  sourceName: z.string().nullable(),
  values: z.record(z.string(), z.string()),
  batchId: z.number(),
  observedAt: z.string(),
});
export type SourceValues = z.infer<typeof sourceValues>;

export const candidate = z.object({
  source: z.string(),
  value: z.string(),
  batchId: z.number(),
  observedAt: z.string(),
});
export type Candidate = z.infer<typeof candidate>;

export const entityConflict = z.object({
  id: z.number(),
  item: z.string(),
  candidates: z.array(candidate),
  createdAt: z.string(),
});

export const historyVersion = z.object({
  values: z.record(z.string(), z.string()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const birthplace = z.object({
  code: z.string(),
  name: z.string().nullable(),
  /** True when the code was withdrawn from use (e.g. 430122 望城县, now 430112); `name` is the name it had. */
  historical: z.boolean(),
});
export type Birthplace = z.infer<typeof birthplace>;

/** Values worked out from others: population `{ age, birthplace }`, legal_person `{ orgType }`, others `{}`. */
export const derivedValues = z.object({
  age: z.number().nullable().optional(),
  birthplace: birthplace.nullable().optional(),
  orgType: z.string().nullable().optional(),
});
export type DerivedValues = z.infer<typeof derivedValues>;

export const companyLink = z.object({
  ref: z.string(),
  key: z.string(),
  name: z.string().nullable(),
  status: z.string().nullable(),
  role: z.literal('legal_rep'),
});
export const licenseLink = z.object({
  ref: z.string(),
  key: z.string(),
  typeName: z.string().nullable(),
  status: z.string().nullable(),
});
export const personLink = z.object({ ref: z.string(), name: z.string().nullable() });
export const holderLink = z.object({ registry: registryName, ref: z.string(), name: z.string().nullable() });

/**
 * Related entities: population `{ companies, licenses }`, legal_person `{ legalRep, licenses }`, license
 * `{ holder }`, component `{}`.
 */
export const entityLinks = z.object({
  companies: z.array(companyLink).optional(),
  licenses: z.array(licenseLink).optional(),
  legalRep: personLink.nullable().optional(),
  holder: holderLink.nullable().optional(),
});
export type EntityLinks = z.infer<typeof entityLinks>;

export const entityView = z.object({
  registry: registryName,
  key: z.string(),
  ref: z.string(),
  /** True when personal items are masked in this answer. */
  masked: z.boolean(),
  items: z.array(registryItem),
  values: z.record(z.string(), z.string()),
  derived: derivedValues,
  provenance: z.record(z.string(), provenanceEntry),
  sources: z.array(sourceValues),
  conflicts: z.array(entityConflict),
  history: z.array(historyVersion),
  links: entityLinks,
});
export type EntityView = z.infer<typeof entityView>;
