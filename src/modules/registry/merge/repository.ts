/**
 * The SQL of the merge. A merge is bulk work after a load (a first delivery writes hundreds of thousands of
 * entities), so it runs on the driver's own transaction (`Database.rawTransaction`, as the ingest's COPY does)
 * with `$n` statements that work set-based: one statement per slice of keys, with arrays unnested on the server,
 * instead of a statement per entity. The reads of catch-up at start use the query builder like everything else.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows, type RawTx } from '../../../core/db.ts';
import { entities } from '../schema.ts';

/**
 * Holds the registry's merge lock until the transaction ends. Merges of one registry run one at a time (in
 * every process): a merge reads what all sources delivered, and one running beside another would not see the
 * other's uncommitted deliveries, then overwrite its entities with values merged without them.
 */
export async function lockRegistry(tx: RawTx, registry: string) {
  await tx.query(`select pg_advisory_xact_lock(hashtext('onecity.registry.merge'), hashtext($1))`, [
    registry,
  ]);
}

/**
 * Stores the source's latest values per entity from the rows a batch wrote into the resource's data table
 * (`data.r_<id>`, one column per item), replacing what the source delivered before.
 */
export async function storeSourceRecords(
  tx: RawTx,
  args: { registry: string; source: string; table: string; batchId: number; sourceItems: string[] },
) {
  const pairs = args.sourceItems.map((code) => `'${code}', "${code}"`).join(', ');
  await tx.query(
    `insert into registry.source_records (registry, key, source, values, batch_id, observed_at)
     select $1, _key, $2, jsonb_strip_nulls(jsonb_build_object(${pairs})), _batch_id, _updated_at
     from ${args.table} where _batch_id = $3
     on conflict (registry, key, source) do update
       set values = excluded.values, batch_id = excluded.batch_id, observed_at = excluded.observed_at`,
    [args.registry, args.source, args.batchId],
  );
}

/**
 * Numbers the keys a batch wrote (with the name, for search; `nameItem` null when the source has no name) in a
 * temporary table `merge_keys` dropped at commit, so the merge walks them in slices without rescanning the data.
 * Returns how many there are.
 */
export async function numberBatchKeys(
  tx: RawTx,
  table: string,
  batchId: number,
  nameItem: string | null,
): Promise<number> {
  const name = nameItem ? `"${nameItem}"` : 'null::text';
  await tx.query(
    `create temp table merge_keys on commit drop as
     select row_number() over () as n, _key as key, ${name} as name from ${table} where _batch_id = $1`,
    [batchId],
  );
  await tx.query('create index on merge_keys (n)');
  await tx.query('analyze merge_keys'); // temporary tables are never analyzed by autovacuum
  const [{ n } = { n: 0 }] = await tx.query<{ n: number }>('select count(*)::int as n from merge_keys');
  return n;
}

/** Refreshes the planner's statistics of the source records (a large batch has just been stored). */
export async function analyzeSourceRecords(tx: RawTx) {
  await tx.query('analyze registry.source_records');
}

/** Refreshes the planner's statistics of the entities and their history (they may have doubled since). */
export async function analyzeEntities(tx: RawTx) {
  await tx.query('analyze registry.entities, registry.history');
}

/** Refreshes the planner's statistics of every table a merge writes. */
export async function analyzeRegistry(tx: RawTx) {
  await tx.query('analyze registry.entities, registry.source_records, registry.history');
}

/** True when the registry has a conflict that is open or resolved (one the merge of its entity must heed). */
export async function hasLiveConflicts(tx: RawTx, registry: string): Promise<boolean> {
  const [{ any } = { any: false }] = await tx.query<{ any: boolean }>(
    `select exists (select 1 from registry.conflicts where registry = $1 and status in ('open', 'resolved')) as any`,
    [registry],
  );
  return any;
}

/**
 * The numbered batch keys `from` ≤ n < `to`, each with its name and whether `source` is its only source and it has
 * no live conflict (`alone`). `anyConflict` false skips looking for conflicts the registry does not have.
 */
export function batchKeySlice(
  tx: RawTx,
  q: { registry: string; source: string; from: number; to: number; anyConflict: boolean },
) {
  return tx.query<{ key: string; name: string | null; alone: boolean }>(
    `select k.key, k.name,
       not exists (select 1 from registry.source_records o where o.registry = $1 and o.key = k.key and o.source <> $2)
       ${q.anyConflict ? `and k.key not in (select key from registry.conflicts where registry = $1 and status in ('open', 'resolved'))` : ''}
       as alone
     from merge_keys k where k.n >= $3 and k.n < $4`,
    [q.registry, q.source, q.from, q.to],
  );
}

/**
 * Writes entities whose only source is `source` and that have no conflict: their values are the source's,
 * every item by rule "only". One statement; returns how many entities' values changed.
 */
export async function writeSingleSourceEntities(
  tx: RawTx,
  registry: string,
  source: string,
  rows: { key: string; search: string | null }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  return writeEntities(
    tx,
    `with input as (select * from unnest($2::text[], $3::text[]) as t(key, search)),
     src as (
       select i.key, i.search, s.values,
         (select coalesce(jsonb_object_agg(item, jsonb_build_array(s.source, s.batch_id, 'only')), '{}'::jsonb)
          from jsonb_object_keys(s.values) as item) as provenance
       from input i join registry.source_records s on s.registry = $1 and s.key = i.key and s.source = $4
     )`,
    [registry, rows.map((r) => r.key), rows.map((r) => r.search), source],
  );
}

/**
 * Writes entities merged in JavaScript (values and provenance as JSON text). One statement; returns how many
 * entities' values changed.
 */
