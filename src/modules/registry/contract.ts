import { z } from 'zod';
import { registryNames } from './feeds.ts';

/** The registry read, conflict and precedence API (under /api/registry), shared with the console. */

export const registryName = z.enum(registryNames);

/** `raw=true` asks for personal items unmasked; granted to admins, stewards and the provider department only. */
const rawFlag = z.enum(['true', 'false']).optional();
const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(20);

export const registryParam = z.object({ registry: registryName });
export const entityParam = z.object({ registry: registryName, ref: z.string().min(1).max(200) });
export const conflictIdParam = z.object({ id: z.coerce.number().int().positive() });
export const precedenceParam = z.object({ registry: registryName, item: z.string().min(1).max(60) });

/** Entity counts per registry. */
export const registryStats = z.object({
  population: z.number(),
  legal_person: z.number(),
  license: z.number(),
  component: z.number(),
});
export type RegistryStats = z.infer<typeof registryStats>;

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
});
export type EntityQuery = z.infer<typeof entityQuery>;

/** One entity in a list; `ref` is the handle for its page (see entity-refs.ts: a person's surrogate id, else the key). */
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
});
export type EntityViewQuery = z.infer<typeof entityViewQuery>;

export const registryItem = z.object({ code: z.string(), name: z.string(), personal: z.boolean() });
export type RegistryItem = z.infer<typeof registryItem>;

export const provenanceEntry = z.object({
  source: z.string(),
  sourceName: z.string().nullable(),
  department: z.string().nullable(),
  batchId: z.number(),
  /** How the value was chosen: only | agreed | precedence | resolution | newest (merge-rules.ts). */
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

export const ageBands = [
  '0-4',
  '5-9',
  '10-14',
  '15-19',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65-69',
  '70-74',
  '75-79',
  '80-84',
  '85+',
] as const;

export const registryStatistics = z.object({
  total: z.number(),
  bySubdistrict: z.array(z.object({ subdistrict: z.string().nullable(), count: z.number() })),
  /** Population: people per five-year band, all 18 bands, youngest first. */
  agePyramid: z.array(z.object({ band: z.enum(ageBands), male: z.number(), female: z.number() })).optional(),
  /** legal_person, license, component. */
  byStatus: z.array(z.object({ status: z.string().nullable(), count: z.number() })).optional(),
  /** Component. */
  byClass: z
    .array(z.object({ class: z.string().nullable(), status: z.string().nullable(), count: z.number() }))
    .optional(),
  /** legal_person. */
  byIndustry: z.array(z.object({ industry: z.string().nullable(), count: z.number() })).optional(),
});
export type RegistryStatistics = z.infer<typeof registryStatistics>;

export const componentMapQuery = z.object({
  class: z.string().trim().max(20).optional(),
  status: z.string().trim().max(20).optional(),
  subdistrict: z.string().trim().max(60).optional(),
});
export type ComponentMapQuery = z.infer<typeof componentMapQuery>;

export const componentPoint = z.object({
  key: z.string(),
  lng: z.number(),
  lat: z.number(),
  class: z.string().nullable(),
  subclass: z.string().nullable(),
  status: z.string().nullable(),
});
export type ComponentPoint = z.infer<typeof componentPoint>;

export const componentMap = z.object({ points: z.array(componentPoint), total: z.number() });
export type ComponentMap = z.infer<typeof componentMap>;

export const conflictStatuses = ['open', 'resolved', 'superseded'] as const;

export const conflictQuery = z.object({
  registry: registryName.optional(),
  status: z.enum(conflictStatuses).optional(),
  page,
  pageSize,
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

/** A steward's choice: one of the candidates' values (and, when several sources offered it, which one). */
export const resolveBody = z
  .object({ value: z.string().max(2000), source: z.string().min(1).max(60).optional() })
  .strict();
export type ResolveBody = z.infer<typeof resolveBody>;

export const precedenceItem = z.object({
  item: z.string(),
  name: z.string(),
  /** Sources in order of precedence; empty where the newest value wins. */
  sources: z.array(z.string()),
});
export type PrecedenceItem = z.infer<typeof precedenceItem>;

export const precedenceList = z.object({
  items: z.array(precedenceItem),
  /** The resources feeding the registry. */
  sources: z.array(z.object({ alias: z.string(), name: z.string(), department: z.string().nullable() })),
});
export type PrecedenceList = z.infer<typeof precedenceList>;

export const precedenceBody = z.object({ sources: z.array(z.string().min(1).max(60)).max(20) }).strict();
export type PrecedenceBody = z.infer<typeof precedenceBody>;
