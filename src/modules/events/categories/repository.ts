import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { categories, dispatchRules } from '../schema.ts';

export type CategoryRow = typeof categories.$inferSelect;
export type DispatchRuleRow = typeof dispatchRules.$inferSelect;

/** Every category, in the console's order. */
export function listCategories(db: Db) {
  return db.select().from(categories).orderBy(asc(categories.sort), asc(categories.code));
}

/** Adds the categories not there yet (by code); existing ones keep the center's edits. */
export async function insertMissingCategories(db: Db, rows: (typeof categories.$inferInsert)[]) {
  if (rows.length) await db.insert(categories).values(rows).onConflictDoNothing();
}

/** Stores a new category. */
export async function insertCategory(db: Db, values: typeof categories.$inferInsert) {
  const [row] = await db.insert(categories).values(values).returning();
  return row!;
}

/** Changes a category; undefined when there is none of that code. */
export async function updateCategory(db: Db, code: string, values: Partial<typeof categories.$inferInsert>) {
  const [row] = await db
    .update(categories)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(categories.code, code))
    .returning();
  return row;
}

/** Every dispatch rule. */
export function listDispatchRules(db: Db) {
  return db
    .select()
    .from(dispatchRules)
    .orderBy(asc(dispatchRules.categoryCode), asc(dispatchRules.subdistrictCode));
}

/** Stores a dispatch rule, replacing the one for the same category and subdistrict. */
export async function upsertDispatchRule(db: Db, values: typeof dispatchRules.$inferInsert) {
  const [row] = await db
    .insert(dispatchRules)
    .values(values)
    .onConflictDoUpdate({
      target: [dispatchRules.categoryCode, dispatchRules.subdistrictCode],
      set: { departmentId: values.departmentId, note: values.note },
    })
    .returning();
  return row!;
}

/** Removes a dispatch rule; the removed row, or undefined. */
export async function deleteDispatchRule(db: Db, id: number) {
  const [row] = await db.delete(dispatchRules).where(eq(dispatchRules.id, id)).returning();
  return row;
}
