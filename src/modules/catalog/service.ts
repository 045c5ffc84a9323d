import { type Ctx, hasRole, lookupCtx } from '../../core/context.ts';
import { type Db, isUniqueViolation } from '../../core/db.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../core/errors.ts';
import type { AuditService } from '../audit/index.ts';
import type { OrgService } from '../org/index.ts';
import type { Resource, ResourceInput, ResourceQuery, ResourceSummary, ResourceUpdate } from './contract.ts';
import { demoResources } from './demo-resources.ts';
import { diffSnapshots } from './diff.ts';
import './messages.ts';
import * as repo from './repository.ts';
import { checkResourceRules } from './rules.ts';
import { searchTextOf } from './search-text.ts';

export type CatalogService = ReturnType<typeof createCatalogService>;

/** The fields of a resource as a department fills them in, which is also what a version keeps. */
function snapshotOf(r: repo.ResourceRow | (ResourceInput & { code: string })) {
  return {
    code: r.code,
    alias: r.alias ?? null,
    name: r.name,
    classification: r.classification,
    classCode: r.classCode,
    providerDepartmentId: r.providerDepartmentId,
    summary: r.summary,
    format: r.format,
    items: r.items,
    keyItems: r.keyItems,
    shareType: r.shareType,
    shareCondition: r.shareCondition ?? null,
    shareBasis: r.shareBasis ?? null,
    openType: r.openType,
    openCondition: r.openCondition ?? null,
    updateCycle: r.updateCycle,
    publishDate: r.publishDate ?? null,
    relatedCodes: r.relatedCodes ?? [],
    keywords: r.keywords ?? [],
  };
}

