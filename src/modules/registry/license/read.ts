import type { Ctx } from '../../../core/context.ts';
import { ForbiddenError, NotFoundError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { registryPolicy } from '../policy.ts';
import type { License, LicenseQuery } from './contract.ts';
import { departmentName, type LicenseDeps } from './deps.ts';
import * as repo from './repository.ts';
import { holderIsPerson, toLicense } from './view.ts';

/** Audits a read of licenses whose holders are people, shown unmasked. */
async function auditRawRead(
  deps: LicenseDeps,
  ctx: Ctx,
  rows: repo.LicenseRow[],
  detail: Record<string, unknown> = {},
) {
  const personal = rows.filter(holderIsPerson).map((r) => r.licenseId);
  if (!personal.length) return;
  await deps.audit.recordNow(ctx, {
    action: 'data.read_personal',
    targetType: 'license',
    targetId: personal.length === 1 ? personal[0] : undefined,
    detail: { licenses: personal, ...detail },
  });
}

/** One license; the holder is masked unless the caller is center staff or the issuing department. */
export async function readLicense(deps: LicenseDeps, ctx: Ctx, id: string): Promise<License> {
  const row = await repo.findLicense(deps.database.db, id);
  if (!row) throw new NotFoundError('license', id);
  const raw = registryPolicy.mayHandleLicense(ctx.actor, row.issuerDepartmentId);
  if (raw) await auditRawRead(deps, ctx, [row]);
  return toLicense(row, await departmentName(deps, row.issuerDepartmentId), raw, todayInShanghai());
}

/** One page of licenses, newest first, each masked unless the caller sees it raw. */
export async function listLicenses(
  deps: LicenseDeps,
  ctx: Ctx,
  q: LicenseQuery,
): Promise<{ items: License[]; total: number }> {
  const today = todayInShanghai();
  const { items, total } = await repo.findLicenses(deps.database.db, q, today);
  const directory = await deps.org.departmentDirectory();
  const raw = items.filter((row) => registryPolicy.mayHandleLicense(ctx.actor, row.issuerDepartmentId));
  await auditRawRead(deps, ctx, raw, { page: q.page });
  return {
    items: items.map((row) =>
      toLicense(row, directory.byId.get(row.issuerDepartmentId)?.name ?? '', raw.includes(row), today),
    ),
    total,
  };
}

/** The licenses held under the caller's own ID number (set on their account), with their QR payloads. */
export async function myLicenses(deps: LicenseDeps, ctx: Ctx): Promise<License[]> {
  const idNumber = await deps.users.idNumberOf(ctx.actor!.userId);
  if (!idNumber) throw new ForbiddenError('no_id_number', 'Your account has no citizen ID number');
  const today = todayInShanghai();
  const rows = await repo.findLicensesOfPerson(deps.database.db, idNumber);
  await auditRawRead(deps, ctx, rows, { own: true });
  const directory = await deps.org.departmentDirectory();
  return rows.map((row) =>
    toLicense(row, directory.byId.get(row.issuerDepartmentId)?.name ?? '', true, today),
  );
}
