import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { ForbiddenError } from '../../../core/errors.ts';
import type { UsersService } from '../../accounts/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { OrgService } from '../../org/index.ts';
import type { RegistryService } from '../service.ts';

/** What every license use case is built from; `registry` receives every issued or revoked license. */
export type LicenseDeps = {
  database: Database;
  audit: AuditService;
  org: OrgService;
  users: UsersService;
  registry: RegistryService;
};

/** Refuses (and audits) `action` on the licenses of another department. */
export const refuseOtherDepartment = (
  deps: LicenseDeps,
  ctx: Ctx,
  targetId: string | number,
  action: string,
) =>
  deps.audit.deny(
    ctx,
    { targetType: 'license', targetId, detail: { action } },
    new ForbiddenError('not_issuing_department', 'You may only act on licenses of your own department'),
  );

/** A department's name (its id when the directory has none). */
export const departmentName = async (deps: LicenseDeps, id: number) =>
  (await deps.org.departmentDirectory()).byId.get(id)?.name ?? String(id);