/** The resource catalog (政务信息资源目录): registration, versions, search. */
export function createCatalogService(deps: { db: Db; audit: AuditService; org: OrgService }) {
  const { db, audit, org } = deps;

  async function departmentNames() {
    const { items } = await org.listDepartments(lookupCtx, { page: 1, pageSize: 500, sort: 'sort' });
    return new Map(items.map((d) => [d.id, d.name]));
  }

  function toResource(row: repo.ResourceRow, names: Map<number, string>): Resource {
    return {
      ...(snapshotOf(row) as Omit<
        Resource,
        'id' | 'version' | 'createdAt' | 'updatedAt' | 'providerDepartmentName'
      >),
      id: row.id,
      providerDepartmentName: names.get(row.providerDepartmentId) ?? String(row.providerDepartmentId),
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** Departments edit their own resources; center staff edit all. */
  function checkMayEdit(ctx: Ctx, providerDepartmentId: number) {
    if (hasRole(ctx.actor, 'admin', 'steward')) return;
    if (hasRole(ctx.actor, 'department_user') && ctx.actor!.departmentId === providerDepartmentId) return;
    throw new ForbiddenError('not_your_resource', 'You may only edit resources your department provides');
  }

  async function checkInput(input: ResourceInput) {
    checkResourceRules(input);
    const names = await departmentNames();
    if (!names.has(input.providerDepartmentId)) {
      throw new InputError(
        'unknown_provider',
        'Unknown provider department',
        [{ field: 'providerDepartmentId', reason: 'invalid' }],
        {
          department: input.providerDepartmentId,
        },
      );
    }
  }

  async function load(codeOrAlias: string) {
    const row = await repo.findResource(db, codeOrAlias);
    if (!row) throw new NotFoundError('resource', codeOrAlias);
    return row;
  }

  /** A resource's alias (population, legal_person …) names one resource only. */
  async function checkAliasFree(alias: string | null | undefined, exceptId?: number) {
    const holder = alias ? await repo.findResource(db, alias) : undefined;
    if (holder && holder.id !== exceptId) {
      const params = { alias };
      throw new ConflictError('duplicate_alias', 'Alias is used', params, [
        { field: 'alias', reason: 'duplicate_alias', params },
      ]);
    }
  }

  return {
    /** Resources, filtered, searched and paged. */
    async list(_ctx: Ctx, q: ResourceQuery): Promise<{ items: ResourceSummary[]; total: number }> {
      const [{ items, total }, names] = await Promise.all([repo.findResources(db, q), departmentNames()]);
      return {
        items: items.map((row) => {
          const { items: dataItems, ...rest } = toResource(row, names);
          return { ...rest, itemCount: dataItems.length };
        }),
        total,
      };
    },

    /** Every resource matching the filters, whole (with data items), in code order: for exports. */
    async listAll(
      _ctx: Ctx,
      filters: Omit<ResourceQuery, 'page' | 'pageSize' | 'sort'>,
    ): Promise<Resource[]> {
      const names = await departmentNames();
      const all: Resource[] = [];
      for (let page = 1; ; page++) {
        const { items } = await repo.findResources(db, { ...filters, page, pageSize: 500, sort: 'code' });
        all.push(...items.map((row) => toResource(row, names)));
        if (items.length < 500) return all;
      }
    },

    /** One resource by code or alias. */
    async get(_ctx: Ctx, codeOrAlias: string): Promise<Resource> {
      return toResource(await load(codeOrAlias), await departmentNames());
    },

    /** Registers a resource; its code is the classification code and the next sequence number. */
    async create(ctx: Ctx, input: ResourceInput): Promise<Resource> {
      checkMayEdit(ctx, input.providerDepartmentId);
      await checkInput(input);
      await checkAliasFree(input.alias);
      // Two departments registering under one classification at once may pick the same number; try again.
      for (let attempt = 0; ; attempt++) {
        try {
          const row = await db.transaction(async (tx) => {
            const code = `${input.classCode}/${String(await repo.nextSequence(tx, input.classCode)).padStart(6, '0')}`;
            const values = {
              ...snapshotOf({ ...input, code }),
              version: 1,
              searchText: searchTextOf({ ...input, code }),
            };
            const row = await repo.insertResource(tx, values);
            await repo.insertVersion(tx, {
              resourceId: row.id,
              version: 1,
              snapshot: snapshotOf(row),
              changedBy: ctx.actor?.username ?? 'system',
              changeNote: 'created',
            });
            await audit.record(tx, ctx, {
              action: 'catalog.create',
              targetType: 'resource',
              targetId: code,
              detail: { name: input.name },
            });
            return row;
          });
          return toResource(row, await departmentNames());
        } catch (error) {
          if (isUniqueViolation(error) && attempt < 5) continue;
          throw error;
        }
      }
    },

    /** Saves a new version of a resource; `expectedVersion` guards against overwriting someone else's edit. */
    async update(
      ctx: Ctx,
      codeOrAlias: string,
      input: ResourceUpdate & { expectedVersion?: number },
    ): Promise<Resource> {
      const before = await load(codeOrAlias);
      checkMayEdit(ctx, before.providerDepartmentId);
      checkMayEdit(ctx, input.providerDepartmentId);
      const { changeNote, expectedVersion, ...fields } = input;
      await checkInput(fields);
      await checkAliasFree(fields.alias, before.id);
      if (expectedVersion !== undefined && expectedVersion !== before.version) {
        throw new ConflictError('version_conflict', 'The resource changed meanwhile', {
          version: before.version,
        });
      }
      // The code stays: a classification change keeps the code that consumers already use.
      const snapshot = snapshotOf({ ...fields, code: before.code });
      const changes = diffSnapshots(snapshotOf(before), snapshot);
      if (changes.length === 0) return toResource(before, await departmentNames());
      const row = await db.transaction(async (tx) => {
        const version = before.version + 1;
        const row = await repo.updateResource(tx, before.id, before.version, {
          ...snapshot,
          version,
          searchText: searchTextOf(snapshot),
        });
        if (!row)
          throw new ConflictError('version_conflict', 'The resource changed meanwhile', {
            version: before.version + 1,
          });
        await repo.insertVersion(tx, {
          resourceId: row.id,
          version,
          snapshot,
          changedBy: ctx.actor?.username ?? 'system',
          changeNote: changeNote ?? null,
        });
        await audit.record(tx, ctx, {
          action: 'catalog.update',
          targetType: 'resource',
          targetId: row.code,
          detail: { version, changes: changes.slice(0, 50) },
        });
        return row;
      });
      return toResource(row, await departmentNames());
    },

    /** A resource's versions, newest first. */
    async versions(_ctx: Ctx, codeOrAlias: string) {
      const row = await load(codeOrAlias);
      return (await repo.findVersions(db, row.id)).map((v) => ({
        ...v,
        changedAt: v.changedAt.toISOString(),
      }));
    },

    /** What changed between two versions. */
    async diff(_ctx: Ctx, codeOrAlias: string, from: number, to: number) {
      const row = await load(codeOrAlias);
      const [a, b] = await Promise.all([
        repo.findSnapshot(db, row.id, from),
        repo.findSnapshot(db, row.id, to),
      ]);
      if (!a) throw new NotFoundError('version', from);
      if (!b) throw new NotFoundError('version', to);
      return { from, to, changes: diffSnapshots(a, b) };
    },

    /** Counts per classification code, for browsing. */
    async classTree(_ctx: Ctx) {
      return (await repo.countByClassCode(db)).map((r) => ({ classCode: r.classCode, count: r.n }));
    },

    /** Registers the demo district's resources that are not there yet (by alias). Idempotent. */
    async seedDemo(ctx: Ctx) {
      for (const { provider, ...demo } of demoResources) {
        if (await repo.findResource(db, demo.alias)) continue;
        const department = await org.findDepartmentByCode(provider);
        if (department) await this.create(ctx, { ...demo, providerDepartmentId: department.id });
      }
    },

    /** Number of resources, for the home page. */
    count: () => repo.countResources(db),
  };
}
