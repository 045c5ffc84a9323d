import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const orgSchema = pgSchema('org');

/** Administrative divisions of the district: the district, subdistricts/towns, communities/villages. */
export const divisions = orgSchema.table(
  'divisions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level').$type<'district' | 'subdistrict' | 'community'>().notNull(),
    parentCode: text('parent_code'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
  },
  (t) => [index('divisions_parent_idx').on(t.parentCode)],
);

/** Departments: the center, the line departments and the subdistrict/town offices. */
export const departments = orgSchema.table('departments', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').$type<'center' | 'department' | 'subdistrict'>().notNull(),
  divisionCode: text('division_code').references(() => divisions.code),
  contact: text('contact'),
  phone: text('phone'),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * Uploaded boundaries of subdistricts and communities (GeoJSON Polygon/MultiPolygon coordinates, WGS-84). A
 * division with one here is placed by it; the others keep their approximate cells.
 */
export const boundaries = orgSchema.table('boundaries', {
  divisionCode: text('division_code')
    .primaryKey()
    .references(() => divisions.code),
  level: text('level').$type<'subdistrict' | 'community'>().notNull(),
  /** MultiPolygon coordinates: polygons of rings of [lng, lat]. */
  coordinates: jsonb('coordinates').$type<[number, number][][][]>().notNull(),
  uploadedBy: text('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * The learned gazetteer: addresses and compounds the registries know, with their subdistrict and community
 * (and point, when a source gave one). `key` is the normalized text (an address up to its house number, without
 * division names; or a compound's name), known once per subdistrict.
 */
export const gazetteer = orgSchema.table(
  'gazetteer',
  {
    key: text('key').notNull(),
    kind: text('kind').$type<'address' | 'compound'>().notNull(),
    subdistrictCode: text('subdistrict_code')
      .notNull()
      .references(() => divisions.code),
    communityCode: text('community_code').references(() => divisions.code),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    source: text('source'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.key, t.subdistrictCode] })],
);
