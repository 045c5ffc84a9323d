import type { Ctx } from '../../../core/context.ts';
import { registryPolicy } from '../policy.ts';
import type { LicenseTypeOption } from './contract.ts';
import type { LicenseDeps } from './deps.ts';
import { licenseTypes } from './license-types.ts';

/**
 * The license types the caller may issue, in the list's order: a department user's department's own, every type
 * for center staff (each with its department, which they choose as the issuer). Types of an inactive department
 * are left out, since it issues nothing.
 */
export async function issuableTypes(deps: LicenseDeps, ctx: Ctx): Promise<LicenseTypeOption[]> {
  const directory = await deps.org.departmentDirectory();
  return licenseTypes.flatMap((type) => {
    const department = directory.byCode.get(type.issuer);
    if (!department?.active || !registryPolicy.mayHandleLicense(ctx.actor, department.id)) return [];
    return [
      { code: type.code, name: type.name, departmentId: department.id, departmentName: department.name },
    ];
  });
}
