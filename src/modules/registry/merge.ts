import type { RawTx } from '../../core/db.ts';
import { type Candidate, fingerprint, type MergedItem, mergeItem, type Resolution } from './merge-rules.ts';
import type { Provenance } from './schema.ts';

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

const SLICE = 2000;

/**
 * Merges one committed batch of a feeding resource into its registry, in the caller's transaction: the
 * source's latest values per entity are stored, then every entity the batch touched is merged again from
 * all its sources, and what changed gets a new history version. Running it twice changes nothing more.
 */
export async function mergeBatch(tx: RawTx, args: MergeArgs): Promise<MergeResult> {
  const { registry, source, table, batchId } = args;
  const pairs = args.sourceItems.map((code) => `'${code}', "${code}"`).join(', ');
  await tx.query(
    `insert into registry.source_records (registry, key, source, values, batch_id, observed_at)
     select $1, _key, $2, jsonb_strip_nulls(jsonb_build_object(${pairs})), _batch_id, _updated_at
     from ${table} where _batch_id = $3
     on conflict (registry, key, source) do update
       set values = excluded.values, batch_id = excluded.batch_id, observed_at = excluded.observed_at`,
    [registry, source, batchId],
  );
  // The keys the batch wrote, numbered once, so the merge walks them in slices without rescanning the data.
  await tx.query(
    `create temp table merge_keys on commit drop as
     select row_number() over () as n, _key as key from ${table} where _batch_id = $1`,
    [batchId],
  );
  await tx.query('create index on merge_keys (n)');
  const result: MergeResult = { keys: 0, changed: 0, conflicts: 0 };
  for (let from = 1; ; from += SLICE) {
    const rows = await tx.query<{ key: string }>('select key from merge_keys where n >= $1 and n < $2', [
      from,
      from + SLICE,
    ]);
    if (rows.length === 0) break;
    const keys = rows.map((r) => r.key);
    const slice = await mergeKeys(tx, args, keys);
    result.keys += keys.length;
    result.changed += slice.changed;
    result.conflicts += slice.conflicts;
  }
  await tx.query(
    `insert into registry.merged_batches (batch_id, registry, keys) values ($1, $2, $3)
     on conflict (batch_id) do update set keys = excluded.keys, merged_at = now()`,
    [batchId, registry, result.keys],
  );
  return result;
}

/** Canonical JSON (keys sorted), to tell whether merged values changed. */
const canonical = (values: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(values)
      .sort()
      .map((k) => [k, values[k]]),
  );

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
  const current = await tx.query<{ key: string; values: Record<string, string>; provenance: Provenance }>(
    `select key, values, provenance from registry.entities where registry = $1 and key = any($2::text[])`,
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
  const bySource = groupBy(sources, (s) => s.key);
  const currentOf = new Map(current.map((c) => [c.key, c]));
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

  const upserts: { key: string; values: string; provenance: string }[] = [];
  const changedKeys: string[] = [];
  const newConflicts: { key: string; item: string; candidates: string; fingerprint: string }[] = [];
  const settled: { key: string; item: string }[] = [];
  for (const key of keys) {
    const values: Record<string, string> = {};
    const provenance: Provenance = {};
    for (const item of args.registryItems) {
      const candidates: Candidate[] = [];
      for (const s of bySource.get(key) ?? []) {
        const value = s.values[item];
        if (value !== undefined)
          candidates.push({ source: s.source, value, batchId: s.batch_id, observedAt: iso(s.observed_at) });
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
    const before = currentOf.get(key);
    const valuesChanged = !before || canonical(before.values) !== canonical(values);
    if (valuesChanged) changedKeys.push(key);
    if (valuesChanged || canonical(before!.provenance) !== canonical(provenance))
      upserts.push({ key, values: JSON.stringify(values), provenance: JSON.stringify(provenance) });
  }

  if (upserts.length)
    await tx.query(
      `insert into registry.entities (registry, key, values, provenance, updated_at)
       select $1, k, v::jsonb, p::jsonb, now() from unnest($2::text[], $3::text[], $4::text[]) as t(k, v, p)
       on conflict (registry, key) do update set values = excluded.values, provenance = excluded.provenance, updated_at = now()`,
      [registry, upserts.map((u) => u.key), upserts.map((u) => u.values), upserts.map((u) => u.provenance)],
    );
  if (changedKeys.length) {
    await tx.query(
      `update registry.history set valid_to = now() where registry = $1 and key = any($2::text[]) and valid_to is null`,
      [registry, changedKeys],
    );
    await tx.query(
      `insert into registry.history (registry, key, values, provenance, valid_from)
       select registry, key, values, provenance, now() from registry.entities where registry = $1 and key = any($2::text[])`,
      [registry, changedKeys],
    );
  }
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
  return { changed: changedKeys.length, conflicts: newConflicts.length };
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
