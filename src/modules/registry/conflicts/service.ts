import { type SQL, sql } from 'drizzle-orm';
import { type Ctx, lookupCtx } from '../../../core/context.ts';
import { type Database, queryRows } from '../../../core/db.ts';
import { ConflictError, InputError, NotFoundError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService, Resource } from '../../catalog/index.ts';
import type { Conflict, ConflictPage, ConflictQuery, ResolveBody } from '../contract.ts';
import { refOf } from '../entities/refs.ts';
import { isRegistryName, type RegistryName } from '../feeds.ts';
import { iso } from '../merge/merge.ts';
import { maskCandidates } from '../entities/service.ts';
import type { RegistryService } from '../service.ts';
import { visibilityFor } from '../visibility.ts';

type Deps = { database: Database; catalog: CatalogService; audit: AuditService; registry: RegistryService };

type ConflictRow = {
  id: number;
  registry: string;
  key: string;
  item: string;
  candidates: { source: string; value: string; batchId: number; observedAt: string }[];
  status: Conflict['status'];
  created_at: Date | string;
  resolved_value: string | null;
  resolved_source: string | null;
  resolved_by: string | null;
  resolved_at: Date | string | null;
  /** The entity's surrogate id (as text), which makes a person's ref. */
  entity_id: string;
};

// A conflict is recorded by the merge that writes its entity, and entities are never deleted: the id is there.
const columns = sql`c.id, c.registry, c.key, c.item, c.candidates, c.status, c.created_at, c.resolved_value,
  c.resolved_source, c.resolved_by, c.resolved_at, e.id::text as entity_id`;
const from = sql`registry.conflicts c join registry.entities e on e.registry = c.registry and e.key = c.key`;

/** Disagreements between sources that no precedence settles, and stewards' resolutions of them. */
export function createConflictService(deps: Deps) {
  const { database, catalog, audit, registry: service } = deps;
  const rows = <T>(query: SQL) => queryRows<T>(database.db, query);
  /** The catalog resources (items, provider) of the registries these conflicts are in. */
  async function resourcesOf(found: ConflictRow[]) {
    const resources = new Map<string, Resource>();
    for (const registry of new Set(found.map((r) => r.registry)))
      resources.set(registry, await catalog.get(lookupCtx, registry));
    return resources;
  }

  /**
   * A conflict as the caller may see it: the entity key and personal candidate values are shown raw to those
   * who may see the registry's personal data (admins, stewards, the provider department), masked to others.
   */
  function toConflict(ctx: Ctx, row: ConflictRow, resource: Resource): Conflict & { raw: boolean } {
    const registry = row.registry as RegistryName;
    const shown = visibilityFor(ctx, resource, true);
    return {
      id: row.id,
      registry,
      key: shown.key(row.key),
      ref: refOf(registry, { key: row.key, id: row.entity_id }),
      item: row.item,
      itemName: resource.items.find((i) => i.code === row.item)?.name ?? row.item,
      candidates: maskCandidates(shown, row.item, row.candidates),
      status: row.status,
      createdAt: iso(row.created_at),
      resolvedValue: row.resolved_value === null ? null : shown.value(row.item, row.resolved_value),
      resolvedSource: row.resolved_source,
      resolvedBy: row.resolved_by,
      resolvedAt: row.resolved_at ? iso(row.resolved_at) : null,
      raw: shown.raw && shown.personal.includes(row.item),
    };
  }

  /** Strips the internal `raw` mark and audits the conflicts whose personal values were shown unmasked. */
  async function shownTo(
    ctx: Ctx,
    conflicts: (Conflict & { raw: boolean })[],
    target: number | 'list',
  ): Promise<Conflict[]> {
    const raw = conflicts.filter((c) => c.raw);
    if (raw.length)
      await audit.recordNow(ctx, {
        action: 'registry.read_personal',
        targetType: 'registry_conflict',
        targetId: target,
        detail: { conflicts: raw.map((c) => c.id) },
      });
    return conflicts.map(({ raw: _, ...c }) => c);
  }

  async function findRow(id: number) {
    const [row] = await rows<ConflictRow>(sql`select ${columns} from ${from} where c.id = ${id}`);
    if (!row || !isRegistryName(row.registry)) throw new NotFoundError('conflict', id);
    return row;
  }

  return {
    /** Conflicts, newest first, filtered by registry and status. */
    async list(ctx: Ctx, q: ConflictQuery): Promise<ConflictPage> {
      const conditions = [sql`true`];
      if (q.registry) conditions.push(sql`c.registry = ${q.registry}`);
      if (q.status) conditions.push(sql`c.status = ${q.status}`);
      const where = sql.join(conditions, sql` and `);
      const [found, [count]] = await Promise.all([
        rows<ConflictRow>(sql`select ${columns} from ${from} where ${where}
          order by c.created_at desc, c.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
        rows<{ n: number }>(sql`select count(*)::int as n from ${from} where ${where}`),
      ]);
      const resources = await resourcesOf(found);
      const items = found.map((row) => toConflict(ctx, row, resources.get(row.registry)!));
      return {
        items: await shownTo(ctx, items, 'list'),
        total: Number(count?.n ?? 0),
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /**
     * A steward settles a conflict with one of the candidates' values (and source, when several offered it).
     * The resolution holds while the sources keep offering the same values; the entity is merged again at once.
     */
    async resolve(ctx: Ctx, id: number, body: ResolveBody): Promise<Conflict> {
      const row = await findRow(id);
      if (row.status !== 'open')
        throw new ConflictError('conflict_not_open', `Conflict ${id} is ${row.status}`, {
          id,
          status: row.status,
        });
      const chosen = row.candidates.filter((c) => c.value === body.value);
      if (!chosen.length)
        throw new InputError('invalid_input', 'The value is not one the sources offered', [
          { field: 'value', reason: 'not_a_candidate' },
        ]);
      if (body.source && !chosen.some((c) => c.source === body.source))
        throw new InputError('invalid_input', 'That source did not offer the value', [
          { field: 'source', reason: 'not_a_candidate' },
        ]);
      const registry = row.registry as RegistryName;
      await database.db.transaction(async (tx) => {
        const updated = await queryRows<{ id: number }>(
          tx,
          sql`update registry.conflicts set status = 'resolved', resolved_value = ${body.value},
            resolved_source = ${body.source ?? null}, resolved_by = ${ctx.actor?.username ?? 'anonymous'},
            resolved_at = now()
          where id = ${id} and status = 'open' returning id`,
        );
        // Someone resolved it, or a new delivery superseded it, since it was read.
        if (!updated.length)
          throw new ConflictError('conflict_not_open', `Conflict ${id} is no longer open`, { id });
        await audit.record(tx, ctx, {
          action: 'registry.conflict_resolved',
          targetType: 'registry_conflict',
          targetId: id,
          detail: { registry, item: row.item, source: body.source ?? chosen[0]!.source },
        });
      });
      await service.remerge(registry, [row.key]);
      const resolved = await findRow(id);
      const resources = await resourcesOf([resolved]);
      return (await shownTo(ctx, [toConflict(ctx, resolved, resources.get(registry)!)], id))[0]!;
    },
  };
}

export type ConflictService = ReturnType<typeof createConflictService>;
