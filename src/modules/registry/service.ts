import { lookupCtx } from '../../core/context.ts';
import type { Database } from '../../core/db.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { CatalogService, Resource } from '../catalog/index.ts';
import {
  defaultPrecedence,
  feeds,
  isRegistryName,
  nameItems,
  type RegistryName,
  registryNames,
} from './feeds.ts';
import { iso, lockRegistry, mergeBatch, mergeKeys } from './merge/merge.ts';
import type { Provenance } from './schema.ts';
import { createRegistryShareReads } from './share/repository.ts';

/** Entities merged again per transaction, as a batch's merge does in JavaScript. */
const REMERGE_SLICE = 2000;

/** A merged entity with where each value came from, what each source says, and its open conflicts. */
export type Entity = {
  registry: RegistryName;
  key: string;
  values: Record<string, string>;
  provenance: Record<string, { source: string; batchId: number; rule: string; observedAt: string | null }>;
  sources: { source: string; values: Record<string, string>; batchId: number; observedAt: string }[];
  conflicts: { id: number; item: string; candidates: unknown; createdAt: string }[];
  history: { values: Record<string, string>; validFrom: string; validTo: string | null }[];
};

/** The base registries: merging delivered batches into entities, and reading them back. */
export function createRegistryService(deps: { database: Database; catalog: CatalogService; logger: Logger }) {
  const { database, catalog } = deps;

  /** Item precedence of a registry, as stored (seeded with the defaults at start, changed by stewards). */
  async function precedenceOf(registry: RegistryName): Promise<Record<string, string[]>> {
    const rows = await database.query<{ item: string; sources: string[] }>(
      'select item, sources from registry.precedence where registry = $1',
      [registry],
    );
    return Object.fromEntries(rows.map((r) => [r.item, r.sources]));
  }

  /** Merges one committed batch of a resource, when the resource feeds a registry. */
  async function merge(batch: { id: number }, resource: Resource) {
    const registry = resource.alias ? feeds[resource.alias] : undefined;
    if (!registry) return null;
    const { registryItems, precedence } = await mergeSetup(registry);
    const sourceItems = resource.items.map((i) => i.code).filter((code) => registryItems.includes(code));
    return database.rawTransaction((tx) =>
      mergeBatch(tx, {
        registry,
        source: resource.alias!,
        table: `data.r_${resource.id}`,
        batchId: batch.id,
        sourceItems,
        registryItems,
        precedence,
      }),
    );
  }

  /** The registry's items in catalog order and its precedence: what every merge of its entities needs. */
  async function mergeSetup(registry: RegistryName) {
    const target = await catalog.get(lookupCtx, registry);
    return { registryItems: target.items.map((i) => i.code), precedence: await precedenceOf(registry) };
  }

  /**
   * Merges these entities again from what their sources last delivered (after a resolution, a precedence
   * change, licenses issued).
   */
  async function remerge(registry: RegistryName, keys: string[]) {
    const result = { changed: 0, conflicts: 0 };
    if (keys.length === 0) return result;
    const setup = await mergeSetup(registry);
    for (let from = 0; from < keys.length; from += REMERGE_SLICE) {
      const slice = await database.rawTransaction(async (tx) => {
        await lockRegistry(tx, registry);
        return mergeKeys(tx, { registry, ...setup }, keys.slice(from, from + REMERGE_SLICE));
      });
      result.changed += slice.changed;
      result.conflicts += slice.conflicts;
    }
    return result;
  }

  return {
    merge,

    /** Reads of merged entities for the sharing API (filters bound as parameters). */
    share: createRegistryShareReads(database),

    /** Stores the default precedence of each registry that has none stored yet (a first start). */
    async seedPrecedence() {
      for (const registry of registryNames) {
        const [{ n }] = await database.query<{ n: number }>(
          'select count(*)::int as n from registry.precedence where registry = $1',
          [registry],
        );
        if (n > 0) continue;
        for (const [item, sources] of Object.entries(defaultPrecedence[registry]))
          await database.query(
            `insert into registry.precedence (registry, item, sources, updated_by) values ($1, $2, $3, 'onecity')
             on conflict do nothing`,
            [registry, item, sources],
          );
      }
    },

    remerge,

    /** Merges done batches of feeding resources that were not merged yet (a merge cut short by a stop). */
    async catchUp() {
      const rows = await database.query<{ id: number; resource_code: string }>(
        `select b.id, b.resource_code from ingest.batches b
         where b.status = 'done' and b.inserted + b.updated > 0
           and not exists (select 1 from registry.merged_batches m where m.batch_id = b.id)
         order by b.id`,
      );
      for (const row of rows) {
        const resource = await catalog.get(lookupCtx, row.resource_code);
        if (resource.alias && feeds[resource.alias]) await merge(row, resource);
      }
      // Entities merged before names were searchable get their search text.
      for (const registry of registryNames) {
        const unsearchable = await database.query<{ key: string }>(
          'select key from registry.entities where registry = $1 and search is null and values ? $2',
          [registry, nameItems[registry]],
        );
        await remerge(
          registry,
          unsearchable.map((r) => r.key),
        );
      }
    },

    /** Entity counts per registry. */
    async stats(): Promise<Record<RegistryName, number>> {
      const rows = await database.query<{ registry: string; n: number }>(
        'select registry, count(*)::int as n from registry.entities group by registry',
      );
      const counts = Object.fromEntries(registryNames.map((r) => [r, 0])) as Record<RegistryName, number>;
      for (const row of rows) if (isRegistryName(row.registry)) counts[row.registry] = row.n;
      return counts;
    },

    /** One entity with its provenance, sources, open conflicts and history; `asOf` gives the version then. */
    async get(registry: string, key: string, asOf?: Date): Promise<Entity> {
      if (!isRegistryName(registry)) throw new NotFoundError('registry', registry);
      // One statement for the entity, its sources, open conflicts and history: a lookup's cost is round trips.
      const version = asOf
        ? `select values, provenance from registry.history where registry = $1 and key = $2
           and valid_from <= $3::timestamptz and (valid_to is null or valid_to > $3::timestamptz)`
        : 'select values, provenance from registry.entities where registry = $1 and key = $2';
      const [read] = await database.query<{
        values: Record<string, string>;
        provenance: Provenance;
        sources: { source: string; values: Record<string, string>; batch_id: number; observed_at: string }[];
        conflicts: { id: number; item: string; candidates: unknown; created_at: string }[];
        history: { values: Record<string, string>; valid_from: string; valid_to: string | null }[];
      }>(
        `select v.values, v.provenance,
           (select coalesce(json_agg(json_build_object('source', source, 'values', values, 'batch_id', batch_id,
              'observed_at', observed_at) order by source), '[]') from registry.source_records
            where registry = $1 and key = $2) as sources,
           (select coalesce(json_agg(json_build_object('id', id, 'item', item, 'candidates', candidates,
              'created_at', created_at) order by id), '[]') from registry.conflicts
            where registry = $1 and key = $2 and status = 'open') as conflicts,
           (select coalesce(json_agg(json_build_object('values', values, 'valid_from', valid_from,
              'valid_to', valid_to) order by valid_from), '[]') from registry.history
            where registry = $1 and key = $2) as history
         from (${version}) v`,
        asOf ? [registry, key, asOf.toISOString()] : [registry, key],
      );
      if (!read) throw new NotFoundError(registry, key);
      const { values, provenance, sources, conflicts, history } = read;
      const delivered = new Map(sources.map((s) => [`${s.source}#${s.batch_id}`, iso(s.observed_at)]));
      return {
        registry,
        key,
        values,
        provenance: Object.fromEntries(
          Object.entries(provenance).map(([item, [source, batchId, rule]]) => [
            item,
            { source, batchId, rule, observedAt: delivered.get(`${source}#${batchId}`) ?? null },
          ]),
        ),
        sources: sources.map((s) => ({
          source: s.source,
          values: s.values,
          batchId: s.batch_id,
          observedAt: iso(s.observed_at),
        })),
        conflicts: conflicts.map((c) => ({
          id: c.id,
          item: c.item,
          candidates: c.candidates,
          createdAt: iso(c.created_at),
        })),
        history: history.map((h) => ({
          values: h.values,
          validFrom: iso(h.valid_from),
          validTo: h.valid_to ? iso(h.valid_to) : null,
        })),
      };
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
