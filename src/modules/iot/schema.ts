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
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const iotSchema = pgSchema('iot');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A telemetry key of a profile: its unit, type and valid range. */
export type TelemetryKeyDef = {
  key: string;
  /** zh-CN and en names shown in the console. */
  name: string;
  nameEn: string;
  unit?: string;
  type: 'number' | 'integer' | 'boolean' | 'string';
  min?: number;
  max?: number;
};

/** An attribute a device of the profile carries (a station's warning level), set in the console or by the device. */
export type AttributeDef = {
  key: string;
  name: string;
  nameEn: string;
  unit?: string;
  type: 'number' | 'string';
};

/** A device type (设备类型): the telemetry it sends, the attributes it has, how long its raw data is kept. */
export const profiles = iotSchema.table('profiles', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  keys: jsonb('keys').$type<TelemetryKeyDef[]>().notNull(),
  attributes: jsonb('attributes').$type<AttributeDef[]>().notNull().default([]),
  /** Raw points older than this are deleted; aggregates are kept. */
  retentionDays: integer('retention_days').notNull().default(30),
  /** No data for this long marks a device offline. */
  offlineMinutes: integer('offline_minutes').notNull().default(10),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * A device (设备): where it stands, who owns it, what city component it is fitted to, and its status. The access
 * token is stored as its SHA-256 only; the console shows its last four characters.
 */
export const devices = iotSchema.table(
  'devices',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    profileCode: text('profile_code')
      .notNull()
      .references(() => profiles.code),
    name: text('name').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    subdistrictCode: text('subdistrict_code'),
    communityCode: text('community_code'),
    /** The owning department (org.departments). */
    departmentId: integer('department_id').notNull(),
    /** The city component (城市部件) in the component registry it is fitted to, where there is one. */
    componentCode: text('component_code'),
    installedOn: date('installed_on', { mode: 'string' }),
    /** online, offline, fault or retired. */
    status: text('status').notNull().default('offline'),
    tokenHash: text('token_hash').notNull(),
    tokenHint: text('token_hint').notNull(),
    /** Attributes: set in the console (server side) or sent by the device (client side). */
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    /** The gateway this device reports through, when it does. */
    gatewayId: integer('gateway_id'),
    lastSeenAt: ts('last_seen_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('devices_code').on(t.code),
    uniqueIndex('devices_token').on(t.tokenHash),
    index('devices_department').on(t.departmentId, t.profileCode),
    index('devices_status').on(t.status),
  ],
);

/**
 * Telemetry points. Partitioned by day on `ts` (the migration says so; drizzle-kit cannot), so retention drops
 * or empties whole days. No key: the same reading sent twice is stored twice, as it was sent.
 */
export const telemetry = iotSchema.table(
  'telemetry',
  {
    deviceId: integer('device_id').notNull(),
    key: text('key').notNull(),
    ts: ts('ts').notNull(),
    num: doublePrecision('num'),
    txt: text('txt'),
  },
  (t) => [
    index('telemetry_device_key_ts').on(t.deviceId, t.key, t.ts),
    // The rollup and retention read time ranges across devices: a BRIN on ts (points arrive in time order) finds a
    // range's pages for a few kilobytes, where the btree above would need every device and key.
    index('telemetry_ts_brin').using('brin', t.ts),
  ],
);

/** The latest value per device and key. */
export const latest = iotSchema.table(
  'latest',
  {
    deviceId: integer('device_id').notNull(),
    key: text('key').notNull(),
    ts: ts('ts').notNull(),
    num: doublePrecision('num'),
    txt: text('txt'),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.key] })],
);

/** Min, max, sum and count per device, key and bucket (1m, 1h, 1d) of numeric telemetry; kept past retention. */
export const aggregates = iotSchema.table(
  'aggregates',
  {
    deviceId: integer('device_id').notNull(),
    key: text('key').notNull(),
    interval: text('interval').notNull(),
    bucket: ts('bucket').notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
    sum: doublePrecision('sum').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.key, t.interval, t.bucket] }),
    // The rollup reads the recent buckets of one interval across devices (1h from 1m, 1d from 1h).
    index('aggregates_interval_bucket').on(t.interval, t.bucket),
  ],
);

/** How far the rollup into aggregates has come (one row per interval). */
export const rollupMarks = iotSchema.table('rollup_marks', {
  interval: text('interval').primaryKey(),
  doneUntil: ts('done_until').notNull(),
});

/** Bad payloads counted per device and reason, with the last one seen (never stored as data). */
export const badPayloads = iotSchema.table(
  'bad_payloads',
  {
    deviceId: integer('device_id').notNull(),
    reason: text('reason').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
    lastAt: ts('last_at').notNull(),
    lastSample: text('last_sample'),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.reason] })],
);

/** Rule kinds: see rules/kinds.ts for each one's parameters. */
export type RuleKind = 'threshold' | 'duration' | 'rate' | 'nodata' | 'combination' | 'overweight';

/** An alarm rule of a profile (every device of it) or of one device. */
export const rules = iotSchema.table(
  'rules',
  {
    id: serial('id').primaryKey(),
    profileCode: text('profile_code'),
    deviceId: integer('device_id'),
    name: text('name').notNull(),
    kind: text('kind').$type<RuleKind>().notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** critical, major, minor or warning. */
    severity: text('severity').notNull(),
    /** The events category of the case an alarm opens; null: the alarm opens no case. */
    caseCategory: text('case_category'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('rules_profile').on(t.profileCode), index('rules_device').on(t.deviceId)],
);

/** What a rule remembers between points of a device: since when a condition has held (duration rules). */
export const ruleStates = iotSchema.table(
  'rule_states',
  {
    deviceId: integer('device_id').notNull(),
    ruleId: integer('rule_id').notNull(),
    since: ts('since').notNull(),
    lastValue: doublePrecision('last_value'),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.ruleId] })],
);

/**
 * An alarm (告警): active and unacknowledged, then acknowledged, and cleared when the condition ends. One active
 * alarm per device, rule and subject (a truck's plate for weigh-in-motion; '' otherwise); repeats count.
 */
export const alarms = iotSchema.table(
  'alarms',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deviceId: integer('device_id').notNull(),
    ruleId: integer('rule_id').notNull(),
    subject: text('subject').notNull().default(''),
    severity: text('severity').notNull(),
    message: text('message').notNull(),
    startedAt: ts('started_at').notNull(),
    lastAt: ts('last_at').notNull(),
    count: integer('count').notNull().default(1),
    firstValue: jsonb('first_value').$type<unknown>(),
    lastValue: jsonb('last_value').$type<unknown>(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    clearedAt: ts('cleared_at'),
    /** The case the alarm opened (events), when its rule opens one. */
    caseNumber: text('case_number'),
  },
  (t) => [
    uniqueIndex('alarms_one_active').on(t.deviceId, t.ruleId, t.subject).where(sql`${t.clearedAt} is null`),
    index('alarms_started').on(t.startedAt),
    index('alarms_case').on(t.caseNumber),
  ],
);
