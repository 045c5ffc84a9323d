import type { Ctx } from '../../../core/context.ts';
import { ConflictError, NotFoundError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { registryPolicy } from '../policy.ts';
import type { License } from './contract.ts';
import { departmentName, type LicenseDeps, refuseOtherDepartment } from './deps.ts';
import * as repo from './repository.ts';
import { registryValues, toLicense } from './view.ts';

/** Revokes a license of the caller's department (center staff: any); revoking twice is a conflict. */
export async function revokeLicense(
  deps: LicenseDeps,
  ctx: Ctx,
  id: string,
  reason: string,
): Promise<License> {
  const today = todayInShanghai();
  const found = await repo.findLicense(deps.database.db, id);
  if (!found) throw new NotFoundError('license', id);
  if (!registryPolicy.mayHandleLicense(ctx.actor, found.issuerDepartmentId))
    await refuseOtherDepartment(deps, ctx, id, 'revoke');
  const row = await deps.database.db.transaction(async (tx) => {
    const before = (await repo.findLicense(tx, id, true))!;
    if (before.revokedAt)
      throw new ConflictError('license_revoked', `License ${id} is already revoked`, { id });
    const row = await repo.revokeLicense(tx, id, ctx.actor?.username ?? 'anonymous', reason);
    await repo.upsertLicenseSourceRecords(tx, [{ key: id, values: registryValues(row, today) }]);
    await deps.audit.record(tx, ctx, {
      action: 'license.revoke',
      targetType: 'license',
      targetId: id,
      detail: { reason },
    });
    return row;
  });
  await deps.registry.remerge('license', [id]);
  return toLicense(row, await departmentName(deps, row.issuerDepartmentId), true, today);
}
