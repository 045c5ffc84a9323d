import { z } from 'zod';
import { bindingCodes, fieldTypes, formAudiences, formStatuses } from '../fields.ts';

// The console's API of form definitions (表单管理). The shapes are checked here; the rules that name a field
// (code and key formats, bindings against the audience, options, patterns, departments) in rules.ts.

/** One field as the designer sends it. */
export const formFieldInput = z
  .object({
    key: z.string().trim().max(40),
    label: z.string().trim().min(1).max(60),
    type: z.enum(fieldTypes),
    required: z.boolean().default(false),
    binding: z.enum(bindingCodes).nullish(),
    reuseKey: z.string().trim().max(40).nullish(),
    options: z.array(z.string().trim().max(60)).max(50).nullish(),
    pattern: z.string().max(200).nullish(),
    maxLength: z.number().int().min(1).max(2000).nullish(),
    help: z.string().trim().max(200).nullish(),
  })
  .strict();
export type FormFieldInput = z.infer<typeof formFieldInput>;

/** A form as created: center staff name the owning department, a department user's is their own. */
export const formInput = z
  .object({
    code: z.string().trim().max(41),
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().max(2000).nullish(),
    audience: z.enum(formAudiences),
    ownerDepartmentId: z.number().int().positive().optional(),
    receivingDepartmentIds: z.array(z.number().int().positive()).max(50).default([]),
    fields: z.array(formFieldInput).max(100),
  })
  .strict();
export type FormInput = z.infer<typeof formInput>;

/** A form as edited: everything but the owner (a published form keeps its code and audience). */
export const formUpdate = formInput.omit({ ownerDepartmentId: true });
export type FormUpdate = z.infer<typeof formUpdate>;

export const formSorts = ['updated', 'created', 'title', 'code', 'published', 'submissions'] as const;

export const formQuery = z.object({
  /** Words of the title or code. */
  q: z.string().trim().max(100).optional(),
  status: z.enum(formStatuses).optional(),
  audience: z.enum(formAudiences).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(formSorts).default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type FormQuery = z.infer<typeof formQuery>;

export const formIdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const departmentRef = z.object({ id: z.number(), code: z.string(), name: z.string() });
export type DepartmentRef = z.infer<typeof departmentRef>;

export const formField = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(fieldTypes),
  required: z.boolean(),
  binding: z.enum(bindingCodes).optional(),
  reuseKey: z.string().optional(),
  options: z.array(z.string()).optional(),
  pattern: z.string().optional(),
  maxLength: z.number().optional(),
  help: z.string().optional(),
});

const formCommon = {
  id: z.number(),
  code: z.string(),
  title: z.string(),
  audience: z.enum(formAudiences),
  status: z.enum(formStatuses),
  version: z.number(),
  ownerDepartment: departmentRef,
  receivingDepartments: z.array(departmentRef),
  /** Submissions received in all (every version). */
  submissions: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  /** Whether the caller may edit, publish, close or delete it (the owner's department, or the center). */
  mayEdit: z.boolean(),
  /** Whether the caller's department receives its submissions (its inbox and export). */
  receives: z.boolean(),
};

export const formSummary = z.object({ ...formCommon, fieldCount: z.number() });
export type FormSummary = z.infer<typeof formSummary>;

export const formPage = z.object({ items: z.array(formSummary), total: z.number() });
export type FormPage = z.infer<typeof formPage>;

export const formDetail = z.object({
  ...formCommon,
  description: z.string().nullable(),
  fields: z.array(formField),
});
export type FormDetail = z.infer<typeof formDetail>;
