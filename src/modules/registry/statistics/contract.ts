import { z } from 'zod';

// Registry statistics and the city components map (under /api/registry).

/** Entity counts per registry. */
export const registryStats = z.object({
  population: z.number(),
  legal_person: z.number(),
  license: z.number(),
  component: z.number(),
});
export type RegistryStats = z.infer<typeof registryStats>;

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
