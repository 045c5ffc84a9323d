import { type Ctx, lookupCtx } from '../../../core/context.ts';
import { ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import type { Resource } from '../../catalog/index.ts';
import { keyOfRef } from '../entities/refs.ts';
import { feeds, isRegistryName, type RegistryName } from '../feeds.ts';
import { registryPolicy } from '../policy.ts';
import { visibilityFor } from '../visibility.ts';
import type { ObjectionDetail, ObjectionInput } from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';
import { detail, type ObjectionDeps } from './views.ts';

/** The key the input names: its `key` (ID numbers and credit codes upper-cased) or the entity its `ref` names. */
async function keyOf(
  deps: ObjectionDeps,
  input: ObjectionInput & { registry: RegistryName },
  resource: Resource,
) {
  if ((input.key === undefined) === (input.ref === undefined))
    throw new InputError('invalid_input', 'Give either key or ref', [
      { field: input.key === undefined ? 'key' : 'ref', reason: 'key_or_ref' },
    ]);
  if (input.ref !== undefined) {
    const key = await keyOfRef(deps.database.db, input.registry, input.ref);
    if (key === undefined) throw new NotFoundError(input.registry, input.ref);
    return key;
  }
  const keyItem = resource.items.find((i) => i.code === resource.keyItems[0]);
  return keyItem?.type === 'id_number' || keyItem?.type === 'credit_code'
    ? input.key!.toUpperCase()
    : input.key!;
}

/**
 * True when the entity is the resident's own: their person in the population registry, or a company whose legal
 * representative they are in the legal-person registry.
 */
async function isOwnEntity(
  deps: ObjectionDeps,
  ctx: Ctx,
  registry: RegistryName,
  key: string,
  values: Record<string, string>,
) {
  const idNumber = await deps.users.idNumberOf(ctx.actor!.userId);
  if (!idNumber) return false;
  if (registry === 'population') return key === idNumber;
  if (registry === 'legal_person') return values.legal_rep_id_number === idNumber;
  return false;
}

/**
 * Raises an objection on one item of an entity (a department user, center staff, or a resident on their own entry): the merged value now, its source and that source's provider
 * department are recorded, and the objection is open for that department to answer.
 */
export async function raiseObjection(
  deps: ObjectionDeps,
  ctx: Ctx,
  input: ObjectionInput,
): Promise<ObjectionDetail> {
  const { catalog, audit } = deps;
  if (!isRegistryName(input.registry))
    throw new InputError(
      'unknown_registry',
      'Unknown registry',
      [{ field: 'registry', reason: 'unknown_registry', params: { registry: input.registry } }],
      { registry: input.registry },
    );
  const resident = registryPolicy.isResident(ctx.actor);
  const raisedBy = resident ? null : ctx.actor!.departmentId;
  if (!resident && !registryPolicy.seesAllObjections(ctx.actor) && raisedBy === null)
    throw new ForbiddenError('no_department', 'No department');
  const resource = await catalog.get(lookupCtx, input.registry);
  if (!resource.items.some((i) => i.code === input.item))
    throw new InputError(
      'unknown_item',
      'Not an item of this registry',
      [{ field: 'item', reason: 'unknown_item', params: { code: input.item } }],
      { code: input.item },
    );
  const key = await keyOf(deps, { ...input, registry: input.registry }, resource);
  const entity = await deps.registry.get(input.registry, key);
  if (resident && !(await isOwnEntity(deps, ctx, input.registry, key, entity.values)))
    await deps.audit.deny(
      ctx,
      { targetType: 'objection', detail: { code: 'not_own_entity', registry: input.registry } },
      new ForbiddenError('not_own_entity', 'Residents object to their own entries only'),
    );
  // An empty item has no provenance: it is the registry's own resource's to fill.
  const source = entity.provenance[input.item]?.source ?? input.registry;
  const sourceResource = feeds[source] ? await catalog.get(lookupCtx, source).catch(() => null) : null;
  const shownKey = visibilityFor(ctx, resource, false).key(key);
  const row = await deps.database.db.transaction(async (tx) => {
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
  // A resident sees their own values unmasked.
  return detail(deps, ctx, row, resident);
}
