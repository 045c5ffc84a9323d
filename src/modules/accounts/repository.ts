import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  gt,
  ilike,
  isNull,
  lt,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { type Db, escapeLike, pageOf } from '../../core/db.ts';
import type { UserQuery } from './contract.ts';
import { apiTokens, sessions, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;

/** Number of users. */
export async function countUsers(db: Db) {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/** Active users holding the admin role, other than `exceptId`. */
export async function countOtherActiveAdmins(db: Db, exceptId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.active, true), arrayContains(users.roles, ['admin']), ne(users.id, exceptId)));
  return row?.n ?? 0;
}

/** One user by user name. */
export async function findUserByUsername(db: Db, username: string) {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

/** The user whose account carries this ID number (a citizen's). */
export async function findUserByIdNumber(db: Db, idNumber: string) {
  const [row] = await db.select().from(users).where(eq(users.idNumber, idNumber));
  return row;
}

/** Up to `limit` users whose accounts carry this mobile number. */
export function findUsersByPhone(db: Db, phone: string, limit = 2) {
  return db.select().from(users).where(eq(users.phone, phone)).orderBy(asc(users.id)).limit(limit);
}

/** One user by id. */
export async function findUserById(db: Db, id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

const userSorts = {
  username: [asc(users.username)],
  displayName: [asc(users.displayName), asc(users.id)],
  created: [desc(users.createdAt), desc(users.id)],
  lastLogin: [sql`${users.lastLoginAt} desc nulls last`, asc(users.id)],
};

/** One page of users matching the filters. */
export async function findUsers(db: Db, q: UserQuery) {
  const where: SQL[] = [];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (q.departmentId) where.push(eq(users.departmentId, q.departmentId));
  if (q.role) where.push(arrayContains(users.roles, [q.role]));
  if (q.active) where.push(eq(users.active, q.active === 'true'));
  const filter = where.length ? and(...where) : undefined;
  return pageOf(
    db
      .select()
      .from(users)
      .where(filter)
      .orderBy(...userSorts[q.sort]),
    db.$count(users, filter),
    q,
  );
}

/** Inserts a user. */
export async function insertUser(db: Db, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

/** Updates a user's columns. */
export async function updateUser(db: Db, id: number, values: Partial<typeof users.$inferInsert>) {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/** Stores a session. */
export async function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

/** A session with its user. */
export async function findSession(db: Db, id: string) {
  const [row] = await db
    .select()
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  return row;
}

/** Marks a session as used now. */
export async function touchSession(db: Db, id: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

/** Removes one session. */
export async function deleteSession(db: Db, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Removes a user's sessions, except `keepId` when given. */
export async function deleteUserSessions(db: Db, userId: number, keepId?: string) {
  await db
    .delete(sessions)
    .where(keepId ? and(eq(sessions.userId, userId), ne(sessions.id, keepId)) : eq(sessions.userId, userId));
}

/** Removes sessions that can no longer be used. */
export async function deleteExpiredSessions(db: Db, idleBefore: Date, now: Date) {
  await db.delete(sessions).where(or(lt(sessions.lastSeenAt, idleBefore), lt(sessions.expiresAt, now)));
}

/** Stores an API token. */
export async function insertToken(db: Db, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

/** A live (not revoked, not expired) token with its user. */
export async function findLiveToken(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return row;
}

/** Marks a token as used now. */
export async function touchToken(db: Db, id: number, at: Date) {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

/** A user's tokens, newest first. */
export function findUserTokens(db: Db, userId: number) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id));
}

/** Revokes one of a user's tokens; returns it when it was theirs. */
export async function revokeToken(db: Db, userId: number, id: number, at: Date) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}
