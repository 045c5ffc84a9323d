import type { RawTx } from '../../../core/db.ts';
import { searchTextOf } from './search-text.ts';
import { nameItems, type RegistryName } from '../feeds.ts';
import { type Candidate, fingerprint, type MergedItem, mergeItem, type Resolution } from './rules.ts';
import type { Provenance } from '../schema.ts';

/** What one merge of a delivered batch into a registry needs to know. */
export type MergeArgs = {
  registry: string;
  /** The feeding resource's alias (the source's name in provenance) and its data table. */
  source: string;
  table: string;
  batchId: number;
  /** Items the source delivers that the registry has (same codes). */
  sourceItems: string[];
  /** The registry's items, in catalog order. */
  registryItems: string[];
  precedence: Record<string, string[]>;
};

export type MergeResult = { keys: number; changed: number; conflicts: number };

/** Keys read and merged per statement: large enough to amortize round trips, small enough to bound memory. */
const SLICE = 20_000;
/** Keys per JavaScript merge (entities with several sources or a conflict), whose rows all come back to us. */
const JS_SLICE = 2000;

/**
 * Merges one committed batch of a feeding resource into its registry, in the caller's transaction: the
 * source's latest values per entity are stored, then every entity the batch touched is merged again from
 * all its sources, and what changed gets a new history version. Running it twice changes nothing more.
 *
 * Most entities have one source and no conflict (a first delivery, a registry fed by one department): their
 * merge is the source's values, and is done set-based in SQL. The rest go through `mergeKeys`.
 */
export async function mergeBatch(tx: RawTx, args: MergeArgs): Promise<MergeResult> {
  const { registry, source, table, batchId } = args;
  await lockRegistry(tx, registry);
  const pairs = args.sourceItems.map((code) => `'${code}', "${code}"`).join(', ');
  await tx.query(
    `insert into registry.source_records (registry, key, source, values, batch_id, observed_at)
     select $1, _key, $2, jsonb_strip_nulls(jsonb_build_object(${pairs})), _batch_id, _updated_at
     from ${table} where _batch_id = $3
     on conflict (registry, key, source) do update
       set values = excluded.values, batch_id = excluded.batch_id, observed_at = excluded.observed_at`,
    [registry, source, batchId],
  );
  // The keys the batch wrote (with the name, for search), numbered once, so the merge walks them in slices
  // without rescanning the data.
  const nameItem = nameItems[registry as RegistryName];
  const name = args.sourceItems.includes(nameItem) ? `"${nameItem}"` : 'null::text';
  await tx.query(
    `create temp table merge_keys on commit drop as
     select row_number() over () as n, _key as key, ${name} as name from ${table} where _batch_id = $1`,
    [batchId],
  );
  await tx.query('create index on merge_keys (n)');
  await tx.query('analyze merge_keys'); // temporary tables are never analyzed by autovacuum
  const [{ n: batchKeys } = { n: 0 }] = await tx.query<{ n: number }>(
    'select count(*)::int as n from merge_keys',
  );
  if (batchKeys >= 10_000) await tx.query('analyze registry.source_records'); // see below
  const [{ any: anyConflict } = { any: false }] = await tx.query<{ any: boolean }>(
    `select exists (select 1 from registry.conflicts where registry = $1 and status in ('open', 'resolved')) as any`,
    [registry],
  );
  const result: MergeResult = { keys: 0, changed: 0, conflicts: 0 };
  for (let from = 1, slice = 1; ; from += SLICE, slice++) {
    // A large first load fills the registry's tables in this very transaction, and plans made on their
    // statistics from before (empty tables) turn the slices' joins quadratic: refresh the statistics each
    // time the tables may have doubled. ANALYZE counts the rows this transaction wrote.
    if (slice > 1 && (slice & (slice - 1)) === 0)
      await tx.query('analyze registry.entities, registry.history');
    const rows = await tx.query<{ key: string; name: string | null; alone: boolean }>(
      `select k.key, k.name,
         not exists (select 1 from registry.source_records o where o.registry = $1 and o.key = k.key and o.source <> $2)
         ${anyConflict ? `and k.key not in (select key from registry.conflicts where registry = $1 and status in ('open', 'resolved'))` : ''}
         as alone
       from merge_keys k where k.n >= $3 and k.n < $4`,
      [registry, source, from, from + SLICE],
    );
    if (rows.length === 0) break;
    result.keys += rows.length;
    const alone = rows.filter((r) => r.alone);
    result.changed += await mergeAlone(tx, registry, source, alone);
    const shared = rows.filter((r) => !r.alone).map((r) => r.key);
    for (let i = 0; i < shared.length; i += JS_SLICE) {
      const slice = await mergeKeys(tx, args, shared.slice(i, i + JS_SLICE));
      result.changed += slice.changed;
      result.conflicts += slice.conflicts;
    }
  }
  await tx.query(
    `insert into registry.merged_batches (batch_id, registry, keys) values ($1, $2, $3)
     on conflict (batch_id) do update set keys = excluded.keys, merged_at = now()`,
    [batchId, registry, result.keys],
  );
  // After a bulk load the planner's statistics are stale until autovacuum runs, and the registry's paged reads
  // pick bad plans meanwhile (20 s instead of 3 for a quality report): refresh them now.
  if (result.keys >= 50_000)
    await tx.query('analyze registry.entities, registry.source_records, registry.history');
  return result;
}

