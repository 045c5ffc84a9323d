import type { Ctx } from '../../core/context.ts';
import { type Db, isUniqueViolation } from '../../core/db.ts';
import {
  ConflictError,
  DomainError,
  type FieldError,
  ForbiddenError,
  InputError,
  NotFoundError,
} from '../../core/errors.ts';
import { type Lang, message } from '../../core/messages.ts';
import type { AuditService } from '../audit/index.ts';
import type { DepartmentDirectory, OrgService } from '../org/index.ts';
import { classLevelLengths, className } from './class-names.ts';
import type {
  ClassTreeNode,
  Resource,
  ResourceInput,
  ResourceQuery,
  ResourceSummary,
  ResourceUpdate,
  ResourceView,
  VersionEntry,
} from './contract.ts';
import { demoResources } from './demo-resources.ts';
import { diffSnapshots } from './diff.ts';
import './messages.ts';
import { catalogPolicy } from './policy.ts';
import * as repo from './repository.ts';
import { checkResourceRules, withPersonalFlags } from './rules.ts';
import { searchTextOf } from './search-text.ts';

export type CatalogService = ReturnType<typeof createCatalogService>;

// Version 1 is stored with this note since the first release; it is shown translated (message
// version_created) when read, so no stored row needs rewriting.
const CREATED_NOTE = 'created';

/** A change only the center may make (opening a resource, taking a personal flag off); `fields` say which. */
class NeedsReviewError extends DomainError {
  constructor(fields: FieldError[]) {
    super(403, 'needs_center_review', 'The data resource center must review this change', {}, fields);
  }
}

/**
 * Refuses, for anyone but the center's staff, what would publish personal data without the center's review:
 * a resource more open than before (a new one counts as closed before), or an item that was personal saved
 * as not personal. An item is the same item when its code or its label is the same, so renaming one of them
 * does not take the flag off.
 */
