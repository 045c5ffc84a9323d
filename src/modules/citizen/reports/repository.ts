import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { reportPhotos } from '../schema.ts';

/** Remembers that the resident uploaded the photo `name` (again: nothing changes). */
export async function addPhoto(db: Db, userId: number, name: string) {
  await db.insert(reportPhotos).values({ userId, name }).onConflictDoNothing();
}

/** Which of these photos the resident uploaded. */
export async function ownedPhotos(db: Db, userId: number, names: string[]): Promise<Set<string>> {
  if (!names.length) return new Set();
  const rows = await db
    .select({ name: reportPhotos.name })
    .from(reportPhotos)
    .where(and(eq(reportPhotos.userId, userId), inArray(reportPhotos.name, names)));
  return new Set(rows.map((r) => r.name));
}
