import { and, asc, count, desc, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, pageOf } from '../../core/db.ts';
import type { ResourceQuery } from './contract.ts';
import { resources, resourceVersions } from './schema.ts';

export type ResourceRow = typeof resources.$inferSelect;
export type ResourceValues = Omit<typeof resources.$inferInsert, 'id' | 'createdAt'>;

const sorts = {
  code: [asc(resources.code)],
  name: [asc(resources.name), asc(resources.id)],
  updated: [desc(resources.updatedAt), desc(resources.id)],
};

/** One page of resources matching the filters; `q` matches the search text (names, items, pinyin). */
export async function findResources(db: Db, q: ResourceQuery) {
  const where: SQL[] = [];
  if (q.q) {
    const text = `%${escapeLike(q.q.toLowerCase())}%`;
    where.push(or(like(resources.searchText, text), ilike(resources.code, text))!);
  }
  if (q.classification) where.push(eq(resources.classification, q.classification));
  if (q.classCode) where.push(like(resources.classCode, `${q.classCode}%`));
  if (q.departmentId) where.push(eq(resources.providerDepartmentId, q.departmentId));
  if (q.shareType) where.push(eq(resources.shareType, q.shareType));
  if (q.openType) where.push(eq(resources.openType, q.openType));
  const filter = where.length ? and(...where) : undefined;
  return pageOf(
    db
      .select()
      .from(resources)
      .where(filter)
      .orderBy(...sorts[q.sort]),
    db.$count(resources, filter),
    q,
  );
}

/** A resource by code or alias. */
export async function findResource(db: Db, codeOrAlias: string) {
  const [row] = await db
    .select()
    .from(resources)
    .where(or(eq(resources.code, codeOrAlias), eq(resources.alias, codeOrAlias)));
  return row;
}

/** The next free sequence number under a classification code. */
export async function nextSequence(db: Db, classCode: string) {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(split_part(${resources.code}, '/', 2)::int), 0)::int` })
    .from(resources)
    .where(eq(resources.classCode, classCode));
  return (row?.n ?? 0) + 1;
}

/** Inserts a resource. */
export async function insertResource(db: Db, values: ResourceValues) {
  const [row] = await db.insert(resources).values(values).returning();
  return row!;
}

/** Replaces a resource's fields if it is still at `version`; returns undefined when someone else saved first. */
export async function updateResource(db: Db, id: number, version: number, values: Partial<ResourceValues>) {
  const [row] = await db
    .update(resources)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(resources.id, id), eq(resources.version, version)))
    .returning();
  return row;
}

/** Keeps a whole version of a resource. */
export async function insertVersion(db: Db, values: typeof resourceVersions.$inferInsert) {
  await db.insert(resourceVersions).values(values);
}

/** A resource's version history, newest first. */
export function findVersions(db: Db, resourceId: number) {
  return db
    .select({
      version: resourceVersions.version,
      changedBy: resourceVersions.changedBy,
      changedAt: resourceVersions.changedAt,
      changeNote: resourceVersions.changeNote,
    })
    .from(resourceVersions)
    .where(eq(resourceVersions.resourceId, resourceId))
    .orderBy(desc(resourceVersions.version));
}

/** One saved version's snapshot. */
export async function findSnapshot(db: Db, resourceId: number, version: number) {
  const [row] = await db
    .select({ snapshot: resourceVersions.snapshot })
    .from(resourceVersions)
    .where(and(eq(resourceVersions.resourceId, resourceId), eq(resourceVersions.version, version)));
  return row?.snapshot;
}

/** Resource counts per classification code, for the browse tree. */
export function countByClassCode(db: Db) {
  return db
    .select({ classCode: resources.classCode, n: count() })
    .from(resources)
    .groupBy(resources.classCode)
    .orderBy(resources.classCode);
}

/** Number of resources. */
export async function countResources(db: Db) {
  const [row] = await db.select({ n: count() }).from(resources);
  return row?.n ?? 0;
}
