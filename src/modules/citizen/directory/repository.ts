/** The SQL of the services directory and the center's notices. */
import { and, asc, desc, eq, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, pageOf } from '../../../core/db.ts';
import { notices, services } from '../schema.ts';
import type { AdminNoticesQuery, AdminServicesQuery } from './contract.ts';

export type ServiceRow = typeof services.$inferSelect;
export type NoticeRow = typeof notices.$inferSelect;

/** The filter of a directory search: words in the name, summary, category or place; the state. */
function serviceFilter(q: { q?: string; state?: AdminServicesQuery['state'] }): SQL | undefined {
  const where: SQL[] = [];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(
      or(
        sql`${services.name} like ${like}`,
        sql`${services.summary} like ${like}`,
        sql`${services.category} like ${like}`,
        sql`${services.place} like ${like}`,
      )!,
    );
  }
  if (q.state === 'active') where.push(eq(services.active, true));
  if (q.state === 'inactive') where.push(eq(services.active, false));
  return where.length ? and(...where) : undefined;
}

/** One page of services in the directory's order, and the categories of the search (before the category filter). */
export async function findServices(db: Db, q: AdminServicesQuery) {
  const base = serviceFilter(q);
  const filter = q.category ? and(base, eq(services.category, q.category)) : base;
  const [page, categories] = await Promise.all([
    pageOf(
      db.select().from(services).where(filter).orderBy(asc(services.sortOrder), asc(services.id)),
      db.$count(services, filter),
      q,
    ),
    db
      .select({ category: services.category, count: sql<number>`count(*)::int` })
      .from(services)
      .where(base)
      .groupBy(services.category)
      .orderBy(sql`min(${services.sortOrder})`, asc(services.category)),
  ]);
  return { ...page, categories };
}

/** One service, or undefined. */
export async function findService(db: Db, id: number): Promise<ServiceRow | undefined> {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  return row;
}

/** The service of this name, or undefined (names are kept unique by the service). */
export async function findServiceByName(db: Db, name: string): Promise<ServiceRow | undefined> {
  const [row] = await db.select().from(services).where(eq(services.name, name)).limit(1);
  return row;
}

/** Stores a new service. */
export async function insertService(db: Db, row: typeof services.$inferInsert): Promise<ServiceRow> {
  const [created] = await db.insert(services).values(row).returning();
  return created!;
}

/** Replaces a service's fields; undefined when there is none. */
export async function updateService(
  db: Db,
  id: number,
  row: Partial<typeof services.$inferInsert>,
): Promise<ServiceRow | undefined> {
  const [updated] = await db.update(services).set(row).where(eq(services.id, id)).returning();
  return updated;
}

/** Removes a service; undefined when there was none. */
export async function deleteService(db: Db, id: number): Promise<ServiceRow | undefined> {
  const [deleted] = await db.delete(services).where(eq(services.id, id)).returning();
  return deleted;
}

/** Published at or before `now`. */
const published = (now: Date) => and(isNotNull(notices.publishedAt), lte(notices.publishedAt, now))!;

/** One page of published notices: pinned first, then the newest. */
export function findPublishedNotices(db: Db, now: Date, paging: { page: number; pageSize: number }) {
  const filter = published(now);
  return pageOf(
    db
      .select()
      .from(notices)
      .where(filter)
      .orderBy(desc(notices.pinned), desc(notices.publishedAt), desc(notices.id)),
    db.$count(notices, filter),
    paging,
  );
}

/** One published notice, or undefined (a draft too). */
export async function findPublishedNotice(db: Db, id: number, now: Date): Promise<NoticeRow | undefined> {
  const [row] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.id, id), published(now)));
  return row;
}

/** The console's page of notices: drafts first, then pinned, then the newest. */
export function findNotices(db: Db, q: AdminNoticesQuery) {
  const where: SQL[] = [];
  if (q.q) where.push(sql`${notices.title} like ${`%${escapeLike(q.q)}%`}`);
  if (q.state === 'draft') where.push(isNull(notices.publishedAt));
  if (q.state === 'published') where.push(isNotNull(notices.publishedAt));
  const filter = where.length ? and(...where) : undefined;
  return pageOf(
    db
      .select()
      .from(notices)
      .where(filter)
      .orderBy(
        sql`${notices.publishedAt} is not null`,
        desc(notices.pinned),
        desc(notices.publishedAt),
        desc(notices.id),
      ),
    db.$count(notices, filter),
    q,
  );
}

/** One notice, drafts too, or undefined. */
export async function findNotice(db: Db, id: number): Promise<NoticeRow | undefined> {
  const [row] = await db.select().from(notices).where(eq(notices.id, id));
  return row;
}

/** The notice of this title, or undefined (for the demo seed's second run). */
export async function findNoticeByTitle(db: Db, title: string): Promise<NoticeRow | undefined> {
  const [row] = await db.select().from(notices).where(eq(notices.title, title)).limit(1);
  return row;
}

/** Stores a new notice. */
export async function insertNotice(db: Db, row: typeof notices.$inferInsert): Promise<NoticeRow> {
  const [created] = await db.insert(notices).values(row).returning();
  return created!;
}

/** Changes a notice; undefined when there is none. */
export async function updateNotice(
  db: Db,
  id: number,
  row: Partial<typeof notices.$inferInsert>,
): Promise<NoticeRow | undefined> {
  const [updated] = await db.update(notices).set(row).where(eq(notices.id, id)).returning();
  return updated;
}

/** Removes a notice; undefined when there was none. */
export async function deleteNotice(db: Db, id: number): Promise<NoticeRow | undefined> {
  const [deleted] = await db.delete(notices).where(eq(notices.id, id)).returning();
  return deleted;
}
