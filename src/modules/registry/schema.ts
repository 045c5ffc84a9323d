import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
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
    /**
     * A surrogate number that names the entity in URLs and lists (its `ref`) instead of the key, which for a
     * person is the ID number. Set by its default when the merge inserts the entity; upserts keep it.
     */
    id: bigserial('id', { mode: 'number' }).notNull(),
    registry: text('registry').notNull(),
    key: text('key').notNull(),
    values: jsonb('values').$type<Record<string, string>>().notNull(),
    provenance: jsonb('provenance').$type<Provenance>().notNull(),
    /** Lower-case name and its pinyin initials, what people type to find an entity (张三 → "张三 zs"). */
    search: text('search'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.registry, t.key] }),
    uniqueIndex('entities_id_idx').on(t.id),
    // The sharing API's change feed walks a registry in (updated_at, key) order from a cursor: without this, every
    // page of it sorts the whole registry (350 ms a page for 800,000 people).
    index('entities_changes_idx').on(t.registry, t.updatedAt, t.key),
  ],
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

/** Each issuing department's SM2 key pairs; the newest unretired one signs, every one still verifies. */
export const signingKeys = registrySchema.table(
  'signing_keys',
  {
    id: serial('id').primaryKey(),
    departmentId: integer('department_id').notNull(),
    publicKey: text('public_key').notNull(),
    /** Hex private key. Kept in the database like the session secrets; an HSM adapter would replace it. */
    privateKey: text('private_key').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    retiredAt: ts('retired_at'),
  },
  (t) => [index('signing_keys_department_idx').on(t.departmentId)],
);

/** E-licenses issued in OneCity (无证城市), with their signature; the license registry merges them in. */
export const licenses = registrySchema.table(
  'licenses',
  {
    licenseId: text('license_id').primaryKey(),
    holderId: text('holder_id').notNull(),
    holderIdType: text('holder_id_type').$type<'111' | '001'>().notNull(),
    holderName: text('holder_name').notNull(),
    typeCode: text('type_code').notNull(),
    typeName: text('type_name').notNull(),
    issuerDepartmentId: integer('issuer_department_id').notNull(),
    issuerCode: text('issuer_code').notNull(),
    issueDate: date('issue_date').notNull(),
    validUntil: date('valid_until'),
    /** The signed fields exactly as signed (canonical JSON), so verification never depends on re-deriving them. */
    signedFields: jsonb('signed_fields').$type<Record<string, string>>().notNull(),
    signature: text('signature').notNull(),
    keyId: integer('key_id').notNull(),
    revokedAt: ts('revoked_at'),
    revokedBy: text('revoked_by'),
    revokeReason: text('revoke_reason'),
    issuedBy: text('issued_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('licenses_holder_idx').on(t.holderId), index('licenses_issuer_idx').on(t.issuerDepartmentId)],
);

/** The last serial used per issuer and license type, so identifiers are allocated without gaps or repeats. */
export const licenseSerials = registrySchema.table(
  'license_serials',
  {
    issuerCode: text('issuer_code').notNull(),
    typeCode: text('type_code').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuerCode, t.typeCode] })],
);

/** A department's objection to a registry value (数据纠错), sent to the source department and tracked to closure. */
export const objections = registrySchema.table(
  'objections',
  {
    id: serial('id').primaryKey(),
    registry: text('registry').notNull(),
    key: text('key').notNull(),
    item: text('item').notNull(),
    /** The merged value objected to, and what the raising department says it should be. */
    currentValue: text('current_value'),
    proposedValue: text('proposed_value'),
    reason: text('reason').notNull(),
    /** The source (resource alias) the merged value came from, and its provider department. */
    source: text('source'),
    sourceDepartmentId: integer('source_department_id'),
    raisedByDepartmentId: integer('raised_by_department_id'),
    raisedBy: text('raised_by').notNull(),
    status: text('status').$type<'open' | 'accepted' | 'rejected' | 'closed'>().notNull(),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredAt: ts('answered_at'),
    closedBy: text('closed_by'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('objections_status_idx').on(t.status, t.createdAt),
    index('objections_entity_idx').on(t.registry, t.key),
  ],
);

/** Every step of an objection (raised, accepted, rejected, closed, commented), for its timeline. */
export const objectionEvents = registrySchema.table(
  'objection_events',
  {
    id: serial('id').primaryKey(),
    objectionId: integer('objection_id')
      .notNull()
      .references(() => objections.id),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('objection_events_objection_idx').on(t.objectionId)],
);
