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
 * Settings of the merge's transaction: no JIT compilation (compiling its large statements cost more than it
 * saved) and small ANALYZE samples.
 */
export async function mergeSettings(tx: RawTx) {
  await tx.query('set local jit = off');
  // Its ANALYZEs are there to give the planner the tables' new sizes: a tenth of the usual sample does that.
  await tx.query('set local default_statistics_target = 10');
}

/**
 * Stages the rows a batch wrote into the resource's data table (`data.r_<id>`, one column per item) in a
 * temporary table `merge_keys` dropped at commit, numbered so the merge walks them in slices: the key, the name
 * (for search; `nameItem` null when the source has no name), the values as the source record stores them (built
 * once, then copied: building jsonb is costly), which items have a value as bits in source-item order (entities
 * delivered by one source alone share their provenance by that pattern), and whether the source's record
 * (`stored`) and the entity (`existed`) exist already, so that new ones are inserted without looking again.
 * Returns how many keys there are.
 */
export async function stageBatch(
  tx: RawTx,
  args: {
    registry: string;
    source: string;
    table: string;
    batchId: number;
    sourceItems: string[];
    nameItem: string | null;
  },
): Promise<number> {
  const pairs = args.sourceItems.map((code) => `'${code}', d."${code}"`).join(', ');
  const bits = args.sourceItems.length
    ? args.sourceItems
        .map((code, i) => `(case when d."${code}" is not null then ${2 ** i} else 0 end)`)
        .join(' | ')
    : '0';
  const name = args.nameItem ? `d."${args.nameItem}"` : 'null::text';
  await tx.query(
    `create temp table merge_keys on commit drop as
     select row_number() over () as n, d._key as key, ${name} as name,
       jsonb_strip_nulls(jsonb_build_object(${pairs})) as values, d._updated_at as observed_at,
       (${bits})::bigint as pattern, r.key is not null as stored, e.key is not null as existed
     from ${args.table} d
       left join registry.source_records r on r.registry = $2 and r.key = d._key and r.source = $3
       left join registry.entities e on e.registry = $2 and e.key = d._key
     where d._batch_id = $1`,
    [args.batchId, args.registry, args.source],
  );
  await tx.query('create index on merge_keys (n)');
  // Temporary tables are never analyzed by autovacuum; the values' statistics are costly and never used.
  await tx.query('analyze merge_keys (n, key, name, pattern, stored, existed)');
  const [{ n } = { n: 0 }] = await tx.query<{ n: number }>(
    'select coalesce(max(n), 0)::int as n from merge_keys',
  );
  return n;
}

/**
 * Stores the staged values as the source's latest per entity, replacing what the source delivered before: new
 * records inserted, earlier ones updated. Only a merge of the registry (under its lock) writes a feeding source's
 * records, so the ones staged as new are still new.
 */
export async function storeSourceRecords(
  tx: RawTx,
  args: { registry: string; source: string; batchId: number },
) {
  const params = [args.registry, args.source, args.batchId];
  await tx.query(
    `insert into registry.source_records (registry, key, source, values, batch_id, observed_at)
     select $1, key, $2, values, $3, observed_at from merge_keys where not stored`,
    params,
  );
  await tx.query(
    `update registry.source_records r set values = k.values, batch_id = $3, observed_at = k.observed_at
     from merge_keys k where k.stored and r.registry = $1 and r.key = k.key and r.source = $2`,
    params,
  );
}

/**
 * Finds the staged keys that are not `source`'s alone: another source delivered them, or they have a live (open or
 * resolved) conflict. They go to the general merge; the rest are merged set-based. Returns them in staged order.
 */
export async function stageSharedKeys(tx: RawTx, registry: string, source: string): Promise<string[]> {
  await tx.query(
    `create temp table merge_shared on commit drop as
     select k.n, k.key from merge_keys k
     where exists (select 1 from registry.source_records o where o.registry = $1 and o.key = k.key and o.source <> $2)
       or exists (select 1 from registry.conflicts c
                  where c.registry = $1 and c.key = k.key and c.status in ('open', 'resolved'))`,
    [registry, source],
  );
  await tx.query('create index on merge_shared (key)');
  await tx.query('analyze merge_shared (key)');
  const rows = await tx.query<{ key: string }>('select key from merge_shared order by n');
  return rows.map((r) => r.key);
}

