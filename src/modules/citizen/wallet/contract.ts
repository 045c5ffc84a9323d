/** The resident's wallet of e-licenses and the time-limited links that show one to someone. */
import { z } from 'zod';
import { license, presentedLicense } from '../../registry/contract.ts';

export type { License, PresentedLicense } from '../../registry/contract.ts';

/** The licenses of whom the resident acts as: themselves, or the company they represent. */
export const walletLicenses = z.object({
  holder: z.object({ kind: z.enum(['person', 'company']), name: z.string() }),
  items: z.array(license),
});
export type WalletLicenses = z.infer<typeof walletLicenses>;

export const walletLicenseParam = z.object({ id: z.string().min(1).max(80) });

/** The longest a link may live: 7 days. */
export const MAX_SHARE_HOURS = 168;

/** Making a link: how long it lives (1 hour to 7 days) and, optionally, what for (shown with the license). */
export const shareCreate = z
  .object({
    hours: z.number().int().min(1).max(MAX_SHARE_HOURS),
    purpose: z.string().trim().max(100).optional(),
  })
  .strict();
export type ShareCreate = z.infer<typeof shareCreate>;

/** A link's state: open, run out, or withdrawn by its owner. */
export const shareStates = ['active', 'expired', 'revoked'] as const;

/** A link as its owner's list shows it (never the token: only its hash is kept). */
export const licenseShare = z.object({
  id: z.number(),
  licenseId: z.string(),
  purpose: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  views: z.number(),
  state: z.enum(shareStates),
});
export type LicenseShare = z.infer<typeof licenseShare>;

export const licenseShares = z.object({ items: z.array(licenseShare) });

/** A new link: the token and the app's path that opens it, shown this once. */
export const shareCreated = z.object({ share: licenseShare, token: z.string(), link: z.string() });
export type ShareCreated = z.infer<typeof shareCreated>;

export const shareIdParam = z.object({ shareId: z.coerce.number().int().positive().max(2_147_483_647) });

export const shareTokenParam = z.object({ token: z.string().min(1).max(200) });

/** What a stranger who opens a link sees: the license as its holder shows it, and until when the link works. */
export const sharedLicense = z.object({
  license: presentedLicense,
  purpose: z.string().nullable(),
  expiresAt: z.string(),
});
export type SharedLicense = z.infer<typeof sharedLicense>;
