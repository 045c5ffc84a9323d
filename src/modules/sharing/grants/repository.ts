import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { type Db, pageOf } from '../../../core/db.ts';
import { CREDENTIALS_CHANNEL } from '../api/credential-cache.ts';
import type { GrantStatus } from '../contract.ts';
import { credentials, grants } from '../schema.ts';

export type GrantRow = typeof grants.$inferSelect;
export type CredentialRow = typeof credentials.$inferSelect;

/** Stores the grant of an approved application. */
export async function insertGrant(db: Db, values: typeof grants.$inferInsert) {
  const [row] = await db.insert(grants).values(values).returning();
  return row!;
}

/** One grant. */
export async function findGrant(db: Db, id: number) {
  const [row] = await db.select().from(grants).where(eq(grants.id, id));
  return row;
}

/** The grants of these ids (those that exist), for naming them in the audit log. */
export function findGrantsByIds(db: Db, ids: number[]) {
  return ids.length ? db.select().from(grants).where(inArray(grants.id, ids)) : Promise.resolve([]);
}

/** The grant of an application, if it was approved. */
export async function findGrantOfApplication(db: Db, applicationId: number) {
  const [row] = await db.select().from(grants).where(eq(grants.applicationId, applicationId));
  return row;
}

/** The SQL condition of a grant status at `now` (see grantStatusAt for the same rule in code). */
function statusIs(status: GrantStatus, now: Date): SQL {
  switch (status) {
    case 'revoked':
      return isNotNull(grants.revokedAt);
    case 'not_yet_valid':
      return and(isNull(grants.revokedAt), gt(grants.validFrom, now))!;
    case 'expired':
      return and(isNull(grants.revokedAt), lte(grants.expiresAt, now))!;
    case 'active':
      return and(isNull(grants.revokedAt), lte(grants.validFrom, now), gt(grants.expiresAt, now))!;
  }
}

/** Which grants a list holds; every field narrows it. `resourceIds` lists the resources allowed (any when unset). */
export type GrantFilter = {
  consumerDepartmentId?: number;
  resourceIds?: number[];
  status?: GrantStatus;
  now: Date;
  page: number;
  pageSize: number;
};

/** A page of grants, newest first. */
export function findGrants(db: Db, f: GrantFilter) {
  const where: SQL[] = [];
  if (f.consumerDepartmentId !== undefined)
    where.push(eq(grants.consumerDepartmentId, f.consumerDepartmentId));
  if (f.resourceIds)
    where.push(f.resourceIds.length ? inArray(grants.resourceId, f.resourceIds) : sql`false`);
  if (f.status) where.push(statusIs(f.status, f.now));
  const filter = where.length ? and(...where) : undefined;
  return pageOf(
    db.select().from(grants).where(filter).orderBy(desc(grants.createdAt), desc(grants.id)),
    db.$count(grants, filter),
    f,
  );
}

/**
 * The items and raw items of a department's live grants of a resource (several grants: their union); null when it
 * has none.
 */
export async function findLiveGrantItems(db: Db, resourceId: number, departmentId: number) {
  const rows = await db
    .select({ items: grants.items, rawItems: grants.rawItems })
    .from(grants)
    .where(
      and(
        eq(grants.resourceId, resourceId),
        eq(grants.consumerDepartmentId, departmentId),
        isNull(grants.revokedAt),
        lte(grants.validFrom, sql`now()`),
        gt(grants.expiresAt, sql`now()`),
      ),
    );
  if (!rows.length) return null;
  return {
    items: [...new Set(rows.flatMap((r) => r.items))],
    rawItems: [...new Set(rows.flatMap((r) => r.rawItems))],
  };
}

/**
 * Tells every process that a credential's or grant's state changed, so that sharing API calls stop trusting their
 * cached copies (api/credential-cache.ts). Sent in the writing transaction: delivered when, and only if, it commits.
 */
async function announceChange(db: Db) {
  await db.execute(sql`select pg_notify(${CREDENTIALS_CHANNEL}, '')`);
}

/** Revokes a grant unless it is revoked already (one statement, so two revocations cannot both succeed). */
export async function revokeGrant(db: Db, id: number, by: string, reason: string, at: Date) {
  const [row] = await db
    .update(grants)
    .set({ revokedAt: at, revokedBy: by, revokeReason: reason })
    .where(and(eq(grants.id, id), isNull(grants.revokedAt)))
    .returning();
  await announceChange(db);
  return row;
}

/** Sets a grant's rate limit and daily quota. */
export async function updateGrantLimits(
  db: Db,
  id: number,
  values: { ratePerMinute?: number; dailyQuota?: number },
) {
  const [row] = await db.update(grants).set(values).where(eq(grants.id, id)).returning();
  await announceChange(db);
  return row;
}

/** Stores a new credential. */
export async function insertCredential(db: Db, values: typeof credentials.$inferInsert) {
  const [row] = await db.insert(credentials).values(values).returning();
  return row!;
}

/**
 * Gives a grant's live credentials without an end (not revoked, not already rotated) the end `expiresAt`:
 * they keep working until then, while the consumer switches to the new one.
 */
export async function expireLiveCredentials(db: Db, grantId: number, expiresAt: Date) {
  await announceChange(db);
  return db
    .update(credentials)
    .set({ expiresAt })
    .where(
      and(eq(credentials.grantId, grantId), isNull(credentials.revokedAt), isNull(credentials.expiresAt)),
    )
    .returning({ keyId: credentials.keyId });
}

/** A grant's credentials, newest first. */
export function findCredentials(db: Db, grantId: number) {
  return db
    .select()
    .from(credentials)
    .where(eq(credentials.grantId, grantId))
    .orderBy(desc(credentials.createdAt), desc(credentials.id));
}

/** One credential. */
export async function findCredential(db: Db, id: number) {
  const [row] = await db.select().from(credentials).where(eq(credentials.id, id));
  return row;
}

/** Revokes a credential unless it is revoked already. */
export async function revokeCredential(db: Db, id: number, by: string, at: Date) {
  const [row] = await db
    .update(credentials)
    .set({ revokedAt: at, revokedBy: by })
    .where(and(eq(credentials.id, id), isNull(credentials.revokedAt)))
    .returning();
  await announceChange(db);
  return row;
}