/** The distinct names of the staged keys, whose search text is made in JavaScript (pinyin). */
export async function stagedNames(tx: RawTx): Promise<string[]> {
  const rows = await tx.query<{ name: string }>(
    'select distinct name from merge_keys where name is not null',
  );
  return rows.map((r) => r.name);
}

/** Stores the search text of each name (`merge_names`, dropped at commit) for the set-based writes to join. */
export async function stageSearchTexts(tx: RawTx, texts: { name: string; search: string }[]) {
  await tx.query(
    'create temp table merge_names (name text primary key, search text not null) on commit drop',
  );
  for (let i = 0; i < texts.length; i += 20_000) {
    const slice = texts.slice(i, i + 20_000);
    await tx.query('insert into merge_names select * from unnest($1::text[], $2::text[])', [
      slice.map((t) => t.name),
      slice.map((t) => t.search),
    ]);
  }
  await tx.query('analyze merge_names');
}

/**
 * Makes the provenance of every value pattern among the staged keys (`merge_provenance`, dropped at commit): each
 * item with a value comes from `source`'s batch by rule "only". A batch has few patterns, so each entity's
 * provenance is copied rather than built.
 */
export async function stageProvenance(
  tx: RawTx,
  args: { source: string; batchId: number; sourceItems: string[] },
) {
  await tx.query(
    `create temp table merge_provenance on commit drop as
     select p.pattern,
       coalesce((select jsonb_object_agg(t.item, jsonb_build_array($1::text, $2::int, 'only'))
                 from unnest($3::text[]) with ordinality as t(item, i)
                 where p.pattern & (1::bigint << (t.i - 1)::int) <> 0), '{}'::jsonb) as provenance
     from (select distinct pattern from merge_keys) p`,
    [args.source, args.batchId, args.sourceItems],
  );
  await tx.query('analyze merge_provenance');
}

/** The staged keys of one slice that `source` delivered alone (not in `merge_shared`), new or existing. */
const aloneSlice = (existed: boolean) =>
  `k.n >= $2 and k.n < $3 and ${existed ? '' : 'not '}k.existed
   and not exists (select 1 from merge_shared x where x.key = k.key)`;

/** How many staged keys `source` delivered alone are new entities, and how many exist already. */
export async function countAlone(tx: RawTx) {
  const [row] = await tx.query<{ fresh: number; existing: number }>(
    `select count(*) filter (where not k.existed)::int as fresh, count(*) filter (where k.existed)::int as existing
     from merge_keys k where not exists (select 1 from merge_shared x where x.key = k.key)`,
  );
  return row ?? { fresh: 0, existing: 0 };
}

/** The staged new entities of one slice that `source` delivered alone, with their provenance and search text. */
const freshSlice = `from merge_keys k join merge_provenance p on p.pattern = k.pattern
  left join merge_names s on s.name = k.name where ${aloneSlice(false)}`;

/**
 * Inserts the staged entities `from` ≤ n < `to` that `source` delivered alone and that are new: their values are
 * the source's, every item by rule "only". Plain inserts (no comparison, no upsert): under the registry's lock no
 * one else adds entities.
 */
export async function insertSingleSourceEntities(
  tx: RawTx,
  registry: string,
  slice: { from: number; to: number },
) {
  await tx.query(
    `insert into registry.entities (registry, key, values, provenance, search, updated_at)
     select $1, k.key, k.values, p.provenance, s.search, now() ${freshSlice}`,
    [registry, slice.from, slice.to],
  );
}

/** Inserts the first version of the entities `insertSingleSourceEntities` inserted for the same slice. */
export async function insertFirstVersions(tx: RawTx, registry: string, slice: { from: number; to: number }) {
  await tx.query(
    `insert into registry.history (registry, key, values, provenance, valid_from)
     select $1, k.key, k.values, p.provenance, now() ${freshSlice}`,
    [registry, slice.from, slice.to],
  );
}

