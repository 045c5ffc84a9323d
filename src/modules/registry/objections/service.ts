import { type Ctx, hasRole, lookupCtx } from '../../../core/context.ts';
import { type Database, queryRows } from '../../../core/db.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import { addMessages } from '../../../core/messages.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService, Resource } from '../../catalog/index.ts';
import type { OrgService } from '../../org/index.ts';
import { keyOfRef, refsOf } from '../entities/refs.ts';
import { feeds, isRegistryName, type RegistryName } from '../feeds.ts';
import { iso } from '../merge/merge.ts';
import type {
  Objection,
  ObjectionDetail,
  ObjectionEvent,
  ObjectionInput,
  ObjectionQuery,
  ObjectionStatus,
} from './contract.ts';
import * as repo from './repository.ts';
import type { RegistryService } from '../service.ts';
import { visibilityFor } from '../visibility.ts';

addMessages('registry', {
  unknown_registry: { 'zh-CN': '基础库 {registry} 不存在', en: 'There is no registry {registry}' },
  objection_not_open: {
    'zh-CN': '只能答复待处理的纠错，该纠错当前为 {status}',
    en: 'Only an open objection can be answered; this one is {status}',
  },
  objection_not_answered: {
    'zh-CN': '只能关闭已采纳或已驳回的纠错，该纠错当前为 {status}',
    en: 'Only an accepted or rejected objection can be closed; this one is {status}',
  },
  not_objection_source: {
    'zh-CN': '只有数据来源部门或数据专员可以答复该纠错',
    en: 'Only the source department or a data steward may answer this objection',
  },
  not_objection_raiser: {
    'zh-CN': '只有提出纠错的部门或数据专员可以关闭该纠错',
    en: 'Only the raising department or a data steward may close this objection',
  },
  not_objection_party: {
    'zh-CN': '只能查看本部门提出或分派给本部门的纠错',
    en: 'You may only see objections your department raised or was sent',
  },
  objections_all_for_stewards: {
    'zh-CN': '只有数据专员和管理员可以查看全部纠错',
    en: 'Only data stewards and administrators see all objections',
  },
  no_department: {
    'zh-CN': '您的账号不属于任何部门',
    en: 'Your account belongs to no department',
  },
  key_or_ref: { 'zh-CN': '须且只能提供 key 或 ref 之一', en: 'give exactly one of key and ref' },
});

/** Center staff see every objection and may act on any. */
const isCenter = (ctx: Ctx) => hasRole(ctx.actor, 'admin', 'steward');
/** The caller's department, when the caller acts for one. */
const departmentOf = (ctx: Ctx) => (hasRole(ctx.actor, 'department_user') ? ctx.actor!.departmentId : null);

/**
 * Objections (数据纠错): a department says a registry value is wrong; the department the value came from accepts
 * or rejects it with an answer; the raising department closes it. Accepting changes nothing in the registry by
 * itself: the fix arrives with the source department's next delivery. Every step is an event and is audited.
 */
