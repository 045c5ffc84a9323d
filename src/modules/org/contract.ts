import { z } from 'zod';

export * from './places/contract.ts';

export const departmentKinds = ['center', 'department', 'subdistrict'] as const;

export const department = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(departmentKinds),
  divisionCode: z.string().nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  sort: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Department = z.infer<typeof department>;

export const departmentQuery = z.object({
  q: z.string().max(100).optional(),
  kind: z.enum(departmentKinds).optional(),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.enum(['sort', 'code', 'name', 'updated']).default('sort'),
});
export type DepartmentQuery = z.infer<typeof departmentQuery>;

const departmentFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9_-]{1,19}$/, 'upper-case letters, digits, - or _, 2 to 20 characters'),
  name: z.string().trim().min(1).max(60),
  kind: z.enum(departmentKinds),
  divisionCode: z.string().trim().max(12).nullable().optional(),
  contact: z.string().trim().max(40).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, 'digits, spaces, + - ( ), 5 to 20 characters')
    .nullable()
    .optional(),
  sort: z.number().int().min(0).max(100000).optional(),
};

export const departmentCreate = z.object(departmentFields).strict();
export type DepartmentCreate = z.infer<typeof departmentCreate>;

export const departmentUpdate = z
  .object({ ...departmentFields, active: z.boolean() })
  .partial()
  .strict();
export type DepartmentUpdate = z.infer<typeof departmentUpdate>;

export const departmentPage = z.object({ items: z.array(department), total: z.number() });

export const divisionLevels = ['district', 'subdistrict', 'community'] as const;

export const division = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(divisionLevels),
  parentCode: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
});
export type Division = z.infer<typeof division>;

export const divisionQuery = z.object({
  level: z.enum(divisionLevels).optional(),
  parent: z.string().max(12).optional(),
});

export const districtMap = z.object({
  district: division,
  outline: z.object({
    type: z.literal('Feature'),
    properties: z.object({ name: z.string(), adcode: z.string() }),
    geometry: z.object({
      type: z.literal('Polygon'),
      coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))),
    }),
  }),
  subdistricts: z.array(division.extend({ communities: z.number() })),
});
export type DistrictMap = z.infer<typeof districtMap>;

export const idParam = z.object({ id: z.coerce.number().int().positive() });