function checkReview(ctx: Ctx, input: ResourceInput, before?: repo.ResourceRow) {
  if (catalogPolicy.mayReview(ctx.actor)) return;
  const fields: FieldError[] = [];
  const from = before?.openType ?? 'closed';
  if (!catalogPolicy.mayOpen(ctx.actor, from, input.openType))
    fields.push({ field: 'openType', reason: 'opening_needs_review', params: { from, to: input.openType } });
  const unflagged = new Set<number>();
  for (const was of before?.items ?? []) {
    if (!was.personal) continue;
    input.items.forEach((item, i) => {
      if (!item.personal && (item.code === was.code || item.name === was.name)) unflagged.add(i);
    });
  }
  for (const i of [...unflagged].sort((a, b) => a - b)) {
    const code = input.items[i]!.code;
    fields.push({ field: `items.${i}.personal`, reason: 'unflag_needs_review', params: { code } });
  }
  if (fields.length) throw new NeedsReviewError(fields);
}

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

  /** A resource as the caller sees it: with its provider's name and whether the caller may edit it. */
  function toResource(ctx: Ctx, row: repo.ResourceRow, departments: DepartmentDirectory): ResourceView {
    return {
      ...(snapshotOf(row) as Omit<
        Resource,
        'id' | 'version' | 'createdAt' | 'updatedAt' | 'providerDepartmentName'
      >),
      id: row.id,
      providerDepartmentName:
        departments.byId.get(row.providerDepartmentId)?.name ?? String(row.providerDepartmentId),
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      canEdit: catalogPolicy.mayEdit(ctx.actor, row),
    };
  }

  function checkMayEdit(ctx: Ctx, providerDepartmentId: number) {
    if (!catalogPolicy.mayEdit(ctx.actor, { providerDepartmentId }))
      throw new ForbiddenError('not_your_resource', 'You may only edit resources your department provides');
  }

  async function checkInput(input: ResourceInput) {
    checkResourceRules(input);
    const departments = await org.departmentDirectory();
    if (!departments.byId.has(input.providerDepartmentId)) {
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
    async list(ctx: Ctx, q: ResourceQuery): Promise<{ items: ResourceSummary[]; total: number }> {
      const [{ items, total }, departments] = await Promise.all([
        repo.findResources(db, q),
        org.departmentDirectory(),
      ]);
      return {
        items: items.map((row) => {
          const { items: dataItems, ...rest } = toResource(ctx, row, departments);
          return { ...rest, itemCount: dataItems.length };
        }),
        total,
      };
    },

    /** Every resource matching the filters, whole (with data items), in code order: for exports. */
    async listAll(
      ctx: Ctx,
      filters: Omit<ResourceQuery, 'page' | 'pageSize' | 'sort'>,
    ): Promise<ResourceView[]> {
      const departments = await org.departmentDirectory();
      const all: ResourceView[] = [];
      for (let page = 1; ; page++) {
        const { items } = await repo.findResources(db, { ...filters, page, pageSize: 500, sort: 'code' });
        all.push(...items.map((row) => toResource(ctx, row, departments)));
        if (items.length < 500) return all;
      }
    },

    /** One resource by code or alias. */
    async get(ctx: Ctx, codeOrAlias: string): Promise<ResourceView> {
      return toResource(ctx, await load(codeOrAlias), await org.departmentDirectory());
    },

    /** Registers a resource; its code is the classification code and the next sequence number. */
    async create(ctx: Ctx, given: ResourceInput): Promise<ResourceView> {
      const input = withPersonalFlags(given);
      checkMayEdit(ctx, input.providerDepartmentId);
      await checkInput(input);
      checkReview(ctx, input);
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
              changeNote: CREATED_NOTE,
            });
            await audit.record(tx, ctx, {
              action: 'catalog.create',
              targetType: 'resource',
              targetId: code,
              detail: { name: input.name },
            });
            return row;
          });
          return toResource(ctx, row, await org.departmentDirectory());
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
    ): Promise<ResourceView> {
      const before = await load(codeOrAlias);
      checkMayEdit(ctx, before.providerDepartmentId);
      checkMayEdit(ctx, input.providerDepartmentId);
      const { changeNote, expectedVersion, ...given } = input;
      const fields = withPersonalFlags(given);
      await checkInput(fields);
      checkReview(ctx, fields, before);
      await checkAliasFree(fields.alias, before.id);
      if (expectedVersion !== undefined && expectedVersion !== before.version) {
        throw new ConflictError('version_conflict', 'The resource changed meanwhile', {
          version: before.version,
        });
      }
      // The code stays: a classification change keeps the code that consumers already use.
      const snapshot = snapshotOf({ ...fields, code: before.code });
      const changes = diffSnapshots(snapshotOf(before), snapshot);
      if (changes.length === 0) return toResource(ctx, before, await org.departmentDirectory());
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
      return toResource(ctx, row, await org.departmentDirectory());
    },

    /** A resource's versions, newest first, with the notes the catalog wrote itself in `lang`. */
    async versions(_ctx: Ctx, codeOrAlias: string, lang: Lang): Promise<VersionEntry[]> {
      const row = await load(codeOrAlias);
      return (await repo.findVersions(db, row.id)).map((v) => ({
        ...v,
        changedAt: v.changedAt.toISOString(),
        changeNote:
          v.version === 1 && v.changeNote === CREATED_NOTE
            ? message('version_created', lang, {}, 'catalog')!
            : v.changeNote,
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

    /**
     * The classification tree for browsing: every 类, 项, 目 and 细目 that holds resources, in code order, with
     * its name in `lang` (null when it has none) and the number of resources at or under it.
     */
    async classTree(_ctx: Ctx, lang: Lang): Promise<ClassTreeNode[]> {
      const counts = new Map<string, number>();
      for (const { classCode, n } of await repo.countByClassCode(db)) {
        for (const length of classLevelLengths) {
          if (classCode.length < length) break;
          const prefix = classCode.slice(0, length);
          counts.set(prefix, (counts.get(prefix) ?? 0) + n);
        }
      }
      return [...counts.keys()]
        .sort()
        .map((classCode) => ({ classCode, name: className(classCode, lang), count: counts.get(classCode)! }));
    },

    /** Registers the demo district's resources that are not there yet (by alias). Idempotent. */
    async seedDemo(ctx: Ctx) {
      const departments = await org.departmentDirectory();
      for (const { provider, ...demo } of demoResources) {
        if (await repo.findResource(db, demo.alias)) continue;
        const department = departments.byCode.get(provider);
        if (department) await this.create(ctx, { ...demo, providerDepartmentId: department.id });
      }
    },

    /** Number of resources, for the home page. */
    count: () => repo.countResources(db),
  };
}