export function writeMergedEntities(
  tx: RawTx,
  registry: string,
  merged: { key: string; values: string; provenance: string; search: string | null }[],
): Promise<number> {
  return writeEntities(
    tx,
    `with src as (
       select k as key, v::jsonb as values, p::jsonb as provenance, s as search
       from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as t(k, v, p, s)
     )`,
    [
      registry,
      merged.map((e) => e.key),
      merged.map((e) => e.values),
      merged.map((e) => e.provenance),
      merged.map((e) => e.search),
    ],
  );
}

/**
 * Writes merged entities given as a `src` CTE (key, values, provenance, search; $1 is the registry): those that
 * differ from what is stored are upserted, and those whose values changed get a new history version (the
 * previous one closed). One statement for both merge paths, so they store identical rows; returns how many
 * entities' values changed.
 */
async function writeEntities(tx: RawTx, src: string, params: unknown[]): Promise<number> {
  const [result] = await tx.query<{ changed: number }>(
    `${src},
     cmp as (
       select src.*, e.key is not null as existed, e.values is distinct from src.values as changed,
         (e.values is distinct from src.values or e.provenance is distinct from src.provenance
          or e.search is distinct from src.search) as touched
       from src left join registry.entities e on e.registry = $1 and e.key = src.key
     ),
     up as (
       insert into registry.entities (registry, key, values, provenance, search, updated_at)
       select $1, key, values, provenance, search, now() from cmp where touched
       on conflict (registry, key) do update set values = excluded.values, provenance = excluded.provenance,
         search = excluded.search, updated_at = now()
     ),
     closed as (
       update registry.history h set valid_to = now() from cmp
       where cmp.changed and cmp.existed and h.registry = $1 and h.key = cmp.key and h.valid_to is null
     ),
     versions as (
       insert into registry.history (registry, key, values, provenance, valid_from)
       select $1, key, values, provenance, now() from cmp where changed
       returning 1
     )
     select count(*)::int as changed from versions`,
    params,
  );
  return result?.changed ?? 0;
}

/** Marks a batch merged, with how many keys it touched (again: the latest merge's count). */
export async function recordMergedBatch(tx: RawTx, batchId: number, registry: string, keys: number) {
  await tx.query(
    `insert into registry.merged_batches (batch_id, registry, keys) values ($1, $2, $3)
     on conflict (batch_id) do update set keys = excluded.keys, merged_at = now()`,
    [batchId, registry, keys],
  );
}

/** What every source last delivered for these entities. */
export function sourceRecordsOf(tx: RawTx, registry: string, keys: string[]) {
  return tx.query<{
    key: string;
    source: string;
    values: Record<string, string>;
    batch_id: number;
    observed_at: string | Date;
  }>(
    `select key, source, values, batch_id, observed_at from registry.source_records
     where registry = $1 and key = any($2::text[])`,
    [registry, keys],
  );
}

/** The open and resolved conflicts of these entities, oldest first. */
export function liveConflictsOf(tx: RawTx, registry: string, keys: string[]) {
  return tx.query<{
    key: string;
    item: string;
    status: 'open' | 'resolved';
    fingerprint: string;
    resolved_value: string | null;
    resolved_source: string | null;
  }>(
    `select key, item, status, fingerprint, resolved_value, resolved_source from registry.conflicts
     where registry = $1 and key = any($2::text[]) and status in ('open', 'resolved') order by id`,
    [registry, keys],
  );
}

/** Marks the open conflicts of these entity items superseded (the sources now offer something else). */
export async function supersedeConflicts(
  tx: RawTx,
  registry: string,
  settled: { key: string; item: string }[],
) {
  if (!settled.length) return;
  await tx.query(
    `update registry.conflicts c set status = 'superseded' from unnest($2::text[], $3::text[]) as t(k, i)
     where c.registry = $1 and c.key = t.k and c.item = t.i and c.status = 'open'`,
    [registry, settled.map((s) => s.key), settled.map((s) => s.item)],
  );
}

/** Records new open conflicts (candidates as JSON text). */
export async function insertConflicts(
  tx: RawTx,
  registry: string,
  found: { key: string; item: string; candidates: string; fingerprint: string }[],
) {
  if (!found.length) return;
  await tx.query(
    `insert into registry.conflicts (registry, key, item, candidates, fingerprint, status)
     select $1, k, i, c::jsonb, f, 'open' from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as t(k, i, c, f)`,
    [
      registry,
      found.map((c) => c.key),
      found.map((c) => c.item),
      found.map((c) => c.candidates),
      found.map((c) => c.fingerprint),
    ],
  );
}

/**
 * Done batches that wrote rows and were not merged yet (a merge cut short by a stop), oldest first. A statement
 * of its own: it reads the ingest module's batches beside the registry's record of merged ones.
 */
export function unmergedBatches(db: Db) {
  return queryRows<{ id: number; resource_code: string }>(
    db,
    sql`select b.id, b.resource_code from ingest.batches b
      where b.status = 'done' and b.inserted + b.updated > 0
        and not exists (select 1 from registry.merged_batches m where m.batch_id = b.id)
      order by b.id`,
  );
}

/** Keys of entities that have a name but no search text (merged before names were searchable). */
export async function unsearchableKeys(db: Db, registry: string, nameItem: string): Promise<string[]> {
  const rows = await db
    .select({ key: entities.key })
    .from(entities)
    .where(
      and(
        eq(entities.registry, registry),
        isNull(entities.search),
        sql`${entities.values} ? ${nameItem}::text`,
      ),
    );
  return rows.map((r) => r.key);
}
