/** The SQL of source precedence: which sources win on each registry item. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { conflicts, entities, precedence } from '../schema.ts';

/** Stored precedence of a registry by item (seeded with the defaults at start, changed by stewards). */
export async function storedPrecedence(db: Db, registry: string): Promise<Record<string, string[]>> {
  const rows = await db
    .select({ item: precedence.item, sources: precedence.sources })
    .from(precedence)
    .where(eq(precedence.registry, registry));
  return Object.fromEntries(rows.map((r) => [r.item, r.sources]));
}

/** True when the registry has any precedence stored. */
export async function hasPrecedence(db: Db, registry: string): Promise<boolean> {
  return (await db.$count(precedence, eq(precedence.registry, registry))) > 0;
}

/** Stores a default precedence of an item unless it has one (set by OneCity itself). */
export async function insertDefaultPrecedence(db: Db, registry: string, item: string, sources: string[]) {
  await db.insert(precedence).values({ registry, item, sources, updatedBy: 'onecity' }).onConflictDoNothing();
}

/** Sets an item's source order. */
export async function setPrecedence(db: Db, registry: string, item: string, sources: string[], by: string) {
  await db
    .insert(precedence)
    .values({ registry, item, sources, updatedBy: by })
    .onConflictDoUpdate({
      target: [precedence.registry, precedence.item],
      set: { sources: sql`excluded.sources`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`now()` },
    });
}

/**
 * Keys of the entities whose value of the item depended on which source wins: chosen by precedence, a
 * resolution or the newest value (which leaves an open conflict).
 */
export async function keysDependingOnPrecedence(db: Db, registry: string, item: string): Promise<string[]> {
  const rows = await db
    .select({ key: entities.key })
    .from(entities)
    .where(
      and(
        eq(entities.registry, registry),
        sql`${entities.provenance} -> ${item}::text ->> 2 in ('precedence', 'resolution', 'newest')`,
      ),
    )
    .union(
      db
        .select({ key: conflicts.key })
        .from(conflicts)
        .where(and(eq(conflicts.registry, registry), eq(conflicts.item, item), eq(conflicts.status, 'open'))),
    );
  return rows.map((r) => r.key);
}
