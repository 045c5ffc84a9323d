import type { RawTx } from '../../../core/db.ts';
import { nameItems, type RegistryName } from '../feeds.ts';
import type { Provenance } from '../schema.ts';
import { iso } from '../timestamps.ts';
import * as repo from './repository.ts';
import { type Candidate, fingerprint, type MergedItem, mergeItem, type Resolution } from './rules.ts';
import { searchTextOf } from './search-text.ts';

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
  await repo.lockRegistry(tx, registry);
  await repo.storeSourceRecords(tx, args);
  const nameItem = nameItems[registry as RegistryName];
  const batchKeys = await repo.numberBatchKeys(
    tx,
    table,
    batchId,
    args.sourceItems.includes(nameItem) ? nameItem : null,
  );
  if (batchKeys >= 10_000) await repo.analyzeSourceRecords(tx); // see below
  const anyConflict = await repo.hasLiveConflicts(tx, registry);
  const result: MergeResult = { keys: 0, changed: 0, conflicts: 0 };
  for (let from = 1, slice = 1; ; from += SLICE, slice++) {
    // A large first load fills the registry's tables in this very transaction, and plans made on their
    // statistics from before (empty tables) turn the slices' joins quadratic: refresh the statistics each
    // time the tables may have doubled. ANALYZE counts the rows this transaction wrote.
    if (slice > 1 && (slice & (slice - 1)) === 0) await repo.analyzeEntities(tx);
    const rows = await repo.batchKeySlice(tx, { registry, source, from, to: from + SLICE, anyConflict });
    if (rows.length === 0) break;
    result.keys += rows.length;
    const alone = rows.filter((r) => r.alone);
    result.changed += await repo.writeSingleSourceEntities(
      tx,
      registry,
      source,
      alone.map((r) => ({ key: r.key, search: searchTextOf(r.name ?? undefined) })),
    );
    const shared = rows.filter((r) => !r.alone).map((r) => r.key);
    for (let i = 0; i < shared.length; i += JS_SLICE) {
      const slice = await mergeKeys(tx, args, shared.slice(i, i + JS_SLICE));
      result.changed += slice.changed;
      result.conflicts += slice.conflicts;
    }
  }
  await repo.recordMergedBatch(tx, batchId, registry, result.keys);
  // After a bulk load the planner's statistics are stale until autovacuum runs, and the registry's paged reads
  // pick bad plans meanwhile (20 s instead of 3 for a quality report): refresh them now.
  if (result.keys >= 50_000) await repo.analyzeRegistry(tx);
  return result;
}

/** Merges these entities again from all their sources and writes what changed. */
export async function mergeKeys(
  tx: RawTx,
  args: Pick<MergeArgs, 'registry' | 'registryItems' | 'precedence'>,
  keys: string[],
) {
  const { registry } = args;
  const sources = await repo.sourceRecordsOf(tx, registry, keys);
  const conflictRows = await repo.liveConflictsOf(tx, registry, keys);
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

  const changed = await repo.writeMergedEntities(tx, registry, entities);
  await repo.supersedeConflicts(tx, registry, settled);
  await repo.insertConflicts(tx, registry, newConflicts);
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
