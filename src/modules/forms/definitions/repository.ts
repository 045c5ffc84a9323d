import { and, asc, desc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, type Paging, pageOf } from '../../../core/db.ts';
import type { FormAudience, FormStatus } from '../fields.ts';
import { forms, submissions } from '../schema.ts';

export type FormRow = typeof forms.$inferSelect;
export type FormValues = typeof forms.$inferInsert;

/** Submissions a form has received (every version). */
const submissionCount = sql<number>`(select count(*) from ${submissions} where ${submissions.formId} = ${forms.id})::int`;

/** Stores a new form. */
export async function insertForm(db: Db, values: FormValues): Promise<FormRow> {
  const [row] = await db.insert(forms).values(values).returning();
  return row!;
}

/** One form by id. */
export async function findForm(db: Db, id: number): Promise<FormRow | undefined> {
  const [row] = await db.select().from(forms).where(eq(forms.id, id));
  return row;
}

/** One form by id, locked for the change the caller is about to make (two edits of one form take turns). */
export async function lockForm(db: Db, id: number): Promise<FormRow | undefined> {
  const [row] = await db.select().from(forms).where(eq(forms.id, id)).for('update');
  return row;
}

/** One form by code. */
export async function findFormByCode(db: Db, code: string): Promise<FormRow | undefined> {
  const [row] = await db.select().from(forms).where(eq(forms.code, code));
  return row;
}

/** The forms with these codes (those that exist). */
export function findFormsByCodes(db: Db, codes: string[]): Promise<FormRow[]> {
  return codes.length ? db.select().from(forms).where(inArray(forms.code, codes)) : Promise.resolve([]);
}

/** Changes a form; the changed row. */
export async function updateForm(db: Db, id: number, values: Partial<FormValues>): Promise<FormRow> {
  const [row] = await db
    .update(forms)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(forms.id, id))
    .returning();
  return row!;
}

/** Deletes a form that is still a draft; false when it is not (or is gone). */
export async function deleteDraft(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .delete(forms)
    .where(and(eq(forms.id, id), eq(forms.status, 'draft')))
    .returning({ id: forms.id });
  return rows.length > 0;
}

/** How many submissions each form has. */
export async function countSubmissions(db: Db, formIds: number[]): Promise<Map<number, number>> {
  if (!formIds.length) return new Map();
  const rows = await db
    .select({ formId: submissions.formId, n: sql<number>`count(*)::int` })
    .from(submissions)
    .where(inArray(submissions.formId, formIds))
    .groupBy(submissions.formId);
  return new Map(rows.map((r) => [r.formId, r.n]));
}

/** Which forms a list holds: all (center), or those a department owns or receives (not its drafts). */
export type FormFilter = {
  departmentId?: number;
  q?: string;
  status?: FormStatus;
  audience?: FormAudience;
};

/** The forms a department may read: its own (any status), and the published or closed ones it receives. */
export function visibleTo(departmentId: number): SQL {
  return or(
    eq(forms.ownerDepartmentId, departmentId),
    and(ne(forms.status, 'draft'), sql`${departmentId} = any(${forms.receivingDepartmentIds})`),
  )!;
}

const sortColumns = {
  updated: forms.updatedAt,
  created: forms.createdAt,
  title: forms.title,
  code: forms.code,
  published: forms.publishedAt,
  submissions: submissionCount,
};

/** One page of forms with their submission counts, sorted (ties by id). */
export function findForms(
  db: Db,
  filter: FormFilter,
  sort: { by: keyof typeof sortColumns; order: 'asc' | 'desc' },
  paging: Paging,
) {
  const words = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  const where = and(
    filter.departmentId !== undefined ? visibleTo(filter.departmentId) : undefined,
    filter.status ? eq(forms.status, filter.status) : undefined,
    filter.audience ? eq(forms.audience, filter.audience) : undefined,
    words ? or(ilike(forms.title, words), ilike(forms.code, words)) : undefined,
  );
  const direction = sort.order === 'asc' ? asc : desc;
  // Unpublished forms have no publication time: they come last whichever way.
  const column =
    sort.by === 'published'
      ? sql`${forms.publishedAt} ${sql.raw(sort.order)} nulls last`
      : direction(sortColumns[sort.by]);
  return pageOf(
    db
      .select({ form: forms, submissions: submissionCount })
      .from(forms)
      .where(where)
      .orderBy(column, direction(forms.id)),
    db.$count(forms, where),
    paging,
  );
}

/** Published forms, for the app's list of what a person or company can fill. */
export function findPublished(db: Db, audience?: FormAudience): Promise<FormRow[]> {
  return db
    .select()
    .from(forms)
    .where(and(eq(forms.status, 'published'), audience ? eq(forms.audience, audience) : undefined))
    .orderBy(desc(forms.publishedAt), asc(forms.id));
}

/** Titles of these forms by id, for naming them in the audit log. */
export function titlesOf(db: Db, ids: number[]) {
  return ids.length
    ? db.select({ id: forms.id, title: forms.title }).from(forms).where(inArray(forms.id, ids))
    : Promise.resolve([]);
}
