import { z } from 'zod';
import { timeLimit } from '../cases/contract.ts';

export const category = z.object({
  code: z.string(),
  name: z.string(),
  departmentId: z.number(),
  departmentName: z.string().nullable(),
  departmentCode: z.string().nullable(),
  timeLimit: z.string(),
  active: z.boolean(),
  sort: z.number(),
});
export type Category = z.infer<typeof category>;

export const categoryList = z.object({ items: z.array(category) });

const categoryFields = {
  name: z.string().trim().min(1).max(60),
  departmentId: z.number().int().positive(),
  timeLimit,
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10000).default(0),
};

export const categoryCreate = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'category_code_format')
      .max(60),
    ...categoryFields,
  })
  .strict();
export type CategoryCreate = z.infer<typeof categoryCreate>;

export const categoryUpdate = z.object(categoryFields).partial().strict();
export type CategoryUpdate = z.infer<typeof categoryUpdate>;

export const codeParam = z.object({ code: z.string().trim().min(1).max(60) });

export const dispatchRule = z.object({
  id: z.number(),
  categoryCode: z.string().nullable(),
  subdistrictCode: z.string().nullable(),
  departmentId: z.number(),
  departmentName: z.string().nullable(),
  note: z.string().nullable(),
});
export type DispatchRule = z.infer<typeof dispatchRule>;

export const dispatchRuleList = z.object({ items: z.array(dispatchRule) });

export const dispatchRuleInput = z
  .object({
    categoryCode: z.string().trim().min(1).max(60).nullable(),
    subdistrictCode: z.string().trim().min(1).max(12).nullable(),
    departmentId: z.number().int().positive(),
    note: z.string().trim().max(200).nullable().default(null),
  })
  .strict();
export type DispatchRuleInput = z.infer<typeof dispatchRuleInput>;

export const ruleIdParam = z.object({ id: z.coerce.number().int().positive() });
