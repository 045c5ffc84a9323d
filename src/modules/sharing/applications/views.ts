import type { Ctx } from '../../../core/context.ts';
import type { Application } from '../contract.ts';
import { type Directory, departmentName, resourceRef } from '../directory.ts';
import { sharingPolicy } from '../policy.ts';
import type { ApplicationRow } from './repository.ts';

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
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: {
      decide: sharingPolicy.mayDecide(ctx.actor, row),
      withdraw: pending && sharingPolicy.isApplicant(ctx.actor, row),
    },
  };
}
