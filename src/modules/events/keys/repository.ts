import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { apiKeys } from '../schema.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Every key, newest first. */
export function listKeys(db: Db): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Stores a new key (its hash). */
export async function insertKey(db: Db, values: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values(values).returning();
  return row!;
}

/** One key by id. */
export async function findKey(db: Db, id: number): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row;
}

/** The key whose SHA-256 is `hash`, revoked or not. */
export async function findKeyByHash(db: Db, hash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, hash));
  return row;
}

/** Revokes a key not revoked yet; undefined when it was already revoked (or is not there). */
export async function revokeKey(db: Db, id: number, at: Date): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

/** Notes that a key was used, unless that was noted after `since` already (one write a while, not one a call). */
export async function touchKey(db: Db, id: number, at: Date, since: Date) {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, since))));
}
