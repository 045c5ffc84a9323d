import { sql } from 'drizzle-orm';
import {
  customType,
  date,
  doublePrecision,
  integer,
  jsonb,
  pgSchema,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const iocSchema = pgSchema('ioc');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// The documents are kept in the database, not on one machine's disk, so every process can serve them.
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * An incident the duty officer switched the screen to (emergency mode, 平战结合). One is open at a time: ending it
 * returns the screen to routine. Linked cases and alarms are kept by their numbers and ids.
 */
export const incidents = iocSchema.table(
  'incidents',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description'),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    /** What is "near": devices, cases, schools and shelters within this many metres. */
    radiusM: integer('radius_m').notNull().default(1000),
    subdistrictCode: text('subdistrict_code'),
    caseNumbers: text('case_numbers').array().notNull().default(sql`'{}'::text[]`),
    alarmIds: integer('alarm_ids').array().notNull().default(sql`'{}'::integer[]`),
    startedAt: ts('started_at').notNull(),
    startedBy: integer('started_by'),
    startedByName: text('started_by_name').notNull(),
    endedAt: ts('ended_at'),
    endedBy: integer('ended_by'),
    endedByName: text('ended_by_name'),
    endNote: text('end_note'),
  },
  (t) => [uniqueIndex('incidents_one_open').on(sql`(true)`).where(sql`${t.endedAt} is null`)],
);

/** Places the screen shows near an incident: schools, emergency shelters (避难场所), hospitals. */
export const facilities = iocSchema.table(
  'facilities',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['school', 'shelter', 'hospital'] }).notNull(),
    name: text('name').notNull(),
    address: text('address'),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    subdistrictCode: text('subdistrict_code'),
    /** People a shelter holds, pupils of a school, beds of a hospital. */
    capacity: integer('capacity'),
  },
  (t) => [uniqueIndex('facilities_kind_name').on(t.kind, t.name)],
);

/**
 * An operations briefing (运营管理简报) as generated: its period, number, the figures it used (so it can be checked
 * against the database), and the documents. Generating a period again adds a version; the newest is current.
 */
export const briefings = iocSchema.table('briefings', {
  id: serial('id').primaryKey(),
  kind: text('kind', { enum: ['weekly', 'monthly'] }).notNull(),
  /** '2026-W49' or '2026-11'. */
  period: text('period').notNull(),
  periodFrom: date('period_from').notNull(),
  periodTo: date('period_to').notNull(),
  /** The house-style number, e.g. 望数运简〔2026〕第49期. */
  number: text('number').notNull(),
  figures: jsonb('figures').notNull(),
  docx: bytea('docx').notNull(),
  pdf: bytea('pdf').notNull(),
  trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
  generatedAt: ts('generated_at').notNull(),
  generatedBy: integer('generated_by'),
  generatedByName: text('generated_by_name').notNull(),
});
