import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgSchema,
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
