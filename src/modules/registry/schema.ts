import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const registrySchema = pgSchema('registry');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What each source last delivered for an entity: its values of the registry's items. */
export const sourceRecords = registrySchema.table(
  'source_records',
  {
    registry: text('registry').notNull(),
    key: text('key').notNull(),
    source: text('source').notNull(),
    values: jsonb('values').$type<Record<string, string>>().notNull(),
    batchId: integer('batch_id').notNull(),
    observedAt: ts('observed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.registry, t.key, t.source] })],
);

/**
 * Where each merged value came from, per item: [source, batch, rule]. Kept as short tuples because every
 * entity and every version carries one; when the value was delivered is on the source's record.
 */
export type Provenance = Record<string, [source: string, batchId: number, rule: string]>;

/** The merged entity: one value per item, with where each came from. */
export const entities = registrySchema.table(
  'entities',
  {
    registry: text('registry').notNull(),
    key: text('key').notNull(),
    values: jsonb('values').$type<Record<string, string>>().notNull(),
    provenance: jsonb('provenance').$type<Provenance>().notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.registry, t.key] })],
);

/** Every version of every entity, valid from one change to the next (valid_to null: current). */
export const history = registrySchema.table(
  'history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    registry: text('registry').notNull(),
    key: text('key').notNull(),
    values: jsonb('values').$type<Record<string, string>>().notNull(),
    provenance: jsonb('provenance').$type<Provenance>().notNull(),
    validFrom: ts('valid_from').notNull(),
    validTo: ts('valid_to'),
  },
  (t) => [index('history_entity_idx').on(t.registry, t.key, t.validFrom)],
);

/** Sources that disagree on an item with no precedence to settle it; a steward resolves them. */
export const conflicts = registrySchema.table(
  'conflicts',
  {
    id: serial('id').primaryKey(),
    registry: text('registry').notNull(),
    key: text('key').notNull(),
    item: text('item').notNull(),
    candidates: jsonb('candidates')
      .$type<{ source: string; value: string; batchId: number; observedAt: string }[]>()
      .notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: text('status').$type<'open' | 'resolved' | 'superseded'>().notNull(),
    resolvedValue: text('resolved_value'),
    resolvedSource: text('resolved_source'),
    resolvedBy: text('resolved_by'),
    resolvedAt: ts('resolved_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conflicts_open_idx').on(t.registry, t.key, t.item).where(sql`status = 'open'`),
    index('conflicts_status_idx').on(t.registry, t.status, t.createdAt),
  ],
);

/** Which sources win on an item, in order; items without an entry take the newest value. */
export const precedence = registrySchema.table(
  'precedence',
  {
    registry: text('registry').notNull(),
    item: text('item').notNull(),
    sources: text('sources').array().notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.registry, t.item] })],
);

/** Batches already merged into their registry, so a merge cut short is found and done again. */
export const mergedBatches = registrySchema.table('merged_batches', {
  batchId: integer('batch_id').primaryKey(),
  registry: text('registry').notNull(),
  keys: integer('keys').notNull(),
  mergedAt: ts('merged_at').notNull().defaultNow(),
});
