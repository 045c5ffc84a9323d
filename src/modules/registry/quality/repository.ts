/**
 * The SQL of registry quality: completeness counted in one pass, the entities walked in key order for the checks
 * done in Node, the checks against other registries (which only the database can count), and deliveries made
 * outside batches.
 */
import { and, asc, eq, gt, max, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import type { RegistryName } from '../feeds.ts';
import { entities, sourceRecords } from '../schema.ts';
import type { CheckCode } from './checks.ts';

/** A check against another registry, counted by the database: which entities it applies to and which pass. */
export type SqlCheck = { code: CheckCode; applies: SQL; passes: SQL };

/** The text of one item of an entity's merged values. */
const item = (code: string) => sql<string | null>`(${entities.values} ->> ${code}::text)`;

const filled = (code: string) => sql`coalesce(${item(code)}, '') <> ''`;
const exists = (registries: RegistryName[], key: SQL) =>
  sql`exists (select 1 from registry.entities x where x.registry in ${registries} and x.key = ${key})`;

/** The checks of each registry against another registry (counted in SQL, where the other registry is). */
export function sqlChecks(registry: RegistryName): SqlCheck[] {
  switch (registry) {
    case 'legal_person':
      return [
        {
          code: 'legal_rep_in_population',
          applies: filled('legal_rep_id_number'),
          passes: exists(['population'], item('legal_rep_id_number')),
        },
      ];
    case 'license': {
      // 111: a citizen ID number (population); 001: a credit code (legal person); no type: either.
      const holder = item('holder_id');
      return [
        {
          code: 'holder_exists',
          applies: filled('holder_id'),
          passes: sql`case ${item('holder_id_type')} when '111' then ${exists(['population'], holder)}
            when '001' then ${exists(['legal_person'], holder)}
            else ${exists(['population', 'legal_person'], holder)} end`,
        },
      ];
    }
    default:
      return [];
  }
}

/** How many entities the registry has, and how many fill each of these items (in their order). */
export async function filledCounts(db: Db, registry: string, codes: string[]) {
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
      ...Object.fromEntries(
        codes.map((code, i) => [`f${i}`, sql<number>`count(*) filter (where ${filled(code)})::int`]),
      ),
    })
    .from(entities)
    .where(eq(entities.registry, registry));
  return { entities: row!.n, filled: codes.map((_, i) => (row as Record<string, number>)[`f${i}`]!) };
}

/**
 * A page of the registry's entities in key order after `after`: the key and the values of these items as columns
 * `c0`, `c1`, … in their order (null when empty).
 */
export async function valuesPage(db: Db, registry: string, codes: string[], after: string, limit: number) {
  const rows = await db
    .select({ key: entities.key, ...Object.fromEntries(codes.map((code, i) => [`c${i}`, item(code)])) })
    .from(entities)
    .where(and(eq(entities.registry, registry), gt(entities.key, after)))
    .orderBy(asc(entities.key))
    .limit(limit);
  return rows as (Record<string, string | null> & { key: string })[];
}

/** Whether a check applies to an entity (0: no) and, if it does, fails (1) or passes (2). */
const state = (c: SqlCheck) =>
  sql`case when ${c.applies} then (case when ${c.passes} then 2 else 1 end) else 0 end`;

/** Per check, how many entities of the registry it applies to (`applies`) and how many pass (`passes`). */
export async function crossCheckCounts(db: Db, registry: string, checks: SqlCheck[]) {
  const columns = checks.map((c, i) => sql`${state(c)} as ${sql.identifier(`r${i}`)}`);
  const counts = checks.flatMap((_, i) => [
    sql`count(*) filter (where ${sql.identifier(`r${i}`)} > 0)::int as ${sql.identifier(`a${i}`)}`,
    sql`count(*) filter (where ${sql.identifier(`r${i}`)} = 2)::int as ${sql.identifier(`p${i}`)}`,
  ]);
  // CASE keeps `passes` from running where `applies` is false; OFFSET 0 keeps the states computed once per
  // row rather than once per count.
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select ${sql.join(counts, sql`, `)} from (select ${sql.join(columns, sql`, `)}
      from registry.entities where registry = ${registry} offset 0) t`,
  );
  return checks.map((_, i) => ({ applies: row![`a${i}`]!, passes: row![`p${i}`]! }));
}

/** The first keys, in key order, of the registry's entities that a check applies to and that fail it. */
export async function crossCheckFailures(db: Db, registry: string, check: SqlCheck, limit: number) {
  const rows = await db
    .select({ key: entities.key })
    .from(entities)
    .where(and(eq(entities.registry, registry), sql`${state(check)} = 1`))
    .orderBy(asc(entities.key))
    .limit(limit);
  return rows.map((r) => r.key);
}

/** The last delivery of each source made outside batches (licenses issued in OneCity are batch 0). */
export function directDeliveries(db: Db, registry: string) {
  return db
    .select({ source: sourceRecords.source, at: max(sourceRecords.observedAt) })
    .from(sourceRecords)
    .where(and(eq(sourceRecords.registry, registry), eq(sourceRecords.batchId, 0)))
    .groupBy(sourceRecords.source);
}
