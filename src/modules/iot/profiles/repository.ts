import { eq } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { profiles, rules } from '../schema.ts';
import type { ProfileSeed, RuleSeed } from './seed-data.ts';

export type ProfileRow = typeof profiles.$inferSelect;

/** Every profile, by code. */
export function allProfiles(db: Db): Promise<ProfileRow[]> {
  return db.select().from(profiles).orderBy(profiles.code);
}

/** Inserts the profiles missing; returns the codes inserted. */
export async function insertMissingProfiles(db: Db, seeds: ProfileSeed[]): Promise<string[]> {
  if (!seeds.length) return [];
  const rows = await db
    .insert(profiles)
    .values(seeds.map((p) => ({ ...p, attributes: p.attributes ?? [] })))
    .onConflictDoNothing()
    .returning({ code: profiles.code });
  return rows.map((r) => r.code);
}

/** Inserts rules (of profiles just created). */
export async function insertRules(db: Db, seeds: RuleSeed[]): Promise<void> {
  if (seeds.length) await db.insert(rules).values(seeds);
}

/** Changes how long a profile's raw data is kept and when its devices count as offline. */
export async function updateProfile(
  db: Db,
  code: string,
  values: { retentionDays?: number; offlineMinutes?: number },
): Promise<ProfileRow | undefined> {
  const [row] = await db
    .update(profiles)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(profiles.code, code))
    .returning();
  return row;
}
