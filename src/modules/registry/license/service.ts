/**
 * E-licenses (无证城市): issuing (one, or thousands in one transaction), revoking, reading, a citizen's own
 * licenses and public verification. Each issue and revocation is delivered to the `license` registry as its
 * source `license`, so the registry's entity follows the license. One file per use case (issue, revoke, read,
 * sync, verify); this puts them together.
 */
import type { Ctx } from '../../../core/context.ts';
import { createRawViews } from '../../../core/raw-views.ts';
import type { LicenseHolder, LicenseIssue, LicenseQuery, LicenseViewQuery, VerifyQuery } from './contract.ts';
import type { LicenseDeps } from './deps.ts';
import { issueLicense, issueLicenses } from './issue.ts';
import './messages.ts';
import {
  heldLicense,
  heldLicenseStatus,
  heldLicenses,
  listLicenses,
  myLicenses,
  presentLicense,
  readLicense,
} from './read.ts';
import { revokeLicense } from './revoke.ts';
import { syncLicenseRegistry } from './sync.ts';
import { issuableTypes } from './types.ts';
import { verifyLicense } from './verify.ts';

export type LicenseService = ReturnType<typeof createLicenseService>;

/** The e-license service; `registry` receives every issued or revoked license. */
export function createLicenseService(deps: LicenseDeps) {
  const rawViews = createRawViews();
  return {
    /** Issues one license for the caller's department (or, for center staff, the one named). */
    issue: (ctx: Ctx, input: LicenseIssue) => issueLicense(deps, ctx, input),

    /** The license types the caller may issue (their department's; center staff: all, with their departments). */
    types: (ctx: Ctx) => issuableTypes(deps, ctx),

    /** Issues many licenses in one transaction; none is stored if one is refused. */
    issueMany: (ctx: Ctx, inputs: LicenseIssue[]) => issueLicenses(deps, ctx, inputs),

    /** Delivers to the license registry the licenses its entities do not follow yet; returns how many. */
    syncRegistry: () => syncLicenseRegistry(deps),

    /** Revokes a license of the caller's department (center staff: any). */
    revoke: (ctx: Ctx, id: string, reason: string) => revokeLicense(deps, ctx, id, reason),

    /** One license; the holder masked unless asked raw, with a reason, by center staff or the issuing department. */
    get: (ctx: Ctx, id: string, q: LicenseViewQuery = {}) => readLicense(deps, rawViews, ctx, id, q),

    /** One page of licenses, newest first, each masked unless asked raw by one who may see it raw. */
    list: (ctx: Ctx, q: LicenseQuery) => listLicenses(deps, rawViews, ctx, q),

    /** The licenses held under the caller's own ID number, with their QR payloads. */
    mine: (ctx: Ctx) => myLicenses(deps, rawViews, ctx),

    /**
     * The licenses of a holder (a person, or a company by its credit code), unmasked with QR payloads, for the
     * holder or the company's legal representative: the caller has established who the holder is.
     */
    held: (ctx: Ctx, holder: LicenseHolder) => heldLicenses(deps, rawViews, ctx, holder),

    /** One license of a holder, as `held` shows it; NotFoundError when the holder does not hold it. */
    heldOne: (ctx: Ctx, holder: LicenseHolder, id: string) => heldLicense(deps, rawViews, ctx, holder, id),

    /** The status of a license the holder holds; NotFoundError when they do not. */
    heldStatus: (holder: LicenseHolder, id: string) => heldLicenseStatus(deps, holder, id),

    /** A license as its holder shows it through a link they made, with its verdict; null when unknown. */
    present: (id: string) => presentLicense(deps, id),

    /** The public verdict on a license identifier or QR content: valid, expired, revoked or forged. */
    verify: (q: VerifyQuery) => verifyLicense(deps, q),
  };
}
