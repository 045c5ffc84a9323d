import type { Ctx } from '../../../core/context.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../core/errors.ts';
import type { CreatedCredential, Credential } from '../contract.ts';
import { loadDirectory, type SharingDeps } from '../directory.ts';
import { sharingPolicy } from '../policy.ts';
import { newCredential, ROTATION_OVERLAP_MS } from './credential-secret.ts';
import * as repo from './repository.ts';
import { grantProvider, grantStatusAt } from './views.ts';

/** A credential's state at `now`. */
export function credentialStatus(row: repo.CredentialRow, now: Date): Credential['status'] {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt) return row.expiresAt > now ? 'expiring' : 'expired';
  return 'live';
}

const toView = (row: repo.CredentialRow, now = new Date()): Credential => ({
  id: row.id,
  grantId: row.grantId,
  keyId: row.keyId,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  revokedBy: row.revokedBy,
  status: credentialStatus(row, now),
});

/**
 * API credentials (调用凭证) of a grant: created by the consumer department or the center, the secret shown once
 * and stored as its SHA-256. Creating one while another is live rotates: the old one works 24 hours more.
 */
export function createCredentialService(deps: SharingDeps & { credentialsChanged: () => void }) {
  const { audit } = deps;
  const db = deps.database.db;

  /** The grant, if the caller may manage its credentials; others are refused and audited. */
  async function grantFor(ctx: Ctx, grantId: number) {
    const grant = await repo.findGrant(db, grantId);
    if (!grant) throw new NotFoundError('grant', grantId);
    if (!sharingPolicy.mayManageCredentials(ctx.actor, grant)) {
      const dir = await loadDirectory(deps);
      const party = sharingPolicy.isGrantParty(ctx.actor, grant, grantProvider(dir, grant));
      const code = party ? 'not_grant_consumer' : 'not_grant_party';
      await audit.deny(
        ctx,
        { targetType: 'grant', targetId: grantId, detail: { code } },
        new ForbiddenError(code),
      );
    }
    return grant;
  }

  return {
    /** A grant's credentials, newest first: key ids and states, never the secret or its hash. */
    async list(ctx: Ctx, grantId: number) {
      await grantFor(ctx, grantId);
      const now = new Date();
      return { items: (await repo.findCredentials(db, grantId)).map((row) => toView(row, now)) };
    },

    /** Creates a credential for a live grant; the secret is in this answer only. */
    async create(ctx: Ctx, grantId: number): Promise<CreatedCredential> {
      const grant = await grantFor(ctx, grantId);
      const now = new Date();
      const status = grantStatusAt(grant, now);
      if (status === 'revoked' || status === 'expired')
        throw new ConflictError('grant_not_live', `Grant ${grantId} is ${status}`, { id: grantId, status });
      const { keyId, secret, secretHash } = newCredential();
      const row = await db.transaction(async (tx) => {
        const rotated = await repo.expireLiveCredentials(
          tx,
          grantId,
          new Date(now.getTime() + ROTATION_OVERLAP_MS),
        );
        const created = await repo.insertCredential(tx, {
          grantId,
          keyId,
          secretHash,
          createdBy: ctx.actor!.username,
        });
        await audit.record(tx, ctx, {
          action: 'sharing.credential_create',
          targetType: 'credential',
          targetId: created.id,
          detail: { grantId, keyId, rotated: rotated.map((r) => r.keyId) },
        });
        return created;
      });
      deps.credentialsChanged();
      return { credential: toView(row, now), secret, token: `${keyId}.${secret}` };
    },

    /** Revokes a credential at once. */
    async revoke(ctx: Ctx, id: number): Promise<Credential> {
      const found = await repo.findCredential(db, id);
      if (!found) throw new NotFoundError('credential', id);
      await grantFor(ctx, found.grantId);
      const row = await db.transaction(async (tx) => {
        const revoked = await repo.revokeCredential(tx, id, ctx.actor!.username, new Date());
        if (!revoked) return undefined;
        await audit.record(tx, ctx, {
          action: 'sharing.credential_revoke',
          targetType: 'credential',
          targetId: id,
          detail: { grantId: found.grantId, keyId: found.keyId },
        });
        return revoked;
      });
      deps.credentialsChanged();
      if (!row)
        throw new ConflictError('credential_already_revoked', `Credential ${found.keyId} is revoked`, {
          keyId: found.keyId,
        });
      return toView(row);
    },
  };
}

export type CredentialService = ReturnType<typeof createCredentialService>;
