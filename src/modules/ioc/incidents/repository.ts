import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { type Db, type Paging, pageOf } from '../../../core/db.ts';
import { incidents } from '../schema.ts';

export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentValues = typeof incidents.$inferInsert;

/** The open incident (there is at most one: a unique index says so). */
export async function findOpen(db: Db): Promise<IncidentRow | undefined> {
  const [row] = await db.select().from(incidents).where(isNull(incidents.endedAt));
  return row;
}

/** One incident by id. */
export async function findById(db: Db, id: number): Promise<IncidentRow | undefined> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  return row;
}

/** Stores a new incident; fails on the unique index while another is open. */
export async function insertIncident(db: Db, values: IncidentValues): Promise<IncidentRow> {
  const [row] = await db.insert(incidents).values(values).returning();
  return row!;
}

/** Ends an incident if it is still open (check and change in one statement); undefined when it was not. */
export async function endIncident(
  db: Db,
  id: number,
  values: Pick<IncidentValues, 'endedAt' | 'endedBy' | 'endedByName' | 'endNote'>,
): Promise<IncidentRow | undefined> {
  const [row] = await db
    .update(incidents)
    .set(values)
    .where(and(eq(incidents.id, id), isNull(incidents.endedAt)))
    .returning();
  return row;
}

/** One page of incidents, newest first. */
export function listIncidents(db: Db, paging: Paging) {
  const query = db.select().from(incidents).orderBy(desc(incidents.startedAt), desc(incidents.id));
  return pageOf(query, db.$count(incidents), paging);
}

/** The titles of the incidents of these ids (for the audit page). */
export function titlesOf(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({ id: incidents.id, title: incidents.title })
    .from(incidents)
    .where(inArray(incidents.id, ids));
}
