import type { Ctx } from '../../../core/context.ts';
import type { Application } from '../contract.ts';
import { type Directory, departmentName, resourceRef } from '../directory.ts';
import { sharingPolicy } from '../policy.ts';
import type { ApplicationRow } from './repository.ts';

/**
 * An application as the caller sees it; `deciders` are the usernames who decided a stage of it (see
 * repository.findDeciders), which the caller may not follow at the next stage.
 */
export function toApplication(
  ctx: Ctx,
  dir: Directory,
  row: ApplicationRow,
  deciders: readonly string[],
): Application {
  const pending = row.status === 'pending_provider' || row.status === 'pending_center';
  const refusal = sharingPolicy.decideRefusal(ctx.actor, row, deciders);
  return {
    id: row.id,
    ...resourceRef(dir, row.resourceId),
    shareType: dir.resources.get(row.resourceId)?.shareType ?? 'conditional',
    providerDepartmentId: row.providerDepartmentId,
    providerDepartmentName: departmentName(dir, row.providerDepartmentId),
    applicantDepartmentId: row.applicantDepartmentId,
    applicantDepartmentName: departmentName(dir, row.applicantDepartmentId),
    applicantName: row.applicantName,
    onBehalf: row.onBehalf,
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
      decide: refusal === null,
      withdraw: pending && sharingPolicy.isApplicant(ctx.actor, row),
      decideRefusal:
        refusal === 'own_application' || refusal === 'already_decided_earlier_stage' ? refusal : null,
      onBehalfOf: refusal === null ? sharingPolicy.actsOnBehalfOf(ctx.actor, row) : null,
    },
  };
}
