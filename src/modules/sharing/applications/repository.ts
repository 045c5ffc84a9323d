import { and, asc, desc, eq, ilike, inArray, ne, notExists, or, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, pageOf } from '../../../core/db.ts';
import type { ApplicationStatus } from '../contract.ts';
import { applications, decisions } from '../schema.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;

/** Stores a new application. */
export async function insertApplication(db: Db, values: typeof applications.$inferInsert) {
  const [row] = await db.insert(applications).values(values).returning();
  return row!;
}

/** One application. */
export async function findApplication(db: Db, id: number) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row;
}

/** The applications of these ids (those that exist), for naming them in the audit log. */
export function findApplicationsByIds(db: Db, ids: number[]) {
  return ids.length
    ? db.select().from(applications).where(inArray(applications.id, ids))
    : Promise.resolve([]);
}

/**
 * Moves an application on, only from the status `from`: the check and the change are one statement, so two
 * approvers deciding at once cannot both succeed. Undefined when the application was not in that status.
 */
export async function moveApplication(
  db: Db,
  id: number,
  from: ApplicationStatus[],
  values: Partial<typeof applications.$inferInsert>,
) {
  const [row] = await db
    .update(applications)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(applications.id, id), inArray(applications.status, from)))
    .returning();
  return row;
}

/** Adds a decision to an application's timeline. */
export async function insertDecision(db: Db, values: typeof decisions.$inferInsert) {
  const [row] = await db.insert(decisions).values(values).returning();
  return row!;
}

/** An application's decisions, oldest first. */
export function findDecisions(db: Db, applicationId: number) {
  return db
    .select()
    .from(decisions)
    .where(eq(decisions.applicationId, applicationId))
    .orderBy(asc(decisions.decidedAt), asc(decisions.id));
}

/** The stages a person decides; deciding one bars them from the next. */
const decidingStages: DecisionRow['stage'][] = ['provider', 'center'];

/** Who decided a stage of each application (usernames by application id), for separation of duties. */
export async function findDeciders(db: Db, applicationIds: number[]) {
  const byApplication = new Map<number, string[]>();
  if (!applicationIds.length) return byApplication;
  const rows = await db
    .select({ applicationId: decisions.applicationId, decidedBy: decisions.decidedBy })
    .from(decisions)
    .where(and(inArray(decisions.applicationId, applicationIds), inArray(decisions.stage, decidingStages)));
  for (const r of rows)
    byApplication.set(r.applicationId, [...(byApplication.get(r.applicationId) ?? []), r.decidedBy]);
  return byApplication;
}

/** Which applications a list may hold and how it is filtered; every field narrows it. */
export type ApplicationFilter = {
  applicantDepartmentId?: number;
  /**
   * Applications waiting for an approver: at the provider stage those of `providerDepartmentId` (or of every
   * department for 'any'; none for null), and all of those at the center stage when `center`.
   */
  waitingFor?: { providerDepartmentId: number | 'any' | null; center: boolean };
  /** Leaves out the applications a person may not decide: those they applied for, and those they decided a stage of. */
  notFor?: { userId: number; username: string };
  status?: ApplicationStatus;
  resourceIds?: number[];
  departmentId?: number;
  /** Text matched in purpose, consuming system and applicant name, or resources whose name matched. */
  search?: { text: string; resourceIds: number[] };
  page: number;
  pageSize: number;
  sort: 'newest' | 'oldest' | 'updated';
};

const sorts = {
  newest: [desc(applications.createdAt), desc(applications.id)],
  oldest: [asc(applications.createdAt), asc(applications.id)],
  updated: [desc(applications.updatedAt), desc(applications.id)],
};

/** A page of applications matching the filter. */
export function findApplications(db: Db, f: ApplicationFilter) {
  const where: SQL[] = [];
  if (f.applicantDepartmentId !== undefined)
    where.push(eq(applications.applicantDepartmentId, f.applicantDepartmentId));
  if (f.waitingFor) {
    const { providerDepartmentId, center } = f.waitingFor;
    const waiting: SQL[] = [];
    if (providerDepartmentId === 'any') waiting.push(eq(applications.status, 'pending_provider'));
    else if (providerDepartmentId !== null)
      waiting.push(
        and(
          eq(applications.status, 'pending_provider'),
          eq(applications.providerDepartmentId, providerDepartmentId),
        )!,
      );
    if (center) waiting.push(eq(applications.status, 'pending_center'));
    where.push(waiting.length ? or(...waiting)! : sql`false`);
  }
  if (f.notFor) {
    where.push(ne(applications.applicantUserId, f.notFor.userId));
    where.push(
      notExists(
        db
          .select({ one: sql`1` })
          .from(decisions)
          .where(
            and(
              eq(decisions.applicationId, applications.id),
              eq(decisions.decidedBy, f.notFor.username),
              inArray(decisions.stage, decidingStages),
            ),
          ),
      ),
    );
  }
  if (f.status) where.push(eq(applications.status, f.status));
  if (f.resourceIds)
    where.push(f.resourceIds.length ? inArray(applications.resourceId, f.resourceIds) : sql`false`);
  if (f.departmentId !== undefined) where.push(eq(applications.applicantDepartmentId, f.departmentId));
  if (f.search) {
    const like = `%${escapeLike(f.search.text)}%`;
    const matches = [
      ilike(applications.purpose, like),
      ilike(applications.consumingSystem, like),
      ilike(applications.applicantName, like),
    ];
    if (f.search.resourceIds.length) matches.push(inArray(applications.resourceId, f.search.resourceIds));
    where.push(or(...matches)!);
  }
  const filter = where.length ? and(...where) : undefined;
  return pageOf(
    db
      .select()
      .from(applications)
      .where(filter)
      .orderBy(...sorts[f.sort]),
    db.$count(applications, filter),
    f,
  );
}
