import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgSchema, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { departments } from '../org/schema.ts';

export const citizenSchema = pgSchema('citizen');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Companies a resident acts for: linked once their ID number is the legal representative's in the legal-person
 * registry (checked again on every use, so a change of representative ends the link).
 */
export const companyLinks = citizenSchema.table(
  'company_links',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    creditCode: text('credit_code').notNull(),
    companyName: text('company_name').notNull(),
    linkedAt: ts('linked_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.creditCode] })],
);

/** Failed real-name checks at sign-up, by ID number and by client address, to limit guessing. */
export const signupFailures = citizenSchema.table(
  'signup_failures',
  {
    id: serial('id').primaryKey(),
    idNumberHash: text('id_number_hash').notNull(),
    ip: text('ip'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    index('signup_failures_id_idx').on(t.idNumberHash, t.at),
    index('signup_failures_ip_idx').on(t.ip, t.at),
  ],
);

/** Time-limited links through which a resident shows one of their e-licenses to someone (only the hash is kept). */
export const licenseShares = citizenSchema.table(
  'license_shares',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    licenseId: text('license_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose'),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    views: integer('views').notNull().default(0),
  },
  (t) => [index('license_shares_user_idx').on(t.userId)],
);

/** The district's services directory (办事指南): what can be done, where, when, with what. */
export const services = citizenSchema.table('services', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  category: text('category').notNull(),
  summary: text('summary'),
  departmentId: integer('department_id').references(() => departments.id),
  /** Where to do it: a hall's window and address. */
  place: text('place'),
  hours: text('hours'),
  phone: text('phone'),
  materials: text('materials').array().notNull().default(sql`'{}'::text[]`),
  /** Whether it can be done in the app or online without a visit. */
  online: boolean('online').notNull().default(false),
  /** The form of "report once" that does it in the app, if any (forms.forms.code). */
  formCode: text('form_code'),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Notices from the center to residents (通知公告). */
export const notices = citizenSchema.table(
  'notices',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    publishedAt: ts('published_at'),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('notices_published_idx').on(t.publishedAt)],
);

/**
 * Photos a resident uploaded for a report (随手拍), by the name the events module stores them under (the SHA-256 of
 * the bytes): only these may go on the resident's reports, and only the resident who uploaded one reads it here.
 */
export const reportPhotos = citizenSchema.table(
  'report_photos',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.name] })],
);
