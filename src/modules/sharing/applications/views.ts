import { type Ctx, hasRole, lookupCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import type { UsersService } from '../../accounts/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService, ResourceView } from '../../catalog/index.ts';
import type { DepartmentDirectory, OrgService } from '../../org/index.ts';
import type { Application, Grant, GrantStatus } from '../contract.ts';
import type { GrantRow } from '../grants/repository.ts';
import type { ApplicationRow } from './repository.ts';

/** What every sharing service is built from. */
export type SharingDeps = {
  database: Database;
  catalog: CatalogService;
  audit: AuditService;
  org: OrgService;
  users: UsersService;
};

/** Center staff (admins and data stewards) see every application and grant. */
export const isCenter = (ctx: Ctx) => hasRole(ctx.actor, 'admin', 'steward');

/** The caller's department, or null. */
export const departmentOf = (ctx: Ctx) => ctx.actor?.departmentId ?? null;

const iso = (d: Date) => d.toISOString();

/** Resources by id and department names, read once per request (the catalog is small). */
export type Directory = { resources: Map<number, ResourceView>; departments: DepartmentDirectory };

/** Loads the directory the views need. */
export async function loadDirectory(deps: Pick<SharingDeps, 'catalog' | 'org'>): Promise<Directory> {
  const [all, departments] = await Promise.all([
    deps.catalog.listAll(lookupCtx, {}),
    deps.org.departmentDirectory(),
  ]);
  return { resources: new Map(all.map((r) => [r.id, r])), departments };
}

const departmentName = (dir: Directory, id: number) => dir.departments.byId.get(id)?.name ?? String(id);

/** The resource fields of a view; a resource removed since shows its id. */
function resourceRef(dir: Directory, resourceId: number) {
  const r = dir.resources.get(resourceId);
  return {
    resourceId,
    resourceCode: r?.code ?? String(resourceId),
    resourceAlias: r?.alias ?? null,
    resourceName: r?.name ?? String(resourceId),
  };
}

/** Whether the caller decides the stage the application is waiting at. */
export function mayDecide(ctx: Ctx, row: Pick<ApplicationRow, 'status' | 'providerDepartmentId'>) {
  if (row.status === 'pending_provider')
    return (
      hasRole(ctx.actor, 'admin') ||
      (hasRole(ctx.actor, 'department_user', 'steward') && departmentOf(ctx) === row.providerDepartmentId)
    );
  if (row.status === 'pending_center') return isCenter(ctx);
  return false;
}

/** Whether the caller applied (in person or as the applying department). */
export const isApplicant = (ctx: Ctx, row: ApplicationRow) =>
  ctx.actor?.userId === row.applicantUserId ||
  (departmentOf(ctx) !== null && departmentOf(ctx) === row.applicantDepartmentId);

/** Whether the caller may see the application: its two departments and the center. */
export const isApplicationParty = (ctx: Ctx, row: ApplicationRow) =>
  isCenter(ctx) ||
  isApplicant(ctx, row) ||
  (departmentOf(ctx) !== null && departmentOf(ctx) === row.providerDepartmentId);

/** An application as the caller sees it. */
export function toApplication(ctx: Ctx, dir: Directory, row: ApplicationRow): Application {
  const pending = row.status === 'pending_provider' || row.status === 'pending_center';
  return {
    id: row.id,
    ...resourceRef(dir, row.resourceId),
    shareType: dir.resources.get(row.resourceId)?.shareType ?? 'conditional',
    providerDepartmentId: row.providerDepartmentId,
    providerDepartmentName: departmentName(dir, row.providerDepartmentId),
    applicantDepartmentId: row.applicantDepartmentId,
    applicantDepartmentName: departmentName(dir, row.applicantDepartmentId),
    applicantName: row.applicantName,
    purpose: row.purpose,
    legalBasis: row.legalBasis,
    items: row.items,
    rawItems: row.rawItems,
    rowFilter: row.rowFilter,
    consumingSystem: row.consumingSystem,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    expectedDailyCalls: row.expectedDailyCalls,
    status: row.status,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    can: { decide: mayDecide(ctx, row), withdraw: pending && isApplicant(ctx, row) },
  };
}

/** A grant's status at `now`: revoked wins, then not yet valid, expired, active. */
export function grantStatusAt(
  row: Pick<GrantRow, 'revokedAt' | 'validFrom' | 'expiresAt'>,
  now: Date,
): GrantStatus {
  if (row.revokedAt) return 'revoked';
  if (row.validFrom > now) return 'not_yet_valid';
  if (row.expiresAt <= now) return 'expired';
  return 'active';
}

/** The department that provides a grant's resource now (the resource may have moved since the application). */
export const grantProvider = (dir: Directory, row: GrantRow) =>
  dir.resources.get(row.resourceId)?.providerDepartmentId;

/** Whether the caller may revoke a grant: the center, or the department providing its resource. */
export const mayRevokeGrant = (ctx: Ctx, dir: Directory, row: GrantRow) =>
  isCenter(ctx) || (hasRole(ctx.actor, 'department_user') && departmentOf(ctx) === grantProvider(dir, row));

/** Whether the caller may manage a grant's credentials: the center, or the department holding it. */
export const mayManageCredentials = (ctx: Ctx, row: GrantRow) =>
  isCenter(ctx) || (hasRole(ctx.actor, 'department_user') && departmentOf(ctx) === row.consumerDepartmentId);

/** Whether the caller may see a grant: its consumer, its provider, the center. */
export const isGrantParty = (ctx: Ctx, dir: Directory, row: GrantRow) =>
  isCenter(ctx) ||
  (departmentOf(ctx) !== null &&
    (departmentOf(ctx) === row.consumerDepartmentId || departmentOf(ctx) === grantProvider(dir, row)));

/** A grant as the caller sees it. */
export function toGrant(ctx: Ctx, dir: Directory, row: GrantRow, now = new Date()): Grant {
  const status = grantStatusAt(row, now);
  const provider = grantProvider(dir, row);
  return {
    id: row.id,
    applicationId: row.applicationId,
    ...resourceRef(dir, row.resourceId),
    providerDepartmentName: provider === undefined ? '—' : departmentName(dir, provider),
    consumerDepartmentId: row.consumerDepartmentId,
    consumerDepartmentName: departmentName(dir, row.consumerDepartmentId),
    consumingSystem: row.consumingSystem,
    items: row.items,
    rawItems: row.rawItems,
    rowFilter: row.rowFilter,
    ratePerMinute: row.ratePerMinute,
    dailyQuota: row.dailyQuota,
    validFrom: iso(row.validFrom),
    expiresAt: iso(row.expiresAt),
    revokedAt: row.revokedAt ? iso(row.revokedAt) : null,
    revokedBy: row.revokedBy,
    revokeReason: row.revokeReason,
    createdAt: iso(row.createdAt),
    status,
    can: {
      revoke: status !== 'revoked' && mayRevokeGrant(ctx, dir, row),
      setLimits: isCenter(ctx),
      manageCredentials: status !== 'revoked' && mayManageCredentials(ctx, row),
    },
  };
}

/** The resource's data items, for names and personal marks in the console. */
export const itemsOf = (resource: ResourceView | undefined) =>
  (resource?.items ?? []).map((i) => ({ code: i.code, name: i.name, personal: i.personal }));
