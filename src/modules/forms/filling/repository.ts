import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, type Paging, pageOf } from '../../../core/db.ts';
import type { FormAudience } from '../fields.ts';
import { deliveries, forms, rememberedAnswers, submissions } from '../schema.ts';

export type FormRow = typeof forms.$inferSelect;
export type SubmissionRow = typeof submissions.$inferSelect;

/** Who a submission is about, as stored: a person's ID number or a company's credit code. */
export type SubjectKey = { kind: FormAudience; key: string };

/** The published forms for persons or for companies, by title. */
export function publishedForms(db: Db, audience: FormAudience) {
  return db
    .select()
    .from(forms)
    .where(and(eq(forms.status, 'published'), eq(forms.audience, audience)))
    .orderBy(asc(forms.title), asc(forms.id));
}

/** One published form by its code. */
export async function publishedForm(db: Db, code: string) {
  const [row] = await db
    .select()
    .from(forms)
    .where(and(eq(forms.code, code), eq(forms.status, 'published')));
  return row;
}

/** The titles of forms by id (where a remembered answer came from). */
export function formsById(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.select().from(forms).where(inArray(forms.id, ids));
}

/** The subject's latest submission of each of these forms. */
export function latestSubmissions(db: Db, subject: SubjectKey, formIds: number[]) {
  if (!formIds.length) return Promise.resolve([]);
  return db
    .selectDistinctOn([submissions.formId], {
      formId: submissions.formId,
      id: submissions.id,
      submittedAt: submissions.submittedAt,
    })
    .from(submissions)
    .where(
      and(
        eq(submissions.subjectKind, subject.kind),
        eq(submissions.subjectKey, subject.key),
        inArray(submissions.formId, formIds),
      ),
    )
    .orderBy(submissions.formId, desc(submissions.submittedAt), desc(submissions.id));
}

/** Stores a submission. */
export async function insertSubmission(db: Db, values: typeof submissions.$inferInsert) {
  const [row] = await db.insert(submissions).values(values).returning();
  return row!;
}

/** Puts a submission in each receiving department's inbox. */
export async function insertDeliveries(db: Db, submissionId: number, departmentIds: number[]) {
  if (!departmentIds.length) return;
  await db
    .insert(deliveries)
    .values(departmentIds.map((departmentId) => ({ submissionId, departmentId })))
    .onConflictDoNothing();
}

/** Remembers (or replaces) answers a person agreed to have reused, by reuse key. */
export async function upsertRemembered(
  db: Db,
  rows: {
    userId: number;
    subjectKey: string;
    reuseKey: string;
    value: string;
    fromFormId: number;
    at: Date;
  }[],
) {
  if (!rows.length) return;
  await db
    .insert(rememberedAnswers)
    .values(rows.map(({ at, ...r }) => ({ ...r, consentedAt: at })))
    .onConflictDoUpdate({
      target: [rememberedAnswers.userId, rememberedAnswers.subjectKey, rememberedAnswers.reuseKey],
      set: {
        value: sql`excluded.value`,
        fromFormId: sql`excluded.from_form_id`,
        consentedAt: sql`excluded.consented_at`,
      },
    });
}

/** The answers a person agreed to have reused for a subject, by reuse key. */
export function rememberedOf(db: Db, userId: number, subjectKey: string) {
  return db
    .select()
    .from(rememberedAnswers)
    .where(and(eq(rememberedAnswers.userId, userId), eq(rememberedAnswers.subjectKey, subjectKey)))
    .orderBy(asc(rememberedAnswers.reuseKey));
}

/** Withdraws the consent for one reuse key; false when there was none. */
export async function deleteRemembered(db: Db, userId: number, subjectKey: string, reuseKey: string) {
  const gone = await db
    .delete(rememberedAnswers)
    .where(
      and(
        eq(rememberedAnswers.userId, userId),
        eq(rememberedAnswers.subjectKey, subjectKey),
        eq(rememberedAnswers.reuseKey, reuseKey),
      ),
    )
    .returning({ reuseKey: rememberedAnswers.reuseKey });
  return gone.length > 0;
}

const deliveredTo =
  sql<number>`(select count(*) from ${deliveries} where ${deliveries.submissionId} = ${submissions.id})`.mapWith(
    Number,
  );
const readBy =
  sql<number>`(select count(*) from ${deliveries} where ${deliveries.submissionId} = ${submissions.id} and ${deliveries.readAt} is not null)`.mapWith(
    Number,
  );

const summaryColumns = {
  id: submissions.id,
  formId: submissions.formId,
  formCode: forms.code,
  formTitle: forms.title,
  formVersion: submissions.formVersion,
  subjectKind: submissions.subjectKind,
  subjectName: submissions.subjectName,
  submittedAt: submissions.submittedAt,
  deliveredTo,
  readBy,
};

/** A page of a subject's submissions, newest first, with their form and how many departments have opened them. */
export function submissionsOf(db: Db, subject: SubjectKey, paging: Paging) {
  const filter = and(eq(submissions.subjectKind, subject.kind), eq(submissions.subjectKey, subject.key));
  return pageOf(
    db
      .select(summaryColumns)
      .from(submissions)
      .innerJoin(forms, eq(forms.id, submissions.formId))
      .where(filter)
      .orderBy(desc(submissions.submittedAt), desc(submissions.id)),
    db.$count(submissions, filter),
    paging,
  );
}

/** One submission with its form's code, title and current fields. */
export async function findSubmission(db: Db, id: number) {
  const [row] = await db
    .select({
      ...summaryColumns,
      subjectKey: submissions.subjectKey,
      submission: submissions,
      fields: forms.fields,
    })
    .from(submissions)
    .innerJoin(forms, eq(forms.id, submissions.formId))
    .where(eq(submissions.id, id));
  return row;
}

/** The departments a submission went to, and when each opened it. */
export function deliveriesOf(db: Db, submissionId: number) {
  return db
    .select({ departmentId: deliveries.departmentId, readAt: deliveries.readAt })
    .from(deliveries)
    .where(eq(deliveries.submissionId, submissionId))
    .orderBy(asc(deliveries.departmentId));
}

/** The form title of each submission, for the audit page's names. */
export function submissionTitles(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({ id: submissions.id, title: forms.title })
    .from(submissions)
    .innerJoin(forms, eq(forms.id, submissions.formId))
    .where(inArray(submissions.id, ids));
}