export function createObjectionService(deps: {
  database: Database;
  catalog: CatalogService;
  audit: AuditService;
  org: OrgService;
  registry: RegistryService;
}) {
  const { audit, catalog, org, registry } = deps;
  const db = deps.database.db;
  const query = <T>(sql: Parameters<typeof queryRows>[1]) => queryRows<T>(db, sql);

  /** What the caller may do with the objection now. */
  function abilities(ctx: Ctx, row: repo.ObjectionRow) {
    const department = departmentOf(ctx);
    const center = isCenter(ctx);
    const source = center || (department !== null && department === row.sourceDepartmentId);
    const raiser = center || (department !== null && department === row.raisedByDepartmentId);
    return {
      answer: source && row.status === 'open',
      close: raiser && (row.status === 'accepted' || row.status === 'rejected'),
      comment: source || raiser,
      // The department that must check the value, and center staff, see it raw; the raising department masked.
      seesRaw: source,
      isSource: source,
      isRaiser: raiser,
    };
  }

  /** Refuses (and audits) a caller the role check let in but who is no party to the objection. */
  const refuse = (ctx: Ctx, row: repo.ObjectionRow, code: string, message: string) =>
    audit.deny(
      ctx,
      { targetType: 'objection', targetId: row.id, detail: { code } },
      new ForbiddenError(code, message),
    );

  async function load(id: number) {
    const row = await repo.findObjection(db, id);
    if (!row) throw new NotFoundError('objection', id);
    return row;
  }

  /** Turns rows into what the caller may see: personal values masked unless `raw`. */
  async function toViews(ctx: Ctx, rows: repo.ObjectionRow[], raw: (row: repo.ObjectionRow) => boolean) {
    const departments = (await org.departmentDirectory()).byId;
    const resources = new Map<string, Resource>();
    for (const name of new Set(rows.flatMap((r) => [r.registry, ...(r.source ? [r.source] : [])]))) {
      const resource = await catalog.get(lookupCtx, name).catch(() => null);
      if (resource) resources.set(name, resource);
    }
    const refs = await refsByRegistry(rows);
    return rows.map((row): Objection => {
      const resource = resources.get(row.registry)!;
      // The objection's own rule decides what is raw (see abilities); the registry's masks say how to mask the rest.
      const unmasked = raw(row);
      const masks = visibilityFor(ctx, resource, false);
      const value = (v: string | null) => (v === null || unmasked ? v : masks.value(row.item, v));
      // The raising department wrote the proposed value itself: masking it would hide nothing from it.
      const raisedHere = departmentOf(ctx) !== null && departmentOf(ctx) === row.raisedByDepartmentId;
      const key = unmasked ? row.key : masks.key(row.key);
      const can = abilities(ctx, row);
      return {
        id: row.id,
        registry: row.registry,
        key,
        item: row.item,
        itemName: resource.items.find((i) => i.code === row.item)?.name ?? null,
        currentValue: value(row.currentValue),
        proposedValue: raisedHere ? row.proposedValue : value(row.proposedValue),
        reason: row.reason,
        source: row.source,
        sourceName: row.source ? (resources.get(row.source)?.name ?? null) : null,
        sourceDepartmentId: row.sourceDepartmentId,
        sourceDepartmentName: departments.get(row.sourceDepartmentId ?? -1)?.name ?? null,
        raisedByDepartmentId: row.raisedByDepartmentId,
        raisedByDepartmentName: departments.get(row.raisedByDepartmentId ?? -1)?.name ?? null,
        raisedBy: row.raisedBy,
        status: row.status,
        answer: row.answer,
        answeredBy: row.answeredBy,
        answeredAt: row.answeredAt ? iso(row.answeredAt) : null,
        closedBy: row.closedBy,
        closedAt: row.closedAt ? iso(row.closedAt) : null,
        createdAt: iso(row.createdAt),
        masked: !unmasked && (masks.personal.includes(row.item) || key !== row.key),
        // Objections are raised on existing entities, and entities are never deleted.
        ref: refs.get(row.registry)?.get(row.key) ?? '',
        can: { answer: can.answer, close: can.close, comment: can.comment },
      };
    });
  }

  /** The refs of the objections' entities, by registry and key. */
  async function refsByRegistry(found: repo.ObjectionRow[]) {
    const refs = new Map<string, Map<string, string>>();
    for (const name of new Set(found.map((r) => r.registry))) {
      if (!isRegistryName(name)) continue;
      const keys = found.filter((r) => r.registry === name).map((r) => r.key);
      refs.set(name, await refsOf(query, name, keys));
    }
    return refs;
  }

  /** The key the input names: its `key` (ID numbers and credit codes upper-cased) or the entity its `ref` names. */
  async function keyOf(input: ObjectionInput & { registry: RegistryName }, resource: Resource) {
    if ((input.key === undefined) === (input.ref === undefined))
      throw new InputError('invalid_input', 'Give either key or ref', [
        { field: input.key === undefined ? 'key' : 'ref', reason: 'key_or_ref' },
      ]);
    if (input.ref !== undefined) {
      const key = await keyOfRef(query, input.registry, input.ref);
      if (key === undefined) throw new NotFoundError(input.registry, input.ref);
      return key;
    }
    const keyItem = resource.items.find((i) => i.code === resource.keyItems[0]);
    return keyItem?.type === 'id_number' || keyItem?.type === 'credit_code'
      ? input.key!.toUpperCase()
      : input.key!;
  }

  /** One objection with its timeline as the caller may see it; `raw` unmasks it for a party that may. */
  async function detail(ctx: Ctx, row: repo.ObjectionRow): Promise<ObjectionDetail> {
    const [view] = await toViews(ctx, [row], () => abilities(ctx, row).seesRaw);
    const events = await repo.findEvents(db, row.id);
    return {
      ...view!,
      events: events.map(
        (e): ObjectionEvent => ({
          id: e.id,
          action: e.action as ObjectionEvent['action'],
          actor: e.actor,
          note: e.note,
          at: iso(e.at),
        }),
      ),
    };
  }

  /** The audit detail of a step: which entity item, the key masked when it is personal. */
  async function auditDetail(ctx: Ctx, row: repo.ObjectionRow) {
    const shown = visibilityFor(ctx, await catalog.get(lookupCtx, row.registry), false);
    return { registry: row.registry, key: shown.key(row.key), item: row.item };
  }

  /** Moves an open objection to accepted or rejected, with the source department's answer. */
  async function answer(ctx: Ctx, id: number, verdict: 'accepted' | 'rejected', text: string) {
    const row = await load(id);
    if (!abilities(ctx, row).isSource)
      await refuse(ctx, row, 'not_objection_source', 'Only the source department may answer');
    // Read before the transaction: on PGlite a read outside it would wait for it to end.
    const audited = await auditDetail(ctx, row);
    const moved = await db.transaction(async (tx) => {
      const next = await repo.moveObjection(tx, id, ['open'], {
        status: verdict,
        answer: text,
        answeredBy: ctx.actor!.username,
        answeredAt: new Date(),
      });
      if (!next) return undefined;
      await repo.insertEvent(tx, {
        objectionId: id,
        action: verdict,
        actor: ctx.actor!.username,
        note: text,
      });
      await audit.record(tx, ctx, {
        action: verdict === 'accepted' ? 'registry.objection_accept' : 'registry.objection_reject',
        targetType: 'objection',
        targetId: id,
        detail: audited,
      });
      return next;
    });
    if (!moved) throw notInState('objection_not_open', await load(id));
    return detail(ctx, moved);
  }

  /** The 409 for an objection in the wrong status, naming it. */
  function notInState(code: string, row: repo.ObjectionRow) {
    return new ConflictError(code, `Objection ${row.id} is ${row.status}`, {
      id: row.id,
      status: row.status,
    });
  }

  return {
    /**
     * Raises an objection on one item of an entity: the merged value now, its source and that source's provider
     * department are recorded, and the objection is open for that department to answer.
     */
    async raise(ctx: Ctx, input: ObjectionInput): Promise<ObjectionDetail> {
      if (!isRegistryName(input.registry))
        throw new InputError(
          'unknown_registry',
          'Unknown registry',
          [{ field: 'registry', reason: 'unknown_registry', params: { registry: input.registry } }],
          { registry: input.registry },
        );
      const raisedBy = ctx.actor!.departmentId;
      if (!isCenter(ctx) && raisedBy === null) throw new ForbiddenError('no_department', 'No department');
      const resource = await catalog.get(lookupCtx, input.registry);
      if (!resource.items.some((i) => i.code === input.item))
        throw new InputError(
          'unknown_item',
          'Not an item of this registry',
          [{ field: 'item', reason: 'unknown_item', params: { code: input.item } }],
          { code: input.item },
        );
      const key = await keyOf({ ...input, registry: input.registry }, resource);
      const entity = await registry.get(input.registry, key);
      // An empty item has no provenance: it is the registry's own resource's to fill.
      const source = entity.provenance[input.item]?.source ?? input.registry;
      const sourceResource = feeds[source] ? await catalog.get(lookupCtx, source).catch(() => null) : null;
      const shownKey = visibilityFor(ctx, resource, false).key(key);
      const row = await db.transaction(async (tx) => {
        const created = await repo.insertObjection(tx, {
          registry: input.registry,
          key,
          item: input.item,
          currentValue: entity.values[input.item] ?? null,
          proposedValue: input.proposedValue || null,
          reason: input.reason,
          source,
          sourceDepartmentId: sourceResource?.providerDepartmentId ?? null,
          raisedByDepartmentId: raisedBy,
          raisedBy: ctx.actor!.username,
          status: 'open',
        });
        await repo.insertEvent(tx, {
          objectionId: created.id,
          action: 'raised',
          actor: ctx.actor!.username,
          note: input.reason,
        });
        await audit.record(tx, ctx, {
          action: 'registry.objection_raise',
          targetType: 'objection',
          targetId: created.id,
          detail: {
            registry: input.registry,
            key: shownKey,
            item: input.item,
            source,
            sourceDepartmentId: created.sourceDepartmentId,
          },
        });
        return created;
      });
      return detail(ctx, row);
    },

    /** The source department (or a steward) accepts: the fix is theirs to deliver next time. */
    accept: (ctx: Ctx, id: number, text: string) => answer(ctx, id, 'accepted', text),

    /** The source department (or a steward) rejects, saying why. */
    reject: (ctx: Ctx, id: number, text: string) => answer(ctx, id, 'rejected', text),

    /** The raising department (or a steward) closes an answered objection. */
    async close(ctx: Ctx, id: number, note?: string): Promise<ObjectionDetail> {
      const row = await load(id);
      if (!abilities(ctx, row).isRaiser)
        await refuse(ctx, row, 'not_objection_raiser', 'Only the raising department may close');
      const audited = await auditDetail(ctx, row);
      const moved = await db.transaction(async (tx) => {
        const next = await repo.moveObjection(tx, id, ['accepted', 'rejected'], {
          status: 'closed',
          closedBy: ctx.actor!.username,
          closedAt: new Date(),
        });
        if (!next) return undefined;
        await repo.insertEvent(tx, {
          objectionId: id,
          action: 'closed',
          actor: ctx.actor!.username,
          note: note || null,
        });
        await audit.record(tx, ctx, {
          action: 'registry.objection_close',
          targetType: 'objection',
          targetId: id,
          detail: audited,
        });
        return next;
      });
      if (!moved) throw notInState('objection_not_answered', await load(id));
      return detail(ctx, moved);
    },

    /** Adds a comment: any party, at any time. */
    async comment(ctx: Ctx, id: number, note: string): Promise<ObjectionDetail> {
      const row = await load(id);
      if (!abilities(ctx, row).comment)
        await refuse(ctx, row, 'not_objection_party', 'Not an objection of your department');
      const audited = await auditDetail(ctx, row);
      await db.transaction(async (tx) => {
        await repo.insertEvent(tx, {
          objectionId: id,
          action: 'commented',
          actor: ctx.actor!.username,
          note,
        });
        await audit.record(tx, ctx, {
          action: 'registry.objection_comment',
          targetType: 'objection',
          targetId: id,
          detail: audited,
        });
      });
      return detail(ctx, row);
    },

    /** One objection with its timeline, for its parties and center staff; a raw read of personal data is audited. */
    async get(ctx: Ctx, id: number): Promise<ObjectionDetail> {
      const row = await load(id);
      if (!abilities(ctx, row).comment)
        await refuse(ctx, row, 'not_objection_party', 'Not an objection of your department');
      const shown = await detail(ctx, row);
      const resource = await catalog.get(lookupCtx, row.registry);
      const personal = visibilityFor(ctx, resource, false);
      if (
        abilities(ctx, row).seesRaw &&
        (personal.personal.includes(row.item) || personal.key(row.key) !== row.key)
      )
        await audit.recordNow(ctx, {
          action: 'data.read_personal',
          targetType: 'objection',
          targetId: id,
          detail: { registry: row.registry, item: row.item },
        });
      return shown;
    },

    /**
     * A page of objections, newest first, always masked (the detail unmasks for those who may): those the
     * caller's department raised or was sent, or all of them for center staff.
     */
    async list(ctx: Ctx, q: ObjectionQuery) {
      const scope = q.scope ?? (isCenter(ctx) ? 'all' : 'raised');
      if (scope === 'all' && !isCenter(ctx)) {
        await audit.deny(
          ctx,
          { targetType: 'objection', detail: { scope } },
          new ForbiddenError('objections_all_for_stewards', 'Only stewards see all objections'),
        );
      }
      const department = ctx.actor?.departmentId ?? null;
      if (scope !== 'all' && department === null) return { items: [], total: 0 };
      const { items, total } = await repo.findObjections(db, {
        status: q.status as ObjectionStatus | undefined,
        registry: q.registry,
        ...(scope === 'raised' && { raisedBy: department! }),
        ...(scope === 'assigned' && { assignedTo: department! }),
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: await toViews(ctx, items, () => false), total };
    },
  };
}

export type ObjectionService = ReturnType<typeof createObjectionService>;
