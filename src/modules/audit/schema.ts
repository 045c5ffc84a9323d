import { bigint, bigserial, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const auditSchema = pgSchema('audit');

/** The append-only, hash-chained audit log. A trigger refuses updates and deletes. */
export const auditEntries = auditSchema.table(
  'entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    outcome: text('outcome').notNull(),
    clientIp: text('client_ip'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('entries_at_idx').on(t.at),
    index('entries_actor_idx').on(t.actorName),
    index('entries_action_idx').on(t.action),
  ],
);

/**
 * Signed checkpoints of the chain's head, kept apart from the entries (and also in the data directory's
 * audit-checkpoints.log), so deleting the newest entries is noticed. The signature, by a key kept in the data
 * directory, makes a row a database superuser edits or adds show as forged.
 */
export const auditAnchorSchema = pgSchema('audit_anchor');

export const auditCheckpoints = auditAnchorSchema.table('checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  entryCount: bigint('entry_count', { mode: 'number' }).notNull(),
  headId: bigint('head_id', { mode: 'number' }).notNull(),
  headHash: text('head_hash').notNull(),
  keyId: text('key_id').notNull(),
  signature: text('signature').notNull(),
});