/**
 * Merges entities whose only source is `source` and that have no conflict: their values are the source's,
 * every item by rule "only". One statement writes the entities and the history of those that changed; it
 * returns how many changed.
 */
async function mergeAlone(
  tx: RawTx,
  registry: string,
  source: string,
  rows: { key: string; name: string | null }[],
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
    [registry, rows.map((r) => r.key), rows.map((r) => searchTextOf(r.name ?? undefined)), source],
  );
}

/**
 * Writes merged entities given as a `src` CTE (key, values, provenance, search; $1 is the registry): those that
 * differ from what is stored are upserted, and those whose values changed get a new history version (the
 * previous one closed). One statement; returns how many entities' values changed.
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

/** Merges these entities again from all their sources and writes what changed. */
export async function mergeKeys(
  tx: RawTx,
  args: Pick<MergeArgs, 'registry' | 'registryItems' | 'precedence'>,
  keys: string[],
) {
  const { registry } = args;
  const sources = await tx.query<{
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
  const conflictRows = await tx.query<{
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
  const bySource = groupBy(
    sources.map((s) => ({ ...s, observedAt: iso(s.observed_at) })),
    (s) => s.key,
  );
  const resolutions = new Map<string, Resolution>();
  const open = new Map<string, string>();
  for (const c of conflictRows) {
    const id = `${c.key}\u0001${c.item}`;
    if (c.status === 'open') open.set(id, c.fingerprint);
    else
      resolutions.set(id, {
        fingerprint: c.fingerprint,
        value: c.resolved_value!,
        source: c.resolved_source,
      });
  }

  const nameItem = nameItems[registry as RegistryName];
  const entities: { key: string; values: string; provenance: string; search: string | null }[] = [];
  const newConflicts: { key: string; item: string; candidates: string; fingerprint: string }[] = [];
  const settled: { key: string; item: string }[] = [];
  for (const key of keys) {
    const delivered = bySource.get(key);
    if (!delivered) continue; // nothing delivered, nothing to merge
    const values: Record<string, string> = {};
    const provenance: Provenance = {};
    for (const item of args.registryItems) {
      const candidates: Candidate[] = [];
      for (const s of delivered) {
        const value = s.values[item];
        if (value !== undefined)
          candidates.push({ source: s.source, value, batchId: s.batch_id, observedAt: s.observedAt });
      }
      const id = `${key}\u0001${item}`;
      const merged: MergedItem | null = mergeItem(candidates, args.precedence[item], resolutions.get(id));
      if (merged) {
        values[item] = merged.value;
        provenance[item] = [merged.source, merged.batchId, merged.rule];
      }
      const print = merged?.conflict ? fingerprint(merged.conflict) : null;
      const openPrint = open.get(id);
      if (openPrint !== undefined && openPrint !== print) settled.push({ key, item });
      if (print && openPrint !== print)
        newConflicts.push({ key, item, candidates: JSON.stringify(merged!.conflict), fingerprint: print });
    }
    entities.push({
      key,
      values: JSON.stringify(values),
      provenance: JSON.stringify(provenance),
      search: searchTextOf(values[nameItem]),
    });
  }

  const changed = await writeEntities(
    tx,
    `with src as (
       select k as key, v::jsonb as values, p::jsonb as provenance, s as search
       from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as t(k, v, p, s)
     )`,
    [
      registry,
      entities.map((e) => e.key),
      entities.map((e) => e.values),
      entities.map((e) => e.provenance),
      entities.map((e) => e.search),
    ],
  );
  if (settled.length)
    await tx.query(
      `update registry.conflicts c set status = 'superseded' from unnest($2::text[], $3::text[]) as t(k, i)
       where c.registry = $1 and c.key = t.k and c.item = t.i and c.status = 'open'`,
      [registry, settled.map((s) => s.key), settled.map((s) => s.item)],
    );
  if (newConflicts.length)
    await tx.query(
      `insert into registry.conflicts (registry, key, item, candidates, fingerprint, status)
       select $1, k, i, c::jsonb, f, 'open' from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as t(k, i, c, f)`,
      [
        registry,
        newConflicts.map((c) => c.key),
        newConflicts.map((c) => c.item),
        newConflicts.map((c) => c.candidates),
        newConflicts.map((c) => c.fingerprint),
      ],
    );
  return { changed, conflicts: newConflicts.length };
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** A timestamp as either driver returns it (Date, or text) in ISO form. */
export const iso = (value: string | Date) => (value instanceof Date ? value : new Date(value)).toISOString();
