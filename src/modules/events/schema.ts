import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const eventsSchema = pgSchema('events');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A case category (事件类别): who handles it and in what time (`4h`, `3wd`). Data the center edits. */
export const categories = eventsSchema.table('categories', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  departmentId: integer('department_id').notNull(),
  timeLimit: text('time_limit').notNull(),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * A dispatch rule: cases of a category (null: any) in a subdistrict (null: anywhere) go to a department. The most
 * specific rule wins; without one, the category's own department.
 */
export const dispatchRules = eventsSchema.table(
  'dispatch_rules',
  {
    id: serial('id').primaryKey(),
    categoryCode: text('category_code'),
    subdistrictCode: text('subdistrict_code'),
    departmentId: integer('department_id').notNull(),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('dispatch_rules_key').on(t.categoryCode, t.subdistrictCode).nullsNotDistinct()],
);

/**
 * A case (工单): one problem, from any channel, on its way to the department that acts and back to the person
 * who reported it. The status is the case's place in the 12345 flow; the flags beside it (extension asked,
 * supervised, escalated) do not stop the flow.
 */
export const cases = eventsSchema.table(
  'cases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The number people quote: received date and a sequence, e.g. 202612060001. */
    number: text('number').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    categoryCode: text('category_code'),
    /** The lead department (主办); null until dispatched. */
    departmentId: integer('department_id'),
    /** Co-handling departments (协办). */
    assistDepartmentIds: integer('assist_department_ids').array().notNull().default([]),
    title: text('title'),
    content: text('content').notNull(),
    address: text('address'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    subdistrictCode: text('subdistrict_code'),
    communityCode: text('community_code'),
    urgency: text('urgency').notNull().default('normal'),
    reporterName: text('reporter_name'),
    reporterPhone: text('reporter_phone'),
    reporterEmail: text('reporter_email'),
    wantsReply: boolean('wants_reply').notNull().default(true),
    mediaUrls: text('media_urls').array().notNull().default([]),
    receivedAt: ts('received_at').notNull(),
    dueAt: ts('due_at'),
    /** When the clock turns to warning (80 % of the allowed time, counted as the limit counts). */
    warnAt: ts('warn_at'),
    /** Where the current clock started: receipt, or a reopening (重办) that gave the case a new clock. */
    clockFrom: ts('clock_from'),
    dispatchedAt: ts('dispatched_at'),
    acceptedAt: ts('accepted_at'),
    repliedAt: ts('replied_at'),
    closedAt: ts('closed_at'),
    /** Set while suspended (挂起): the clock stops, and the due time moves on by the time spent suspended. */
    suspendedAt: ts('suspended_at'),
    /** The status to go back to when a suspension ends. */
    suspendedFrom: text('suspended_from'),
    reply: text('reply'),
    satisfaction: text('satisfaction'),
    reopenCount: smallint('reopen_count').notNull().default(0),
    /** An extension (延期) asked for and not yet decided: { limit, reason, by, at }. */
    extensionRequest: jsonb('extension_request').$type<{
      limit: string;
      reason: string;
      by: string;
      at: string;
    } | null>(),
    supervised: boolean('supervised').notNull().default(false),
    /** Unsatisfied at a second callback: the center decides what happens next. */
    escalated: boolean('escalated').notNull().default(false),
    mergedInto: bigint('merged_into', { mode: 'number' }),
    /** The Open311 token given to a client before the case had its number. */
    token: text('token'),
    apiKeyId: integer('api_key_id'),
    createdBy: integer('created_by'),
    /** A former system's own number, for cases loaded from its history (makes the load idempotent). */
    sourceNumber: text('source_number'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_number_key').on(t.number),
    uniqueIndex('cases_token_key').on(t.token),
    index('cases_received_idx').on(t.receivedAt),
    index('cases_status_idx').on(t.status, t.receivedAt),
    index('cases_department_idx').on(t.departmentId, t.status),
    index('cases_category_idx').on(t.categoryCode, t.receivedAt),
    index('cases_subdistrict_idx').on(t.subdistrictCode, t.receivedAt),
    // The statistics' rollups find the days whose cases changed since their last refresh.
    index('cases_updated_idx').on(t.updatedAt),
    // The case list's order (newest first, nulls last, then id): read in order, never sorted.
    index('cases_list_idx').on(sql`${t.receivedAt} desc nulls last`, sql`${t.id} desc`),
    // The map of a range reads its cases from the index alone (place, and what it is filtered by).
    index('cases_map_idx').on(
      t.receivedAt,
      t.lng,
      t.lat,
      t.status,
      t.categoryCode,
      t.channel,
      t.departmentId,
    ),
    // The list's total for a category and status, counted from the index alone.
    index('cases_category_status_idx').on(t.categoryCode, t.status),
    // A resident's own reports (the citizen app), newest first; most cases have no creator and stay out of it.
    index('cases_reporter_idx')
      .on(t.createdBy, sql`${t.receivedAt} desc`, sql`${t.id} desc`)
      .where(sql`${t.createdBy} is not null`),
  ],
);

/** One step of a case's history: who moved it, when, why, from which status to which. */
export const caseSteps = eventsSchema.table(
  'case_steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' }).notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    departmentId: integer('department_id'),
    note: text('note'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('case_steps_case_idx').on(t.caseId, t.at)],
);

/** The daily sequence behind case numbers (one row per China-local day). */
export const caseSequences = eventsSchema.table('case_sequences', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * A key an outside system (an Open311 client) posts cases with. Only the key's SHA-256 is kept (the key is shown once
 * when made); the prefix names it in lists. A revoked key is refused from then on.
 */
export const apiKeys = eventsSchema.table(
  'api_keys',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_key').on(t.keyHash)],
);

// Statistics rollups (stats/): the figures' counts per China-local day, and per month, for each lead department,
// subdistrict, category and channel, so a year of a million cases is summed from tens of thousands of rows. They
// are rebuilt for the days whose cases changed (updated_at after the last refresh) before each read.
const statsCounts = {
  departmentId: integer('department_id'),
  subdistrictCode: text('subdistrict_code'),
  categoryCode: text('category_code'),
  channel: text('channel').notNull(),
  received: integer('received').notNull(),
  closed: integer('closed').notNull(),
  onTime: integer('on_time').notNull(),
  calledBack: integer('called_back').notNull(),
  satisfied: integer('satisfied').notNull(),
  reopened: integer('reopened').notNull(),
  /** Hours from receipt to reply (or closing), summed over the closed cases. */
  handlingHours: doublePrecision('handling_hours').notNull(),
};

/** Daily rollup of the case figures (cohort: cases received that day). */
export const caseStatsDays = eventsSchema.table(
  'case_stats_days',
  { day: date('day', { mode: 'string' }).notNull(), ...statsCounts },
  (t) => [index('case_stats_days_day_idx').on(t.day)],
);

/** Monthly rollup of the case figures, summed from the daily one. */
export const caseStatsMonths = eventsSchema.table(
  'case_stats_months',
  { month: date('month', { mode: 'string' }).notNull(), ...statsCounts },
  (t) => [index('case_stats_months_month_idx').on(t.month)],
);

/** When the rollups were last brought up to date (one row). */
export const caseStatsState = eventsSchema.table('case_stats_state', {
  id: integer('id').primaryKey(),
  refreshedAt: ts('refreshed_at').notNull(),
});
