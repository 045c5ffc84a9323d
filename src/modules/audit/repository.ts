import { and, asc, count, desc, eq, gt, gte, ilike, lte, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, pageOf, queryRows } from '../../core/db.ts';
import { type ChainedFields, entryHash, GENESIS_HASH } from './chain.ts';
import type { Checkpoint } from './checkpoints.ts';
import type { AuditQuery } from './contract.ts';
import { auditCheckpoints, auditEntries } from './schema.ts';

// Any fixed number: the advisory lock that keeps the chain in one line across processes.
const AUDIT_CHAIN_LOCK = 4301120002;

/** Appends one entry to the chain. Runs in (a savepoint of) a transaction so the lock holds until commit. */
export async function appendEntry(db: Db, fields: Omit<ChainedFields, 'prevHash'>) {
  return db.transaction(async (tx) => {
    await queryRows(tx, sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx
      .select({ hash: auditEntries.hash })
      .from(auditEntries)
      .orderBy(desc(auditEntries.id))
      .limit(1);
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = entryHash({ ...fields, prevHash });
    const [row] = await tx
      .insert(auditEntries)
      .values({ ...fields, prevHash, hash })
      .returning({ id: auditEntries.id });
    return row!.id;
  });
}

/**
 * Appends entries to the chain in their order, with one lock, one read of the head and one insert for all of them
 * (a batch of cases written together). Runs in (a savepoint of) a transaction so the lock holds until commit.
 */
export async function appendEntries(db: Db, entries: Omit<ChainedFields, 'prevHash'>[]): Promise<number[]> {
  if (!entries.length) return [];
  return db.transaction(async (tx) => {
    await queryRows(tx, sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx
      .select({ hash: auditEntries.hash })
      .from(auditEntries)
      .orderBy(desc(auditEntries.id))
      .limit(1);
    let prevHash = last?.hash ?? GENESIS_HASH;
    const values = entries.map((fields) => {
      const hash = entryHash({ ...fields, prevHash });
      const row = { ...fields, prevHash, hash };
      prevHash = hash;
      return row;
    });
    // One multi-row insert takes its ids in the order of its rows, which is the chain's order.
    const rows = await tx.insert(auditEntries).values(values).returning({ id: auditEntries.id });
    return rows.map((r) => r.id);
  });
}

/** One page of entries matching the filters, with the total count. */
export async function findEntries(db: Db, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.actor) where.push(ilike(auditEntries.actorName, `%${escapeLike(q.actor)}%`));
  if (q.action) where.push(ilike(auditEntries.action, `${escapeLike(q.action)}%`));
  if (q.targetType) where.push(eq(auditEntries.targetType, q.targetType));
  if (q.targetId) where.push(eq(auditEntries.targetId, q.targetId));
  if (q.outcome) where.push(eq(auditEntries.outcome, q.outcome));
  if (q.from) where.push(gte(auditEntries.at, new Date(q.from)));
  if (q.to) where.push(lte(auditEntries.at, new Date(q.to)));
  const filter = where.length ? and(...where) : undefined;
  return pageOf(
    db
      .select()
      .from(auditEntries)
      .where(filter)
      .orderBy(q.sort === 'oldest' ? asc(auditEntries.id) : desc(auditEntries.id)),
    db.$count(auditEntries, filter),
    q,
  );
}

/** Entries after `afterId` in chain order, for verification. */
export function entriesAfter(db: Db, afterId: number, limit: number) {
  return db
    .select()
    .from(auditEntries)
    .where(gt(auditEntries.id, afterId))
    .orderBy(asc(auditEntries.id))
    .limit(limit);
}

/** Distinct action names, for the console's filter. */
export async function distinctActions(db: Db) {
  const rows = await db
    .selectDistinct({ action: auditEntries.action })
    .from(auditEntries)
    .orderBy(auditEntries.action);
  return rows.map((r) => r.action);
}

/** Number of entries. */
export async function countEntries(db: Db) {
  const [row] = await db.select({ n: count() }).from(auditEntries);
  return row?.n ?? 0;
}

/** Events of one action on one target: an entry counts as its `detail.count` (per-minute tallies), else as one. */
export async function countEvents(db: Db, action: string, targetType: string, targetId: string) {
  const [row] = await db
    .select({ n: sql<string>`coalesce(sum(coalesce((${auditEntries.detail}->>'count')::int, 1)), 0)` })
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.action, action),
        eq(auditEntries.targetType, targetType),
        eq(auditEntries.targetId, targetId),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Events of one action per target id (every target type), counted as countEvents counts them. */
export async function countEventsByTarget(db: Db, action: string) {
  const rows = await db
    .select({
      targetId: auditEntries.targetId,
      n: sql<string>`coalesce(sum(coalesce((${auditEntries.detail}->>'count')::int, 1)), 0)`,
    })
    .from(auditEntries)
    .where(eq(auditEntries.action, action))
    .groupBy(auditEntries.targetId);
  return new Map(rows.map((r) => [r.targetId ?? '', Number(r.n)]));
}

/** The chain's head: its entry count, newest id and hash, read in one statement (one snapshot); null when empty. */
export async function chainHead(db: Db) {
  const [row] = await queryRows<{ count: string | number; id: string | number; hash: string }>(
    db,
    sql`select (select count(*) from ${auditEntries}) as count, ${auditEntries.id} as id, ${auditEntries.hash} as hash
        from ${auditEntries} order by ${auditEntries.id} desc limit 1`,
  );
  return row ? { count: Number(row.count), headId: Number(row.id), headHash: row.hash } : null;
}

/** Stores a checkpoint in the database's copy. */
export async function insertCheckpoint(db: Db, c: Checkpoint) {
  await db.insert(auditCheckpoints).values({
    at: new Date(c.at),
    entryCount: c.count,
    headId: c.headId,
    headHash: c.headHash,
    keyId: c.keyId,
    signature: c.signature,
  });
}

/** Every checkpoint of the database's copy, oldest first. */
export async function allCheckpoints(db: Db): Promise<Checkpoint[]> {
  const rows = await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.id));
  return rows.map((r) => ({
    count: r.entryCount,
    headId: r.headId,
    headHash: r.headHash,
    // The time as signed: toISOString of the stored instant (stored to the microsecond, signed to the millisecond).
    at: r.at.toISOString(),
    keyId: r.keyId,
    signature: r.signature,
  }));
}

/** The newest checkpoint of the database's copy, or null. */
export async function newestCheckpoint(db: Db) {
  const [row] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
  return row ? { count: row.entryCount, headHash: row.headHash } : null;
}
