import type { Ctx } from '../../../core/context.ts';
import { ForbiddenError, NotFoundError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { maskIdNumber } from '../../../core/masking.ts';
import { type RawViews, rawReasonOf } from '../../../core/raw-views.ts';
import { registryPolicy } from '../policy.ts';
import type { License, LicenseHolder, LicenseQuery, LicenseViewQuery, PresentedLicense } from './contract.ts';
import { departmentName, type LicenseDeps } from './deps.ts';
import { licenseQrPayload } from './qr.ts';
import * as repo from './repository.ts';
import { verifyPresented } from './verify.ts';
import { holderIsPerson, licenseStatus, toLicense } from './view.ts';

/** Audits a read of licenses whose holders are people, shown unmasked (a citizen's own). */
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

/**
 * Audits a raw view of licenses once (paging through one list for one reason is one entry): which licenses with
 * a person as holder were shown unmasked, and why.
 */
async function auditRawView(
  deps: LicenseDeps,
  rawViews: RawViews,
  ctx: Ctx,
  rows: repo.LicenseRow[],
  reason: string,
  view: Record<string, unknown>,
) {
  if (!rows.some(holderIsPerson)) return;
  const who = ctx.actor?.username ?? 'anonymous';
  if (!rawViews.first(who, JSON.stringify(['license', view]), reason)) return;
  await auditRawRead(deps, ctx, rows, { reason, view });
}

/** The reason of a `raw=true` read, required then (400 without one); null for a masked read. */

/**
 * One license; the holder is masked unless the caller asks raw with a reason and is center staff or the issuing
 * department (others asking raw get it masked, as on every other page).
 */
export async function readLicense(
  deps: LicenseDeps,
  rawViews: RawViews,
  ctx: Ctx,
  id: string,
  q: LicenseViewQuery,
): Promise<License> {
  const reason = rawReasonOf(q);
  const row = await repo.findLicense(deps.database.db, id);
  if (!row) throw new NotFoundError('license', id);
  const raw = reason !== null && registryPolicy.mayHandleLicense(ctx.actor, row.issuerDepartmentId);
  if (raw) await auditRawView(deps, rawViews, ctx, [row], reason, { license: row.licenseId });
  return toLicense(row, await departmentName(deps, row.issuerDepartmentId), raw, todayInShanghai());
}

/** One page of licenses, newest first, each masked unless asked raw (with a reason) by one who may see it raw. */
export async function listLicenses(
  deps: LicenseDeps,
  rawViews: RawViews,
  ctx: Ctx,
  q: LicenseQuery,
): Promise<{ items: License[]; total: number }> {
  const reason = rawReasonOf(q);
  const today = todayInShanghai();
  // Filtering on the holder needs the right to see holders raw, in this view.
  const peopleFor = reason === null ? null : registryPolicy.licensesHandled(ctx.actor);
  const { items, total } = await repo.findLicenses(deps.database.db, q, today, peopleFor);
  const directory = await deps.org.departmentDirectory();
  const raw =
    reason === null
      ? []
      : items.filter((row) => registryPolicy.mayHandleLicense(ctx.actor, row.issuerDepartmentId));
  if (reason !== null) {
    // The view is the list's filters, not its page: paging through it is one view.
    const view = {
      holder: q.holder ?? null,
      type: q.type ?? null,
      status: q.status ?? null,
      issuer: q.issuer ?? null,
    };
    await auditRawView(deps, rawViews, ctx, raw, reason, view);
  }
  return {
    items: items.map((row) =>
      toLicense(row, directory.byId.get(row.issuerDepartmentId)?.name ?? '', raw.includes(row), today),
    ),
    total,
  };
}

/** The licenses held under the caller's own ID number (set on their account), with their QR payloads. */
export async function myLicenses(deps: LicenseDeps, rawViews: RawViews, ctx: Ctx): Promise<License[]> {
  const idNumber = await deps.users.idNumberOf(ctx.actor!.userId);
  if (!idNumber) throw new ForbiddenError('no_id_number', 'Your account has no citizen ID number');
  return heldLicenses(deps, rawViews, ctx, { idType: '111', id: idNumber });
}

/**
 * The licenses of a holder, unmasked with their QR payloads, for the holder: a resident for themselves or for the
 * company they represent. The caller (the citizen app) has established who the holder is. A person's licenses are
 * audited as a read of personal data, once per view; a company's holder is public (企业信用信息公示).
 */
export async function heldLicenses(
  deps: LicenseDeps,
  rawViews: RawViews,
  ctx: Ctx,
  holder: LicenseHolder,
): Promise<License[]> {
  const today = todayInShanghai();
  const rows = await repo.findLicensesOfHolder(deps.database.db, holder);
  // A holder's look at their own licenses is a view like any other: audited once, not at every fetch.
  await auditRawView(deps, rawViews, ctx, rows, 'own', { own: holder.idType });
  const directory = await deps.org.departmentDirectory();
  return rows.map((row) =>
    toLicense(row, directory.byId.get(row.issuerDepartmentId)?.name ?? '', true, today),
  );
}

/** The license `id` if `holder` holds it (NotFoundError otherwise, as for one that does not exist). */
async function rowHeld(deps: LicenseDeps, holder: LicenseHolder, id: string) {
  const row = await repo.findLicense(deps.database.db, id);
  if (!row || row.holderIdType !== holder.idType || row.holderId !== holder.id)
    throw new NotFoundError('license', id);
  return row;
}

/** One license of a holder, unmasked with its QR payload, audited as heldLicenses says; 404 for another's. */
export async function heldLicense(
  deps: LicenseDeps,
  rawViews: RawViews,
  ctx: Ctx,
  holder: LicenseHolder,
  id: string,
): Promise<License> {
  const row = await rowHeld(deps, holder, id);
  await auditRawView(deps, rawViews, ctx, [row], 'own', { license: row.licenseId });
  return toLicense(row, await departmentName(deps, row.issuerDepartmentId), true, todayInShanghai());
}

/** The status of a license `holder` holds (valid, expired or revoked); 404 for another's. Reads nothing personal. */
export async function heldLicenseStatus(deps: LicenseDeps, holder: LicenseHolder, id: string) {
  return licenseStatus(await rowHeld(deps, holder, id), todayInShanghai());
}

/**
 * A license as its holder shows it through a link they made, with the verdict of the public verification on its
 * QR code (signature, expiry, revocation); null when there is no such license. Not audited here: the caller
 * audits the view of the link.
 */
export async function presentLicense(deps: LicenseDeps, id: string): Promise<PresentedLicense | null> {
  const row = await repo.findLicense(deps.database.db, id);
  if (!row) return null;
  const today = todayInShanghai();
  const issuerName = (departmentId: number) => departmentName(deps, departmentId);
  const verification = await verifyPresented(
    deps.database.db,
    issuerName,
    { qr: licenseQrPayload(row.licenseId, row.signature) },
    today,
  );
  return {
    id: row.licenseId,
    typeCode: row.typeCode,
    typeName: row.typeName,
    holderName: row.holderName,
    holderId: holderIsPerson(row) ? maskIdNumber(row.holderId) : row.holderId,
    holderIdType: row.holderIdType,
    issuerName: await issuerName(row.issuerDepartmentId),
    issueDate: row.issueDate,
    validUntil: row.validUntil,
    status: licenseStatus(row, today),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    verification,
  };
}
