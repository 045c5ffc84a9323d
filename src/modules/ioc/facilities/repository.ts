import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { FacilityKind } from '../contract.ts';
import { facilities } from '../schema.ts';

export type FacilityRow = typeof facilities.$inferSelect;
export type FacilityValues = typeof facilities.$inferInsert;

/** Every facility, or those of one kind, by kind and name. */
export function listFacilities(db: Db, kind?: FacilityKind): Promise<FacilityRow[]> {
  return db
    .select()
    .from(facilities)
    .where(kind ? eq(facilities.kind, kind) : undefined)
    .orderBy(asc(facilities.kind), asc(facilities.name));
}

/** The facilities of these names, of any kind (for an import's updates). */
export function findByNames(db: Db, names: string[]): Promise<FacilityRow[]> {
  if (!names.length) return Promise.resolve([]);
  return db.select().from(facilities).where(inArray(facilities.name, names));
}

/** Adds facilities; returns their rows. */
export function insertFacilities(db: Db, values: FacilityValues[]): Promise<FacilityRow[]> {
  if (!values.length) return Promise.resolve([]);
  return db.insert(facilities).values(values).returning();
}

/** Changes one facility. */
export async function updateFacility(db: Db, id: number, values: Partial<FacilityValues>): Promise<void> {
  await db.update(facilities).set(values).where(eq(facilities.id, id));
}

/**
 * Facilities inside the box, nearest to `centre` first, at most `limit`. The order is by flat distance with
 * longitude scaled for the latitude: within a few kilometres it ranks as the great circle does.
 */
export function facilitiesInBox(
  db: Db,
  centre: { lng: number; lat: number },
  box: { west: number; south: number; east: number; north: number },
  limit: number,
): Promise<FacilityRow[]> {
  const scale = Math.cos((centre.lat * Math.PI) / 180);
  return db
    .select()
    .from(facilities)
    .where(
      and(
        sql`${facilities.lng} between ${box.west} and ${box.east}`,
        sql`${facilities.lat} between ${box.south} and ${box.north}`,
      ),
    )
    .orderBy(
      sql`power((${facilities.lng} - ${centre.lng}) * ${scale}, 2) + power(${facilities.lat} - ${centre.lat}, 2)`,
      asc(facilities.id),
    )
    .limit(limit);
}

/** The names of the facilities of these ids (for the audit page). */
export function namesOf(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({ id: facilities.id, name: facilities.name })
    .from(facilities)
    .where(inArray(facilities.id, ids));
}
