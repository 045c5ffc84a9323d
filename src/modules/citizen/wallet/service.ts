/**
 * The resident's wallet: the e-licenses of whom they act as (themselves, or the company they represent), each with
 * the QR code the public verification checks, and time-limited links that show one license to someone. A link's
 * token is 256 random bits, given once; only its SHA-256 is kept, so the table cannot open a link.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { ConflictError, DomainError, NotFoundError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { LicenseHolder } from '../../registry/contract.ts';
import type { LicenseService } from '../../registry/index.ts';
import type { LicenseShare, ShareCreate, ShareCreated, SharedLicense, WalletLicenses } from './contract.ts';
import * as repo from './repository.ts';

/** The path of the app's page that opens a link (the app lives under /m). */
export const sharedPath = (token: string) => `/m/shared/${token}`;

/** What is stored of a token: its SHA-256, hex (256 random bits need no salt or slow hash). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Whom a resident acts as, as the subject service says (subjects/service.ts; written out here so the wallet does
 * not import it, which would close a loop through services.ts).
 */
type Subject = { kind: 'person' | 'company'; key: string; name: string; userId: number };

/** The licenses' holder a subject stands for: a person by ID number, a company by credit code. */
const holderOf = (subject: Subject): LicenseHolder => ({
  idType: subject.kind === 'person' ? '111' : '001',
  id: subject.key,
});

/** A link as its owner's list shows it, its state at `now`. */
function shareOf(row: repo.ShareRow, now: Date): LicenseShare {
  return {
    id: row.id,
    licenseId: row.licenseId,
    purpose: row.purpose,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    views: row.views,
    state: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
  };
}

/** A link that no longer opens (410 Gone): run out or withdrawn. */
class ShareGoneError extends DomainError {
  constructor(
    code: 'share_expired' | 'share_revoked',
    message: string,
    params: Record<string, unknown> = {},
  ) {
    super(410, code, message, params);
  }
}

/** A link nobody made (or whose license is gone): 404 with a message of its own, never echoing the token. */
const unknownShare = () => new DomainError(404, 'share_unknown', 'This link does not exist');

export type WalletService = ReturnType<typeof createWalletService>;

/** The wallet; `subjects` says whom a resident acts as (the `x-acting-for` header). */
export function createWalletService(deps: {
  database: Database;
  audit: AuditService;
  registry: { licenses: LicenseService };
  subjects: { resolve: (ctx: Ctx, actingFor?: string | null) => Promise<Subject> };
  now?: () => Date;
}) {
  const clock = deps.now ?? (() => new Date());
  const db = deps.database.db;
  const { audit } = deps;
  const licenses = deps.registry.licenses;

  return {
    /** The licenses of whom the caller acts as, unmasked with their QR payloads (audited by the registry). */
    async licenses(ctx: Ctx, actingFor: string | undefined): Promise<WalletLicenses> {
      const subject = await deps.subjects.resolve(ctx, actingFor);
      return {
        holder: { kind: subject.kind, name: subject.name },
        items: await licenses.held(ctx, holderOf(subject)),
      };
    },

    /** One of those licenses; 404 for anyone else's. */
    async license(ctx: Ctx, actingFor: string | undefined, id: string) {
      const subject = await deps.subjects.resolve(ctx, actingFor);
      return licenses.heldOne(ctx, holderOf(subject), id);
    },

    /**
     * Makes a link to one of the caller's valid licenses, open `hours` hours. The answer holds the token and the
     * link, which cannot be shown again.
     */
    async share(
      ctx: Ctx,
      actingFor: string | undefined,
      id: string,
      input: ShareCreate,
    ): Promise<ShareCreated> {
      const subject = await deps.subjects.resolve(ctx, actingFor);
      const status = await licenses.heldStatus(holderOf(subject), id);
      if (status === 'revoked')
        throw new ConflictError('license_revoked_no_share', 'A revoked license cannot be shared', { id });
      if (status === 'expired')
        throw new ConflictError('license_expired_no_share', 'An expired license cannot be shared', { id });
      const token = randomBytes(32).toString('base64url');
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const created = await repo.insertShare(tx, {
          userId: subject.userId,
          licenseId: id,
          tokenHash: hashToken(token),
          purpose: input.purpose || null,
          createdAt: now,
          expiresAt: new Date(now.getTime() + input.hours * 3_600_000),
        });
        await audit.record(tx, ctx, {
          action: 'citizen.license_share_create',
          targetType: 'license_share',
          targetId: created.id,
          detail: {
            license: id,
            hours: input.hours,
            expiresAt: created.expiresAt.toISOString(),
            ...(subject.kind === 'company' && { company: subject.key }),
          },
        });
        return created;
      });
      return { share: shareOf(row, now), token, link: sharedPath(token) };
    },

    /** The caller's links to one of their licenses, newest first; 404 for a license not theirs. */
    async shares(ctx: Ctx, actingFor: string | undefined, id: string): Promise<LicenseShare[]> {
      const subject = await deps.subjects.resolve(ctx, actingFor);
      await licenses.heldStatus(holderOf(subject), id);
      const now = clock();
      return (await repo.findSharesOf(db, subject.userId, id)).map((row) => shareOf(row, now));
    },

    /** Withdraws one of the caller's links at once; 404 for another's, 409 when already withdrawn. */
    async revokeShare(ctx: Ctx, shareId: number): Promise<LicenseShare> {
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const own = await repo.findOwnShare(tx, ctx.actor!.userId, shareId);
        if (!own) throw new NotFoundError('share', shareId);
        const revoked = await repo.revokeShare(tx, shareId, now);
        if (!revoked) throw new ConflictError('share_already_revoked', 'This link is already withdrawn');
        await audit.record(tx, ctx, {
          action: 'citizen.license_share_revoke',
          targetType: 'license_share',
          targetId: shareId,
          detail: { license: revoked.licenseId },
        });
        return revoked;
      });
      return shareOf(row, now);
    },

    /**
     * What a link shows to whoever opens it while it is open: the license as its holder shows it and the verdict
     * on its signature and status. Each view is counted and audited; a link run out or withdrawn is 410.
     */
    async open(ctx: Ctx, token: string): Promise<SharedLicense> {
      const share = await repo.findShareByHash(db, hashToken(token));
      if (!share) throw unknownShare();
      const now = clock();
      if (share.revokedAt) throw new ShareGoneError('share_revoked', 'The holder has withdrawn this link');
      if (share.expiresAt <= now)
        throw new ShareGoneError('share_expired', 'This link has expired', {
          expiredAt: share.expiresAt.toISOString(),
        });
      const license = await licenses.present(share.licenseId);
      if (!license) throw unknownShare();
      const counted = await db.transaction(async (tx) => {
        const row = await repo.countView(tx, share.id, now);
        if (!row) return undefined;
        await audit.record(tx, ctx, {
          action: 'citizen.license_share_view',
          targetType: 'license_share',
          targetId: share.id,
          detail: { license: share.licenseId, views: row.views },
        });
        return row;
      });
      // Withdrawn between the look-up and the count.
      if (!counted) throw new ShareGoneError('share_revoked', 'The holder has withdrawn this link');
      return { license, purpose: share.purpose, expiresAt: share.expiresAt.toISOString() };
    },
  };
}
