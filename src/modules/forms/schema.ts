import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgSchema, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { departments } from '../org/schema.ts';
import type { FormField } from './fields.ts';

export const formsSchema = pgSchema('forms');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A form of "report once" (最多报一次): fields bound to registry items (prefilled, only confirmed) or free (asked
 * once, then reused with consent), for a person or a company, received by one or more departments. Published
 * forms are edited as a new version; submissions keep the version they answered.
 */
export const forms = formsSchema.table('forms', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  description: text('description'),
  audience: text('audience', { enum: ['person', 'company'] }).notNull(),
  ownerDepartmentId: integer('owner_department_id')
    .notNull()
    .references(() => departments.id),
  receivingDepartmentIds: integer('receiving_department_ids').array().notNull().default(sql`'{}'::integer[]`),
  fields: jsonb('fields').$type<FormField[]>().notNull(),
  status: text('status', { enum: ['draft', 'published', 'closed'] })
    .notNull()
    .default('draft'),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  publishedAt: ts('published_at'),
});

/** One filled form, with the answers as given and which of them came from the registries. */
export const submissions = formsSchema.table(
  'submissions',
  {
    id: serial('id').primaryKey(),
    formId: integer('form_id')
      .notNull()
      .references(() => forms.id),
    formVersion: integer('form_version').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** Who the answers are about: a person's ID number, or a company's credit code. */
    subjectKind: text('subject_kind', { enum: ['person', 'company'] }).notNull(),
    subjectKey: text('subject_key').notNull(),
    subjectName: text('subject_name').notNull(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull(),
    /** The field keys whose answers were prefilled from the registries and confirmed unchanged. */
    prefilledKeys: text('prefilled_keys').array().notNull().default(sql`'{}'::text[]`),
    /** The field keys whose answers were reused from an earlier form (with consent). */
    reusedKeys: text('reused_keys').array().notNull().default(sql`'{}'::text[]`),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
  },
  (t) => [
    index('submissions_form_idx').on(t.formId, t.submittedAt),
    index('submissions_user_idx').on(t.userId),
  ],
);

/** A submission in a receiving department's inbox. */
export const deliveries = formsSchema.table(
  'deliveries',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    readAt: ts('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.departmentId] }),
    index('deliveries_department_idx').on(t.departmentId),
  ],
);

/**
 * Free answers a person agreed to have reused (最多报一次): by the question's reuse key, so the next form asking
 * the same thing is prefilled. Withdrawn consent deletes the row.
 */
export const rememberedAnswers = formsSchema.table(
  'remembered_answers',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    subjectKey: text('subject_key').notNull(),
    reuseKey: text('reuse_key').notNull(),
    value: text('value').notNull(),
    fromFormId: integer('from_form_id').references(() => forms.id),
    consentedAt: ts('consented_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.subjectKey, t.reuseKey] })],
);
