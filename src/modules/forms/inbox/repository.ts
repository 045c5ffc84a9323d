import { and, asc, count, desc, eq, gt, ilike, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, type Paging, pageOf } from '../../../core/db.ts';
import { deliveries, forms, submissions } from '../schema.ts';

export type SubmissionRow = typeof submissions.$inferSelect;

/** Which deliveries an inbox holds; every field narrows it (no department: every department's). */
export type InboxFilter = {
  departmentId?: number;
  formId?: number;
  q?: string;
  read?: boolean;
  /** Days (YYYY-MM-DD, Asia/Shanghai), both included. */
  from?: string;
  to?: string;
};

/** Submitted on or after the start of `from` and before the end of `to`, days as the district counts them. */
function submittedBetween(from?: string, to?: string): SQL | undefined {
  return and(
    from
      ? sql`${submissions.submittedAt} >= (${from}::date)::timestamp at time zone 'Asia/Shanghai'`
      : undefined,
    to
      ? sql`${submissions.submittedAt} < (${to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`
      : undefined,
  );
}

function inboxWhere(f: InboxFilter): SQL | undefined {
  const words = f.q ? `%${escapeLike(f.q)}%` : undefined;
  return and(
    f.departmentId !== undefined ? eq(deliveries.departmentId, f.departmentId) : undefined,
    f.formId !== undefined ? eq(submissions.formId, f.formId) : undefined,
    f.read === true ? isNotNull(deliveries.readAt) : f.read === false ? isNull(deliveries.readAt) : undefined,
    words ? or(ilike(submissions.subjectName, words), eq(submissions.subjectKey, f.q!)) : undefined,
    submittedBetween(f.from, f.to),
  );
}

/** One page of deliveries with their submissions and forms, newest first. */
export function findInbox(db: Db, filter: InboxFilter, paging: Paging) {
  const where = inboxWhere(filter);
  return pageOf(
    db
      .select({
        submissionId: submissions.id,
        departmentId: deliveries.departmentId,
        readAt: deliveries.readAt,
        formId: forms.id,
        formCode: forms.code,
        formTitle: forms.title,
        formVersion: submissions.formVersion,
        subjectKind: submissions.subjectKind,
        subjectName: submissions.subjectName,
        subjectKey: submissions.subjectKey,
        submittedAt: submissions.submittedAt,
      })
      .from(deliveries)
      .innerJoin(submissions, eq(submissions.id, deliveries.submissionId))
      .innerJoin(forms, eq(forms.id, submissions.formId))
      .where(where)
      .orderBy(desc(submissions.submittedAt), desc(submissions.id), asc(deliveries.departmentId)),
    db
      .select({ n: count() })
      .from(deliveries)
      .innerJoin(submissions, eq(submissions.id, deliveries.submissionId))
      .where(where)
      .then((rows) => rows[0]?.n ?? 0),
    paging,
  );
}

/** Unread deliveries of one department, or of all. */
export async function countUnread(db: Db, departmentId?: number): Promise<number> {
  return db.$count(
    deliveries,
    and(
      isNull(deliveries.readAt),
      departmentId !== undefined ? eq(deliveries.departmentId, departmentId) : undefined,
    ),
  );
}

/** One submission. */
export async function findSubmission(db: Db, id: number): Promise<SubmissionRow | undefined> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
  return row;
}

/** The departments a submission was delivered to, with when each read it. */
export function findDeliveries(db: Db, submissionId: number) {
  return db
    .select({ departmentId: deliveries.departmentId, readAt: deliveries.readAt })
    .from(deliveries)
    .where(eq(deliveries.submissionId, submissionId))
    .orderBy(asc(deliveries.departmentId));
}

/** Marks a department's delivery read (the first reading counts); true when it was unread. */
export async function markRead(
  db: Db,
  submissionId: number,
  departmentId: number,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(deliveries)
    .set({ readAt: at })
    .where(
      and(
        eq(deliveries.submissionId, submissionId),
        eq(deliveries.departmentId, departmentId),
        isNull(deliveries.readAt),
      ),
    )
    .returning({ submissionId: deliveries.submissionId });
  return rows.length > 0;
}

/** Whether a department has ever been delivered a submission of the form. */
export async function hasDeliveries(db: Db, formId: number, departmentId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(deliveries)
    .innerJoin(submissions, eq(submissions.id, deliveries.submissionId))
    .where(and(eq(submissions.formId, formId), eq(deliveries.departmentId, departmentId)))
    .limit(1);
  return !!row;
}

/** What an export reads: a form's submissions, those delivered to one department or all, in a period. */
export type ExportFilter = { formId: number; departmentId?: number; from?: string; to?: string };

function exportWhere(f: ExportFilter): SQL | undefined {
  return and(
    eq(submissions.formId, f.formId),
    f.departmentId !== undefined
      ? sql`exists (select 1 from ${deliveries} where ${deliveries.submissionId} = ${submissions.id} and ${deliveries.departmentId} = ${f.departmentId})`
      : undefined,
    submittedBetween(f.from, f.to),
  );
}

/** How many submissions an export holds. */
export function countExport(db: Db, f: ExportFilter): Promise<number> {
  return db.$count(submissions, exportWhere(f));
}

/** The next `limit` submissions of an export after submission `afterId`, oldest first (by id). */
export function findExportBatch(
  db: Db,
  f: ExportFilter,
  afterId: number,
  limit: number,
): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(submissions)
    .where(and(exportWhere(f), gt(submissions.id, afterId)))
    .orderBy(asc(submissions.id))
    .limit(limit);
}

/** The answer keys an export's submissions hold, sorted (a later version may have dropped some questions). */
export async function findAnswerKeys(db: Db, f: ExportFilter): Promise<string[]> {
  const key = sql<string>`jsonb_object_keys(${submissions.answers})`;
  const rows = await db.selectDistinct({ key }).from(submissions).where(exportWhere(f));
  return rows.map((r) => r.key).sort();
}
