import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, pageOf } from '../../core/db.ts';
import type { DepartmentCreate, DepartmentQuery, DepartmentUpdate } from './contract.ts';
import type { DepartmentSeed } from './departments-seed.ts';
import type { DivisionRecord } from './divisions-source.ts';
import { departments, divisions } from './schema.ts';

/** Inserts divisions that are missing and refreshes names and centres of those present. */
export async function upsertDivisions(db: Db, rows: DivisionRecord[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(divisions)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: divisions.code,
        set: {
          name: sql`excluded.name`,
          level: sql`excluded.level`,
          parentCode: sql`excluded.parent_code`,
          lng: sql`excluded.lng`,
          lat: sql`excluded.lat`,
        },
      });
  }
}

/** Number of divisions loaded. */
export async function countDivisions(db: Db) {
  const [row] = await db.select({ n: count() }).from(divisions);
  return row?.n ?? 0;
}

/** Divisions by level and/or parent, in code order. */
export function findDivisions(db: Db, filter: { level?: string; parent?: string }) {
  const where: SQL[] = [];
  if (filter.level) where.push(eq(divisions.level, filter.level as 'district'));
  if (filter.parent) where.push(eq(divisions.parentCode, filter.parent));
  return db
    .select()
    .from(divisions)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(divisions.code));
}

/** One division by code. */
export async function findDivision(db: Db, code: string) {
  const [row] = await db.select().from(divisions).where(eq(divisions.code, code));
  return row;
}

/** Divisions counted per level. */
export async function countDivisionsByLevel(db: Db) {
  return db.select({ level: divisions.level, n: count() }).from(divisions).groupBy(divisions.level);
}

/** Adds seed departments whose code is not present yet; edits made in the console are kept. */
export async function insertMissingDepartments(db: Db, seeds: DepartmentSeed[]) {
  await db
    .insert(departments)
    .values(seeds.map((s, i) => ({ ...s, sort: (i + 1) * 10 })))
    .onConflictDoNothing({ target: departments.code });
}

const sortColumns = {
  sort: [asc(departments.sort), asc(departments.id)],
  code: [asc(departments.code)],
  name: [asc(departments.name)],
  updated: [desc(departments.updatedAt)],
};

/** One page of departments matching the filters. */
export async function findDepartments(db: Db, q: DepartmentQuery) {
  const where: SQL[] = [];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(departments.name, like), ilike(departments.code, like))!);
  }
  if (q.kind) where.push(eq(departments.kind, q.kind));
  if (q.active) where.push(eq(departments.active, q.active === 'true'));
  const filter = where.length ? and(...where) : undefined;
  return pageOf(
    db
      .select()
      .from(departments)
      .where(filter)
      .orderBy(...sortColumns[q.sort]),
    db.$count(departments, filter),
    q,
  );
}

/** Every department, active or not, in the console's order. */
export function findAllDepartments(db: Db) {
  return db
    .select()
    .from(departments)
    .orderBy(...sortColumns.sort);
}

/** One department by id. */
export async function findDepartmentById(db: Db, id: number) {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  return row;
}

/** One department by code. */
export async function findDepartmentByCode(db: Db, code: string) {
  const [row] = await db.select().from(departments).where(eq(departments.code, code));
  return row;
}

/** Inserts a department. */
export async function insertDepartment(db: Db, input: DepartmentCreate) {
  const [row] = await db.insert(departments).values(input).returning();
  return row!;
}

/** Updates a department. */
export async function updateDepartment(db: Db, id: number, input: DepartmentUpdate) {
  const [row] = await db
    .update(departments)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(departments.id, id))
    .returning();
  return row;
}
