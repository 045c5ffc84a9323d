import { z } from 'zod';

export {
  classificationDigit,
  classifications,
  formats,
  itemTypes,
  openTypes,
  shareTypes,
  updateCycles,
} from './vocabulary.ts';

import { classifications, formats, itemTypes, openTypes, shareTypes, updateCycles } from './vocabulary.ts';

export const validator = z
  .object({
    pattern: z.string().max(200).optional(),
    enum: z.array(z.string().max(100)).max(200).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().positive().max(100000).optional(),
  })
  .strict();
export type Validator = z.infer<typeof validator>;

export const dataItem = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _, starting with a letter'),
    name: z.string().trim().min(1).max(60),
    type: z.enum(itemTypes),
    required: z.boolean().default(false),
    personal: z.boolean().default(false),
    validator: validator.optional(),
    description: z.string().trim().max(500).optional(),
    synonyms: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  })
  .strict();
export type DataItem = z.infer<typeof dataItem>;

/** What a department fills in for one resource. */
export const resourceInput = z
  .object({
    alias: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,40}$/)
      .nullable()
      .optional(),
    name: z.string().trim().min(1).max(100),
    classification: z.enum(classifications),
    classCode: z
      .string()
      .trim()
      .regex(/^[1-3]\d{2}(\d{3}){1,2}$/, '类(1)+项(2)+目(3)[+细目(3)] digits, e.g. 101001'),
    providerDepartmentId: z.number().int().positive(),
    summary: z.string().trim().min(1).max(2000),
    format: z.enum(formats),
    items: z.array(dataItem).min(1).max(300),
    keyItems: z.array(z.string()).min(1).max(5),
    shareType: z.enum(shareTypes),
    shareCondition: z.string().trim().max(500).nullable().optional(),
    shareBasis: z.string().trim().max(500).nullable().optional(),
    openType: z.enum(openTypes),
    openCondition: z.string().trim().max(500).nullable().optional(),
    updateCycle: z.enum(updateCycles),
    publishDate: z.iso.date().nullable().optional(),
    relatedCodes: z.array(z.string().max(40)).max(50).optional(),
    keywords: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
  })
  .strict();
export type ResourceInput = z.infer<typeof resourceInput>;

export const resourceUpdate = resourceInput.extend({ changeNote: z.string().trim().max(500).optional() });
export type ResourceUpdate = z.infer<typeof resourceUpdate>;

export const resource = z.object({
  id: z.number(),
  code: z.string(),
  alias: z.string().nullable(),
  name: z.string(),
  classification: z.enum(classifications),
  classCode: z.string(),
  providerDepartmentId: z.number(),
  providerDepartmentName: z.string(),
  summary: z.string(),
  format: z.enum(formats),
  items: z.array(dataItem),
  keyItems: z.array(z.string()),
  shareType: z.enum(shareTypes),
  shareCondition: z.string().nullable(),
  shareBasis: z.string().nullable(),
  openType: z.enum(openTypes),
  openCondition: z.string().nullable(),
  updateCycle: z.enum(updateCycles),
  publishDate: z.string().nullable(),
  relatedCodes: z.array(z.string()),
  keywords: z.array(z.string()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Resource = z.infer<typeof resource>;

/**
 * A resource as the API shows it to one caller: with what that caller may do with it, so clients need not
 * repeat the server's rules (center staff edit any resource, department users their department's).
 */
export const resourceView = resource.extend({ canEdit: z.boolean() });
export type ResourceView = z.infer<typeof resourceView>;

export const resourceSummary = resourceView.omit({ items: true }).extend({ itemCount: z.number() });
export type ResourceSummary = z.infer<typeof resourceSummary>;

export const resourceQuery = z.object({
  q: z.string().trim().max(100).optional(),
  classification: z.enum(classifications).optional(),
  classCode: z
    .string()
    .regex(/^\d{1,9}$/)
    .optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  shareType: z.enum(shareTypes).optional(),
  openType: z.enum(openTypes).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['code', 'name', 'updated']).default('code'),
});
export type ResourceQuery = z.infer<typeof resourceQuery>;

export const resourcePage = z.object({ items: z.array(resourceSummary), total: z.number() });

export const versionEntry = z.object({
  version: z.number(),
  changedBy: z.string(),
  changedAt: z.string(),
  changeNote: z.string().nullable(),
});
export type VersionEntry = z.infer<typeof versionEntry>;

export const fieldDiff = z.object({ path: z.string(), from: z.unknown(), to: z.unknown() });
export const versionDiff = z.object({ from: z.number(), to: z.number(), changes: z.array(fieldDiff) });

export const codeParam = z.object({ code: z.string().min(1).max(60) });
export const diffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

/** A node of the classification tree: a 类, 项, 目 or 细目 code, its name if any, and the resources at or under it. */
export const classTreeNode = z.object({
  classCode: z.string(),
  name: z.string().nullable(),
  count: z.number(),
});
export type ClassTreeNode = z.infer<typeof classTreeNode>;
