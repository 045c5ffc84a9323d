import { date, index, integer, jsonb, pgSchema, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { DataItem } from './contract.ts';

export const catalogSchema = pgSchema('catalog');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** 政务信息资源: one row per resource, its current version. Data items are kept with it as JSON. */
export const resources = catalogSchema.table(
  'resources',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    alias: text('alias').unique(),
    name: text('name').notNull(),
    classification: text('classification').notNull(),
    classCode: text('class_code').notNull(),
    providerDepartmentId: integer('provider_department_id').notNull(),
    summary: text('summary').notNull(),
    format: text('format').notNull(),
    items: jsonb('items').$type<DataItem[]>().notNull(),
    keyItems: text('key_items').array().notNull(),
    shareType: text('share_type').notNull(),
    shareCondition: text('share_condition'),
    shareBasis: text('share_basis'),
    openType: text('open_type').notNull(),
    openCondition: text('open_condition'),
    updateCycle: text('update_cycle').notNull(),
    publishDate: date('publish_date'),
    relatedCodes: text('related_codes').array().notNull(),
    keywords: text('keywords').array().notNull(),
    // Name, code, summary, item names, keywords and the name's pinyin (full and initials), lower-cased.
    searchText: text('search_text').notNull(),
    version: integer('version').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('resources_class_idx').on(t.classCode),
    index('resources_provider_idx').on(t.providerDepartmentId),
  ],
);

/** Every saved version of a resource, whole, so any two can be compared. */
export const resourceVersions = catalogSchema.table(
  'resource_versions',
  {
    id: serial('id').primaryKey(),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => resources.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: ts('changed_at').notNull().defaultNow(),
    changeNote: text('change_note'),
  },
  (t) => [unique('resource_versions_uq').on(t.resourceId, t.version)],
);
