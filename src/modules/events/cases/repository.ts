import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, type Paging, pageOf } from '../../../core/db.ts';
import { caseSequences, caseSteps, cases } from '../schema.ts';
import type { CaseChannel, CaseStatus } from './contract.ts';
import { openStatuses } from './transitions.ts';

export type CaseRow = typeof cases.$inferSelect;
export type CaseInsert = typeof cases.$inferInsert;
export type StepRow = typeof caseSteps.$inferSelect;
export type StepInsert = typeof caseSteps.$inferInsert;

/** The next number of the day `day` (YYYYMMDD): one statement, so two intakes at once never share a number. */
export async function nextSequence(db: Db, day: string): Promise<number> {
  const [row] = await db
    .insert(caseSequences)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: caseSequences.day, set: { last: sql`${caseSequences.last} + 1` } })
    .returning({ last: caseSequences.last });
  return row!.last;
}

/**
 * Takes `count` numbers of the day `day` at once; returns the last one taken (the first is `last - count + 1`). One
 * statement: the day's row stays locked until the commit, so two intakes at once never share a number.
 */
export async function takeSequence(db: Db, day: string, count: number): Promise<number> {
  const [row] = await db
    .insert(caseSequences)
    .values({ day, last: count })
    .onConflictDoUpdate({ target: caseSequences.day, set: { last: sql`${caseSequences.last} + ${count}` } })
    .returning({ last: caseSequences.last });
  return row!.last;
}

/** Stores new cases with one statement. */
export function insertCases(db: Db, values: CaseInsert[]): Promise<CaseRow[]> {
  return db.insert(cases).values(values).returning();
}

/** Adds steps to cases' histories with one statement. */
export async function insertSteps(db: Db, values: StepInsert[]) {
  if (values.length) await db.insert(caseSteps).values(values);
}

/** Stores a new case. */
export async function insertCase(db: Db, values: CaseInsert): Promise<CaseRow> {
  const [row] = await db.insert(cases).values(values).returning();
  return row!;
}

/** Adds a step to a case's history. */
export async function insertStep(db: Db, values: typeof caseSteps.$inferInsert) {
  await db.insert(caseSteps).values(values);
}

/** One case by its number. */
export async function findCaseByNumber(db: Db, number: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.number, number));
  return row;
}

/** One case by the Open311 token its client was given. */
export async function findCaseByToken(db: Db, token: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.token, token));
  return row;
}

/** Cases by their ids (those that exist). */
export function findCasesByIds(db: Db, ids: number[]) {
  return ids.length ? db.select().from(cases).where(inArray(cases.id, ids)) : Promise.resolve([]);
}

/**
 * Changes a case, only while it is in one of the statuses `from`: the check and the change are one statement, so two
 * people acting at once cannot both move it. Undefined when it was no longer there.
 */
export async function moveCase(
  db: Db,
  id: number,
  from: readonly CaseStatus[],
  values: Partial<CaseInsert>,
): Promise<CaseRow | undefined> {
  const [row] = await db
    .update(cases)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(cases.id, id), inArray(cases.status, [...from])))
    .returning();
  return row;
}

/** The cases of these numbers (those that exist). */
export function findCasesByNumbers(db: Db, numbers: string[]): Promise<CaseRow[]> {
  return numbers.length ? db.select().from(cases).where(inArray(cases.number, numbers)) : Promise.resolve([]);
}

