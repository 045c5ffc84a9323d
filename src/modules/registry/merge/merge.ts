import type { RawTx } from '../../../core/db.ts';
import { nameItems, type RegistryName } from '../feeds.ts';
import type { Provenance } from '../schema.ts';
import { iso } from '../timestamps.ts';
import { fillsSubdistrict, type MergePlaces, teachingRegistries } from './places.ts';
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
  /** The place resolver that fills subdistricts from addresses; none, and they stay as delivered. */
  places?: MergePlaces;
};

/**
 * Seconds per step of a batch's merge: the lock, staging the batch, storing the source records, preparing
 * (shared keys, search texts, provenance), filling subdistricts from addresses, inserting new entities and their first versions, writing changed
 * one-source entities, merging shared ones in JavaScript, refreshing statistics.
 */
export type MergeSteps = Partial<
  Record<
    | 'lock'
    | 'stage'
    | 'sourceRecords'
    | 'places'
    | 'prepare'
    | 'entities'
    | 'history'
    | 'changedEntities'
    | 'sharedEntities'
    | 'analyze',
    number
  >
>;

export type MergeResult = { keys: number; changed: number; conflicts: number; steps?: MergeSteps };

/** Told how many of a merge's keys are merged so far, of how many. */
export type MergeProgress = (done: number, total: number) => void;

/** Keys written per statement: large enough to amortize a statement, small enough to keep its work in memory. */
const SLICE = 50_000;
/** Keys per JavaScript merge (entities with several sources or a conflict), whose rows all come back to us. */
const JS_SLICE = 2000;

/**
 * Merges one committed batch of a feeding resource into its registry, in the caller's transaction: the
 * source's latest values per entity are stored, then every entity the batch touched is merged again from
 * all its sources, and what changed gets a new history version. Running it twice changes nothing more.
 *
 * Most entities have one source and no conflict (a first delivery, a registry fed by one department): their
 * merge is the source's values, and is done set-based in SQL from the batch staged once (`stageBatch`): values
 * built once and copied, provenance shared by pattern, search texts per distinct name. The rest go through
 * `mergeKeys`.
 */
export async function mergeBatch(
  tx: RawTx,
  args: MergeArgs,
  onProgress: MergeProgress = () => {},
): Promise<MergeResult> {
  const { registry, source, batchId, sourceItems } = args;
  // Where the time goes, by step (seconds), for the batch's record and the benchmark.
  const steps: MergeSteps = {};
  let lap = performance.now();
  const step = (name: keyof MergeSteps) => {
    const now = performance.now();
    steps[name] = (steps[name] ?? 0) + (now - lap) / 1000;
    lap = now;
  };
  await repo.lockRegistry(tx, registry);
  await repo.mergeSettings(tx);
  step('lock');
  const nameItem = nameItems[registry as RegistryName];
  const total = await repo.stageBatch(tx, {
    registry,
    source,
    table: args.table,
    batchId,
    sourceItems,
    nameItem: sourceItems.includes(nameItem) ? nameItem : null,
  });
  onProgress(0, total);
  step('stage');
  await repo.storeSourceRecords(tx, { registry, source, batchId });
  if (total >= 10_000) await repo.analyzeSourceRecords(tx); // fresh statistics for the joins that follow
  step('sourceRecords');
  if (args.places && fillsSubdistrict(args.registryItems)) {
    // Each distinct address resolved once, in memory; the staged values carry the result to the entities.
    if (teachingRegistries.has(registry)) args.places.learned.push(...(await repo.stagedPlaces(tx)));
    const missing = await repo.stagedAddressesWithoutSubdistrict(tx);
    if (missing.length) await repo.fillStagedSubdistricts(tx, args.places.subdistrictsOf(missing));
    step('places');
  }
  const shared = await repo.stageSharedKeys(tx, registry, source);
  const names = await repo.stagedNames(tx);
  const texts: { name: string; search: string }[] = [];
  for (const name of names) {
    const search = searchTextOf(name);
    if (search !== null) texts.push({ name, search });
  }
  await repo.stageSearchTexts(tx, texts);
  await repo.stageProvenance(tx, { source, batchId, sourceItems });
  const alone = await repo.countAlone(tx);
  step('prepare');

  // Entities this source delivered alone, in slices of staged keys: new ones inserted with their first version,
  // existing ones compared and written where they changed.
  const result: MergeResult = { keys: total, changed: alone.fresh, conflicts: 0, steps };
  for (let from = 1, slice = 1; from <= total; from += SLICE, slice++) {
    const range = { from, to: from + SLICE };
    if (alone.fresh) {
      await repo.insertSingleSourceEntities(tx, registry, range);
      step('entities');
      await repo.insertFirstVersions(tx, registry, range);
      step('history');
    }
    if (alone.existing) {
      // Plans made on statistics from before this transaction's writes can turn the comparison's join quadratic:
      // refresh the statistics each time the tables may have doubled. ANALYZE counts this transaction's rows.
      if (slice > 1 && (slice & (slice - 1)) === 0) await repo.analyzeEntities(tx);
      result.changed += await repo.writeSingleSourceEntities(tx, registry, range);
      step('changedEntities');
    }
    // The shared keys are spread over the slices: count the alone ones in proportion.
    const aloneKeys = alone.fresh + alone.existing;
    onProgress(Math.round((aloneKeys * Math.min(total, from + SLICE - 1)) / total), total);
  }
  // The rest (several sources, or a conflict) merged in JavaScript.
  const aloneKeys = total - shared.length;
  for (let i = 0; i < shared.length; i += JS_SLICE) {
    const slice = await mergeKeys(tx, args, shared.slice(i, i + JS_SLICE));
    result.changed += slice.changed;
    result.conflicts += slice.conflicts;
    onProgress(aloneKeys + Math.min(shared.length, i + JS_SLICE), total);
  }
  step('sharedEntities');
  await repo.recordMergedBatch(tx, batchId, registry, result.keys);
  // After a bulk load the planner's statistics are stale until autovacuum runs, and the registry's paged reads
  // pick bad plans meanwhile (20 s instead of 3 for a quality report): refresh them now.
  if (result.keys >= 50_000) await repo.analyzeRegistry(tx);
  step('analyze');
  onProgress(total, total);
  return result;
}

/** Merges these entities again from all their sources and writes what changed. */
export async function mergeKeys(
  tx: RawTx,
  args: Pick<MergeArgs, 'registry' | 'registryItems' | 'precedence' | 'places'>,
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
  const results: { key: string; values: Record<string, string>; provenance: Provenance }[] = [];
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
    results.push({ key, values, provenance });
  }
  if (args.places && fillsSubdistrict(args.registryItems)) {
    // As the set-based path does: the subdistrict the address names where no source gave one.
    const lacking = results.filter((e) => e.values.address && !e.values.subdistrict);
    const places = lacking.length ? args.places.subdistrictsOf(lacking.map((e) => e.values.address!)) : null;
    for (const e of lacking) {
      const subdistrict = places?.get(e.values.address!);
      if (subdistrict) e.values.subdistrict = subdistrict;
    }
  }
  const entities = results.map((e) => ({
    key: e.key,
    values: JSON.stringify(e.values),
    provenance: JSON.stringify(e.provenance),
    search: searchTextOf(e.values[nameItem]),
  }));

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
