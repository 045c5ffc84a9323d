/** The SQL of places: uploaded boundaries and the learned gazetteer. */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { boundaries, gazetteer } from '../schema.ts';
import type { GazetteerEntry } from './place-index.ts';

/** Every uploaded boundary. */
export function findBoundaries(db: Db) {
  return db.select().from(boundaries);
}

/** Stores uploaded boundaries, replacing earlier ones of the same divisions. */
export async function upsertBoundaries(
  db: Db,
  rows: { divisionCode: string; level: 'subdistrict' | 'community'; coordinates: [number, number][][][] }[],
  uploadedBy: string | null,
) {
  if (rows.length === 0) return;
  await db
    .insert(boundaries)
    .values(rows.map((r) => ({ ...r, uploadedBy })))
    .onConflictDoUpdate({
      target: boundaries.divisionCode,
      set: {
        level: sql`excluded.level`,
        coordinates: sql`excluded.coordinates`,
        uploadedBy: sql`excluded.uploaded_by`,
        uploadedAt: sql`now()`,
      },
    });
}

/** Removes uploaded boundaries: of these divisions, or of a level, or all; returns the codes removed. */
export async function deleteBoundaries(
  db: Db,
  filter: { codes?: string[]; level?: 'subdistrict' | 'community' },
) {
  const where = filter.codes?.length
    ? inArray(boundaries.divisionCode, filter.codes)
    : filter.level
      ? eq(boundaries.level, filter.level)
      : undefined;
  const rows = await db.delete(boundaries).where(where).returning({ code: boundaries.divisionCode });
  return rows.map((r) => r.code);
}

/** Every learned gazetteer entry. */
export function findGazetteer(db: Db): Promise<GazetteerEntry[]> {
  return db
    .select({
      kind: gazetteer.kind,
      key: gazetteer.key,
      subdistrictCode: gazetteer.subdistrictCode,
      communityCode: gazetteer.communityCode,
      lng: gazetteer.lng,
      lat: gazetteer.lat,
    })
    .from(gazetteer);
}

/** Adds or refreshes learned entries (the latest word on a key wins). */
export async function upsertGazetteer(db: Db, rows: (GazetteerEntry & { source: string | null })[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(gazetteer)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [gazetteer.key, gazetteer.subdistrictCode],
        set: {
          kind: sql`excluded.kind`,
          subdistrictCode: sql`excluded.subdistrict_code`,
          communityCode: sql`excluded.community_code`,
          lng: sql`coalesce(excluded.lng, ${gazetteer.lng})`,
          lat: sql`coalesce(excluded.lat, ${gazetteer.lat})`,
          source: sql`excluded.source`,
          updatedAt: sql`now()`,
        },
      });
  }
}