/** The histories of these cases, each oldest first. */
export function findStepsOfCases(db: Db, caseIds: number[]): Promise<StepRow[]> {
  if (!caseIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(caseSteps)
    .where(inArray(caseSteps.caseId, caseIds))
    .orderBy(asc(caseSteps.at), asc(caseSteps.id));
}

/** A rectangle of longitudes and latitudes (WGS-84 degrees). */
export type Box = { west: number; south: number; east: number; north: number };

/**
 * Open cases placed inside `box`, nearest to `centre` first, at most `limit`. The order is by flat distance with
 * longitude scaled for the latitude: within a few kilometres it ranks as the great-circle distance does.
 */
export function findOpenInBox(db: Db, centre: { lng: number; lat: number }, box: Box, limit: number) {
  const scale = Math.cos((centre.lat * Math.PI) / 180);
  return db
    .select()
    .from(cases)
    .where(
      and(
        inArray(cases.status, [...openStatuses]),
        sql`${cases.lng} between ${box.west} and ${box.east}`,
        sql`${cases.lat} between ${box.south} and ${box.north}`,
      ),
    )
    .orderBy(
      sql`power((${cases.lng} - ${centre.lng}) * ${scale}, 2) + power(${cases.lat} - ${centre.lat}, 2)`,
      asc(cases.id),
    )
    .limit(limit);
}

/** A case's history, oldest first. */
export function findSteps(db: Db, caseId: number) {
  return db
    .select()
    .from(caseSteps)
    .where(eq(caseSteps.caseId, caseId))
    .orderBy(asc(caseSteps.at), asc(caseSteps.id));
}

/** Who sees which cases: everything, a department's (lead or co-handling), or an inspector's own reports. */
export type CaseScope = { all: true } | { departmentId: number } | { createdBy: number };

export type CaseFilter = {
  scope: CaseScope;
  q?: string;
  status?: CaseStatus[];
  channel?: CaseChannel[];
  category?: string;
  departmentId?: number;
  subdistrict?: string;
  clock?: 'warning' | 'overdue';
  inbox?: { kind: 'department'; departmentId: number } | { kind: 'desk' };
  from?: Date;
  to?: Date;
  now: Date;
};

const openList = sql.join(
  openStatuses.filter((s) => s !== 'suspended').map((s) => sql`${s}`),
  sql`, `,
);

function conditions(f: CaseFilter): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if ('departmentId' in f.scope)
    where.push(
      or(
        eq(cases.departmentId, f.scope.departmentId),
        sql`${f.scope.departmentId} = any(${cases.assistDepartmentIds})`,
      ),
    );
  if ('createdBy' in f.scope) where.push(eq(cases.createdBy, f.scope.createdBy));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    const text = or(ilike(cases.content, like), ilike(cases.address, like));
    // The pairs of characters of the words searched for narrow the cases by the GIN index of migration 0021
    // (the expression must be written exactly as there); a one-character search has no pair and scans.
    const narrowed =
      f.q.length >= 2
        ? and(
            sql`events.text_grams(coalesce(${cases.content}, '') || ' ' || coalesce(${cases.address}, '')) @> events.text_grams(${f.q})`,
            text,
          )
        : text;
    where.push(or(eq(cases.number, f.q), narrowed));
  }
  if (f.status?.length) where.push(inArray(cases.status, f.status));
  if (f.channel?.length) where.push(inArray(cases.channel, f.channel));
  if (f.category) where.push(eq(cases.categoryCode, f.category));
  if (f.departmentId) where.push(eq(cases.departmentId, f.departmentId));
  if (f.subdistrict) where.push(eq(cases.subdistrictCode, f.subdistrict));
  if (f.from) where.push(gte(cases.receivedAt, f.from));
  if (f.to) where.push(lt(cases.receivedAt, f.to));
  if (f.clock) {
    where.push(sql`${cases.status} in (${openList})`, isNotNull(cases.dueAt));
    where.push(
      f.clock === 'overdue'
        ? lt(cases.dueAt, f.now)
        : // Cases loaded from history may lack warn_at: 80 % of calendar time stands in.
          sql`${cases.dueAt} >= ${f.now.toISOString()}::timestamptz and coalesce(${cases.warnAt}, ${cases.receivedAt} + (${cases.dueAt} - ${cases.receivedAt}) * 0.8) <= ${f.now.toISOString()}::timestamptz`,
    );
  }
  if (f.inbox?.kind === 'department')
    where.push(
      eq(cases.departmentId, f.inbox.departmentId),
      inArray(cases.status, ['dispatched', 'accepted', 'in_progress']),
    );
  if (f.inbox?.kind === 'desk')
    where.push(
      or(
        inArray(cases.status, ['received', 'returned', 'replied', 'reviewed']),
        isNotNull(cases.extensionRequest),
        eq(cases.escalated, true),
      ),
    );
  return and(...where);
}

