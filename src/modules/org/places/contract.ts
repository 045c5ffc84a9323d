import { z } from 'zod';

export const placeLevels = ['subdistrict', 'community'] as const;

const position = z.tuple([z.number(), z.number()]);

/** A division's boundary for maps, uploaded or approximate (maps must say which). */
export const boundaryFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(placeLevels),
    parentCode: z.string().nullable(),
    approximate: z.boolean(),
    /** A point inside the area, for labels. */
    centre: position,
  }),
  geometry: z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(position))),
  }),
});

export const boundaryCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(boundaryFeature),
});
export type BoundaryCollection = z.infer<typeof boundaryCollection>;

export const boundaryQuery = z.object({
  level: z.enum(placeLevels).default('subdistrict'),
  /** Only the communities of this subdistrict. */
  parent: z.string().max(12).optional(),
});

/** Which uploaded boundaries to remove: these divisions, or every one of a level, or (neither) all. */
export const boundaryRemoval = z.object({
  level: z.enum(placeLevels).optional(),
  /** Division codes, comma-separated. */
  code: z.string().max(2000).optional(),
});

export const boundaryUploadResult = z.object({
  subdistricts: z.number(),
  communities: z.number(),
  codes: z.array(z.string()),
});
export type BoundaryUploadResult = z.infer<typeof boundaryUploadResult>;

export const located = z.object({
  subdistrictCode: z.string(),
  subdistrictName: z.string(),
  communityCode: z.string().nullable(),
  communityName: z.string().nullable(),
  approximate: z.boolean(),
});

export const resolvedAddress = located.extend({
  lng: z.number(),
  lat: z.number(),
  precision: z.enum(['address', 'compound', 'road', 'community', 'subdistrict']),
});

/** An address resolved to a point and place (the console's and other modules' view of it). */
export type ResolvedPlace = z.infer<typeof resolvedAddress>;

export const resolveQuery = z.object({ address: z.string().trim().min(1).max(500) });
export const locateQuery = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

/** An address the registries know, with its subdistrict and community by code or name, and its point if known. */
export type LearnEntry = {
  address: string;
  subdistrict?: string | null;
  community?: string | null;
  lng?: number | null;
  lat?: number | null;
};
