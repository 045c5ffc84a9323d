/** The SQL of reading merged entities: one entity with all it is made of, searches, refs and links. */
import { and, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, type Paging, pageOf, queryRows } from '../../../core/db.ts';
import { entities, type Provenance } from '../schema.ts';

/** An entity as lists and links need it: `id` (as text) makes a person's ref. */
export type FoundEntity = { id: string; key: string; values: Record<string, string> };

const foundColumns = {
  id: sql<string>`${entities.id}::text`,
  key: entities.key,
  values: entities.values,
};

/**
 * One entity's merged values (the version valid at `asOf` if given), with every source's record, its open
 * conflicts and its history; undefined when it has no such version. One statement: a lookup's cost is round trips.
 */
export async function readEntity(db: Db, registry: string, key: string, asOf?: Date) {
  const version = asOf
    ? sql`select values, provenance from registry.history where registry = ${registry} and key = ${key}
        and valid_from <= ${asOf.toISOString()}::timestamptz
        and (valid_to is null or valid_to > ${asOf.toISOString()}::timestamptz)`
    : sql`select values, provenance from registry.entities where registry = ${registry} and key = ${key}`;
  const [read] = await queryRows<{
    values: Record<string, string>;
    provenance: Provenance;
    sources: { source: string; values: Record<string, string>; batch_id: number; observed_at: string }[];
    conflicts: { id: number; item: string; candidates: unknown; created_at: string }[];
    history: { values: Record<string, string>; valid_from: string; valid_to: string | null }[];
  }>(
    db,
    sql`select v.values, v.provenance,
       (select coalesce(json_agg(json_build_object('source', source, 'values', values, 'batch_id', batch_id,
          'observed_at', observed_at) order by source), '[]') from registry.source_records
        where registry = ${registry} and key = ${key}) as sources,
       (select coalesce(json_agg(json_build_object('id', id, 'item', item, 'candidates', candidates,
          'created_at', created_at) order by id), '[]') from registry.conflicts
        where registry = ${registry} and key = ${key} and status = 'open') as conflicts,
       (select coalesce(json_agg(json_build_object('values', values, 'valid_from', valid_from,
          'valid_to', valid_to) order by valid_from), '[]') from registry.history
        where registry = ${registry} and key = ${key}) as history
     from (${version}) v`,
  );
  return read;
}

/** What an entity search asks, already checked by the service. */
export type EntitySearch = {
  /** The search term (NFKC, trimmed). */
  term?: string;
  /** A key term matches whole keys only (see the service). */
  wholeKey: boolean;
  address?: string;
  subdistrict?: string;
  status?: string;
  class?: string;
};

/**
 * The conditions of an entity search. A term with a digit is a key (an ID number, a credit code): names and
 * initials have none, and a key prefix alone is cheaper to look for. Otherwise the term matches the key, a
 * substring of the name item, or the lower-cased search text (name and pinyin initials).
 */
function searchConditions(registry: string, nameItem: string, q: EntitySearch): SQL {
  const conditions = [eq(entities.registry, registry)];
  if (q.term) {
    const keyPattern = `${escapeLike(q.term.toUpperCase())}${q.wholeKey ? '' : '%'}`;
    if (/\d/.test(q.term)) conditions.push(like(entities.key, keyPattern));
    else
      conditions.push(sql`(${entities.key} like ${keyPattern}
        or ${entities.values} ->> ${nameItem}::text like ${`%${escapeLike(q.term)}%`}
        or ${entities.search} like ${`%${escapeLike(q.term.toLowerCase())}%`})`);
  }
  if (q.address) conditions.push(sql`${entities.values} ->> 'address' like ${`%${escapeLike(q.address)}%`}`);
  if (q.subdistrict) conditions.push(sql`${entities.values} ->> 'subdistrict' = ${q.subdistrict}`);
  if (q.status) conditions.push(sql`${entities.values} ->> 'status' = ${q.status}`);
  if (q.class) conditions.push(sql`${entities.values} ->> 'class' = ${q.class}`);
  return and(...conditions)!;
}

/** One page of a registry's entities matching the search, sorted by name (`nameItem`) then key. */
export function searchEntities(db: Db, registry: string, nameItem: string, q: EntitySearch, paging: Paging) {
  const where = searchConditions(registry, nameItem, q);
  return pageOf(
    db
      .select(foundColumns)
      .from(entities)
      .where(where)
      .orderBy(sql`${entities.values} ->> ${nameItem}::text nulls last`, entities.key),
    db.$count(entities, where),
    paging,
  );
}

/** One entity of a registry by key, or undefined. */
export async function findEntity(db: Db, registry: string, key: string): Promise<FoundEntity | undefined> {
  const [entity] = await db
    .select(foundColumns)
    .from(entities)
    .where(and(eq(entities.registry, registry), eq(entities.key, key)));
  return entity;
}

/** The entities of a registry whose item has this value, in key order. */
export function entitiesWithValue(
  db: Db,
  registry: string,
  item: string,
  value: string,
): Promise<FoundEntity[]> {
  return db
    .select(foundColumns)
    .from(entities)
    .where(and(eq(entities.registry, registry), sql`${entities.values} ->> ${item}::text = ${value}`))
    .orderBy(entities.key);
}

/** The key of the entity with this surrogate id (decimal text) in a registry, or undefined. */
export async function keyOfId(db: Db, registry: string, id: string): Promise<string | undefined> {
  const [found] = await db
    .select({ key: entities.key })
    .from(entities)
    .where(and(eq(entities.registry, registry), eq(entities.id, sql`${id}::bigint`)));
  return found?.key;
}

/** The surrogate ids (as text) of the entities of a registry with these keys. */
export function idsOfKeys(db: Db, registry: string, keys: string[]) {
  return db
    .select({ key: entities.key, id: sql<string>`${entities.id}::text` })
    .from(entities)
    .where(and(eq(entities.registry, registry), inArray(entities.key, keys)));
}
