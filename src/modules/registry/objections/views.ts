import { type Ctx, lookupCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../core/errors.ts';
import { worksFor } from '../../../core/policy.ts';
import type { UsersService } from '../../accounts/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService, Resource } from '../../catalog/index.ts';
import type { OrgService } from '../../org/index.ts';
import { refsOf } from '../entities/refs.ts';
import { isRegistryName } from '../feeds.ts';
import { registryPolicy } from '../policy.ts';
import type { RegistryService } from '../service.ts';
import { iso } from '../timestamps.ts';
import { visibilityFor } from '../visibility.ts';
import type { Objection, ObjectionDetail, ObjectionEvent } from './contract.ts';
import * as repo from './repository.ts';

/** What every objection use case is built from. */
export type ObjectionDeps = {
  database: Database;
  catalog: CatalogService;
  audit: AuditService;
  org: OrgService;
  registry: RegistryService;
  /** Residents' ID numbers (whose own entries they may object to) and who raised an objection. */
  users: Pick<UsersService, 'idNumberOf' | 'getByUsername'>;
};

/** True when the objection was raised by this resident, in the citizen app. */
const raisedByThisResident = (ctx: Ctx, row: repo.ObjectionRow) =>
  registryPolicy.isResident(ctx.actor) &&
  row.raisedByDepartmentId === null &&
  row.raisedBy === ctx.actor!.username;

/** What the caller may do with the objection now. */
export function abilities(ctx: Ctx, row: repo.ObjectionRow) {
  const source = registryPolicy.mayAnswerObjection(ctx.actor, row);
  const raiser = registryPolicy.mayCloseObjection(ctx.actor, row);
  // A resident's objection is on their own entry: its values are theirs.
  const resident = raisedByThisResident(ctx, row);
  return {
    answer: source && row.status === 'open',
    close: raiser && (row.status === 'accepted' || row.status === 'rejected'),
    comment: source || raiser || resident,
    // The department that must check the value, and center staff, see it raw; the raising department masked.
    seesRaw: source || resident,
    isSource: source,
    isRaiser: raiser,
  };
}

/** Refuses (and audits) a caller the role check let in but who is no party to the objection. */
export const refuse = (
  deps: ObjectionDeps,
  ctx: Ctx,
  row: repo.ObjectionRow,
  code: string,
  message: string,
) =>
  deps.audit.deny(
    ctx,
    { targetType: 'objection', targetId: row.id, detail: { code } },
    new ForbiddenError(code, message),
  );

/** One objection, or a 404. */
export async function loadObjection(deps: ObjectionDeps, id: number) {
  const row = await repo.findObjection(deps.database.db, id);
  if (!row) throw new NotFoundError('objection', id);
  return row;
}

/** The 409 for an objection in the wrong status, naming it. */
export function notInState(code: string, row: repo.ObjectionRow) {
  return new ConflictError(code, `Objection ${row.id} is ${row.status}`, {
    id: row.id,
    status: row.status,
  });
}

/** The refs of the objections' entities, by registry and key. */
async function refsByRegistry(deps: ObjectionDeps, found: repo.ObjectionRow[]) {
  const refs = new Map<string, Map<string, string>>();
  for (const name of new Set(found.map((r) => r.registry))) {
    if (!isRegistryName(name)) continue;
    const keys = found.filter((r) => r.registry === name).map((r) => r.key);
    refs.set(name, await refsOf(deps.database.db, name, keys));
  }
  return refs;
}

/**
 * The raisers of these objections who are residents: those raised without a department whose account is a
 * resident's (center staff without a department raise without one too).
 */
async function residentRaisers(deps: ObjectionDeps, rows: repo.ObjectionRow[]) {
  const residents = new Set<string>();
  for (const username of new Set(
    rows.filter((r) => r.raisedByDepartmentId === null).map((r) => r.raisedBy),
  )) {
    const user = await deps.users.getByUsername(lookupCtx, username).catch(() => null);
    if (user && registryPolicy.isResident(user)) residents.add(username);
  }
  return residents;
}

/** Turns rows into what the caller may see: personal values masked unless `raw`. */
export async function toViews(
  deps: ObjectionDeps,
  ctx: Ctx,
  rows: repo.ObjectionRow[],
  raw: (row: repo.ObjectionRow) => boolean,
) {
  const departments = (await deps.org.departmentDirectory()).byId;
  const resources = new Map<string, Resource>();
  for (const name of new Set(rows.flatMap((r) => [r.registry, ...(r.source ? [r.source] : [])]))) {
    const resource = await deps.catalog.get(lookupCtx, name).catch(() => null);
    if (resource) resources.set(name, resource);
  }
  const refs = await refsByRegistry(deps, rows);
  const residents = await residentRaisers(deps, rows);
  return rows.map((row): Objection => {
    const resource = resources.get(row.registry)!;
    // The objection's own rule decides what is raw (see abilities); the registry's masks say how to mask the rest.
    const unmasked = raw(row);
    const masks = visibilityFor(ctx, resource, false);
    const value = (v: string | null) => (v === null || unmasked ? v : masks.value(row.item, v));
    // The raising department wrote the proposed value itself: masking it would hide nothing from it.
    const raisedHere = worksFor(ctx.actor, row.raisedByDepartmentId);
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
      raisedByResident: residents.has(row.raisedBy) && row.raisedByDepartmentId === null,
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

/**
 * One objection with its timeline as the caller may see it: masked, unless `raw` (asked with a reason, see
 * read.ts) and the caller is a party that may see it raw.
 */
export async function detail(
  deps: ObjectionDeps,
  ctx: Ctx,
  row: repo.ObjectionRow,
  raw = false,
): Promise<ObjectionDetail> {
  const [view] = await toViews(deps, ctx, [row], () => raw && abilities(ctx, row).seesRaw);
  const events = await repo.findEvents(deps.database.db, row.id);
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
export async function auditDetail(deps: ObjectionDeps, ctx: Ctx, row: repo.ObjectionRow) {
  const shown = visibilityFor(ctx, await deps.catalog.get(lookupCtx, row.registry), false);
  return { registry: row.registry, key: shown.key(row.key), item: row.item };
}
