// Test support: grants and credentials inserted as rows, so the sharing API is tested without the approval flow.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../../core/db.ts';
import { hashSecret } from '../grants/credential-secret.ts';
import * as grants from '../grants/repository.ts';
import type { RowFilter } from '../schema.ts';

const HOUR = 3_600_000;

/** What a test grant allows; everything but the resource, consumer and items has a permissive default. */
export type TestGrant = {
  resourceId: number;
  consumerDepartmentId: number;
  items: string[];
  rawItems?: string[];
  rowFilter?: RowFilter;
  ratePerMinute?: number;
  dailyQuota?: number;
  validFrom?: Date;
  expiresAt?: Date;
  revokedAt?: Date | null;
};

// Grants are unique per application; tests have none, so each grant gets an id no real application has.
let applications = 1_000_000_000 + Math.floor(Math.random() * 500_000_000);

/** Inserts a grant (with a made-up application id) and returns its id. */
export async function insertGrant(database: Database, grant: TestGrant): Promise<number> {
  applications += 1;
  const row = await grants.insertGrant(database.db, {
    applicationId: applications,
    resourceId: grant.resourceId,
    consumerDepartmentId: grant.consumerDepartmentId,
    consumingSystem: '测试系统',
    items: grant.items,
    rawItems: grant.rawItems ?? [],
    rowFilter: grant.rowFilter ?? {},
    ratePerMinute: grant.ratePerMinute ?? 10_000,
    dailyQuota: grant.dailyQuota ?? 100_000,
    validFrom: grant.validFrom ?? new Date(Date.now() - HOUR),
    expiresAt: grant.expiresAt ?? new Date(Date.now() + 24 * HOUR),
    revokedAt: grant.revokedAt ?? null,
    revokedBy: grant.revokedAt ? 'test' : null,
  });
  return row.id;
}

/** A credential as a consumer holds it: key id, secret and the Authorization header made of them. */
export type TestCredential = { keyId: string; secret: string; authorization: string };

/** Inserts a credential of a grant with a fresh key id and secret (stored as its SHA-256, as the real one is). */
export async function insertCredential(
  database: Database,
  grantId: number,
  state: { expiresAt?: Date; revokedAt?: Date } = {},
): Promise<TestCredential> {
  const keyId = `ak_${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  await grants.insertCredential(database.db, {
    grantId,
    keyId,
    secretHash: hashSecret(secret),
    createdBy: 'test',
    expiresAt: state.expiresAt ?? null,
    revokedAt: state.revokedAt ?? null,
    revokedBy: state.revokedAt ? 'test' : null,
  });
  return { keyId, secret, authorization: `Bearer ${keyId}.${secret}` };
}

/** A grant with one live credential: the usual start of a test. */
export async function grantWithCredential(database: Database, grant: TestGrant) {
  const grantId = await insertGrant(database, grant);
  return { grantId, ...(await insertCredential(database, grantId)) };
}