/** One page of cases matching the filter, sorted by received or due time. */
export function listCases(
  db: Db,
  f: CaseFilter,
  paging: Paging,
  sort: { by: 'receivedAt' | 'dueAt'; order: 'asc' | 'desc' },
) {
  const where = conditions(f);
  const column = sort.by === 'dueAt' ? cases.dueAt : cases.receivedAt;
  const direction = sort.order === 'asc' ? asc : desc;
  const query = db
    .select()
    .from(cases)
    .where(where)
    .orderBy(
      sort.order === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`,
      direction(cases.id),
    );
  return pageOf(query, db.$count(cases, where), paging);
}

/**
 * The scope's open cases with a due time (not suspended: their clock stands still, as the list's clock filter has
 * it), counted by when they are due: before `now` (overdue, as `clock=overdue` lists them), before `tomorrow`,
 * before `fourthDay`, and later.
 */
export async function countOpenByDue(
  db: Db,
  scope: CaseScope,
  at: { now: Date; tomorrow: Date; fourthDay: Date },
) {
  const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const count = (when: SQL) => sql<number>`count(*) filter (where ${when})`.mapWith(Number);
  const [row] = await db
    .select({
      overdue: count(sql`${cases.dueAt} < ${instant(at.now)}`),
      today: count(sql`${cases.dueAt} >= ${instant(at.now)} and ${cases.dueAt} < ${instant(at.tomorrow)}`),
      within3Days: count(
        sql`${cases.dueAt} >= ${instant(at.tomorrow)} and ${cases.dueAt} < ${instant(at.fourthDay)}`,
      ),
      later: count(sql`${cases.dueAt} >= ${instant(at.fourthDay)}`),
    })
    .from(cases)
    .where(
      and(conditions({ scope, now: at.now }), sql`${cases.status} in (${openList})`, isNotNull(cases.dueAt)),
    );
  return row ?? { overdue: 0, today: 0, within3Days: 0, later: 0 };
}

/** Open cases of a category received since `since` inside a box around a point, for spotting duplicates. */
export function findOpenNear(
  db: Db,
  near: {
    categoryCode?: string;
    since: Date;
    box?: { west: number; south: number; east: number; north: number };
  },
  limit: number,
) {
  const where: (SQL | undefined)[] = [
    inArray(cases.status, [...openStatuses]),
    gte(cases.receivedAt, near.since),
  ];
  if (near.categoryCode) where.push(eq(cases.categoryCode, near.categoryCode));
  if (near.box)
    where.push(
      sql`${cases.lng} between ${near.box.west} and ${near.box.east}`,
      sql`${cases.lat} between ${near.box.south} and ${near.box.north}`,
    );
  return db
    .select()
    .from(cases)
    .where(and(...where))
    .orderBy(desc(cases.receivedAt))
    .limit(limit);
}

/**
 * The newest cases (merged duplicates left out), newest first, with the few columns a feed shows: read in the
 * list's index order, so it costs the same on a year of cases as on a day's.
 */
export function newestCases(db: Db, limit: number) {
  return db
    .select({
      number: cases.number,
      receivedAt: cases.receivedAt,
      title: cases.title,
      categoryCode: cases.categoryCode,
      departmentId: cases.departmentId,
      subdistrictCode: cases.subdistrictCode,
      urgency: cases.urgency,
      status: cases.status,
    })
    .from(cases)
    .where(sql`${cases.status} <> 'merged'`)
    .orderBy(sql`${cases.receivedAt} desc nulls last`, desc(cases.id))
    .limit(limit);
}

/**
 * One page of the reports a resident made from the citizen app (channel `app`, created by them), newest first, in
 * the order of the reporter index (migration 0026), optionally only those in these statuses.
 */
export function listReporterCases(
  db: Db,
  userId: number,
  statuses: CaseStatus[] | undefined,
  paging: Paging,
) {
  const where = and(
    eq(cases.createdBy, userId),
    isNotNull(cases.createdBy),
    eq(cases.channel, 'app'),
    statuses?.length ? inArray(cases.status, statuses) : undefined,
  );
  const query = db.select().from(cases).where(where).orderBy(sql`${cases.receivedAt} desc`, desc(cases.id));
  return pageOf(query, db.$count(cases, where), paging);
}
