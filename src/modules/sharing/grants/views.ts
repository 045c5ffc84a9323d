import type { Ctx } from '../../../core/context.ts';
import type { Grant, GrantStatus } from '../contract.ts';
import { type Directory, departmentName, resourceRef } from '../directory.ts';
import { sharingPolicy } from '../policy.ts';
import type { GrantRow } from './repository.ts';

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
    validFrom: row.validFrom.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    revokedBy: row.revokedBy,
    revokeReason: row.revokeReason,
    createdAt: row.createdAt.toISOString(),
    status,
    can: {
      revoke: status !== 'revoked' && sharingPolicy.mayRevokeGrant(ctx.actor, provider),
      setLimits: sharingPolicy.maySetLimits(ctx.actor),
      manageCredentials: status !== 'revoked' && sharingPolicy.mayManageCredentials(ctx.actor, row),
    },
  };
}