/**
 * Writes the staged entities `from` ≤ n < `to` that `source` delivered alone, have no conflict and exist already:
 * their values are the source's, every item by rule "only". One statement; returns how many entities' values changed.
 */
export function writeSingleSourceEntities(tx: RawTx, registry: string, slice: { from: number; to: number }) {
  return writeEntities(
    tx,
    `with src as (
       select k.key, k.values, p.provenance, s.search
       from merge_keys k join merge_provenance p on p.pattern = k.pattern
         left join merge_names s on s.name = k.name
       where ${aloneSlice(true)}
     )`,
    [registry, slice.from, slice.to],
  );
}

/** Refreshes the planner's statistics of the source records (a large batch has just been stored). */
export async function analyzeSourceRecords(tx: RawTx) {
  await tx.query('analyze registry.source_records (registry, key, source)');
}

/** Refreshes the planner's statistics of the entities and their history (they may have doubled since). */
export async function analyzeEntities(tx: RawTx) {
  await tx.query('analyze registry.entities (registry, key), registry.history (registry, key, valid_to)');
}

/** Refreshes the planner's statistics of every table a merge writes. */
export async function analyzeRegistry(tx: RawTx) {
  // The columns reads filter and sort on; the jsonb columns' statistics cost most of the time and serve no plan.
  await tx.query(
    `analyze registry.entities (registry, key, id, search, updated_at),
       registry.source_records (registry, key, source, batch_id, observed_at),
       registry.history (registry, key, valid_from, valid_to)`,
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

/** The distinct staged addresses without a subdistrict (the source gave none). */
export async function stagedAddressesWithoutSubdistrict(tx: RawTx): Promise<string[]> {
  const rows = await tx.query<{ address: string }>(
    `select distinct values ->> 'address' as address from merge_keys
     where values ? 'address' and coalesce(values ->> 'subdistrict', '') = ''`,
  );
  return rows.map((r) => r.address);
}

/** The distinct staged addresses with the subdistrict (and community) the source gave, to teach the gazetteer. */
export function stagedPlaces(tx: RawTx) {
  return tx.query<{ address: string; subdistrict: string; community: string | null }>(
    `select distinct values ->> 'address' as address, values ->> 'subdistrict' as subdistrict,
       values ->> 'community' as community
     from merge_keys where values ? 'address' and coalesce(values ->> 'subdistrict', '') <> ''`,
  );
}

/**
 * Adds the subdistrict resolved from its address to each staged record that lacks one, after the source's own
 * record is stored: the entity carries it, the source record keeps what the source said.
 */
export async function fillStagedSubdistricts(tx: RawTx, places: Map<string, string>) {
  if (places.size === 0) return;
  await tx.query(
    `update merge_keys k set values = k.values || jsonb_build_object('subdistrict', p.s)
     from unnest($1::text[], $2::text[]) as p(a, s)
     where k.values ->> 'address' = p.a and coalesce(k.values ->> 'subdistrict', '') = ''`,
    [[...places.keys()], [...places.values()]],
  );
}

/** The distinct addresses of a registry's entities that have no subdistrict (merged before it was filled). */
export async function addressesWithoutSubdistrict(db: Db, registry: string): Promise<string[]> {
  const rows = await queryRows<{ address: string }>(
    db,
    sql`select distinct ${entities.values} ->> 'address' as address from ${entities}
      where ${entities.registry} = ${registry} and ${entities.values} ? 'address'
        and coalesce(${entities.values} ->> 'subdistrict', '') = ''`,
  );
  return rows.map((r) => r.address);
}

/** Fills the subdistrict of a registry's entities from their addresses (a backfill; no new history version). */
export async function fillSubdistricts(tx: RawTx, registry: string, places: Map<string, string>) {
  if (places.size === 0) return;
  await tx.query(
    `update registry.entities e set values = e.values || jsonb_build_object('subdistrict', p.s)
     from unnest($2::text[], $3::text[]) as p(a, s)
     where e.registry = $1 and e.values ->> 'address' = p.a and coalesce(e.values ->> 'subdistrict', '') = ''`,
    [registry, [...places.keys()], [...places.values()]],
  );
}
