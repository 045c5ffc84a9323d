// Test support: grants and credentials inserted as rows, so the sharing API is tested without the approval flow.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../../core/db.ts';
import type { RowFilter } from '../schema.ts';
import { hashSecret } from './credential-check.ts';

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
  const [row] = await database.query<{ id: number }>(
    `insert into sharing.grants (application_id, resource_id, consumer_department_id, consuming_system, items,
       raw_items, row_filter, rate_per_minute, daily_quota, valid_from, expires_at, revoked_at, revoked_by)
     values ($1, $2, $3, '测试系统', $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12) returning id`,
    [
      applications,
      grant.resourceId,
      grant.consumerDepartmentId,
      grant.items,
      grant.rawItems ?? [],
      JSON.stringify(grant.rowFilter ?? {}),
      grant.ratePerMinute ?? 10_000,
      grant.dailyQuota ?? 100_000,
      (grant.validFrom ?? new Date(Date.now() - HOUR)).toISOString(),
      (grant.expiresAt ?? new Date(Date.now() + 24 * HOUR)).toISOString(),
      grant.revokedAt ? grant.revokedAt.toISOString() : null,
      grant.revokedAt ? 'test' : null,
    ],
  );
  return row!.id;
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
  await database.query(
    `insert into sharing.credentials (grant_id, key_id, secret_hash, created_by, expires_at, revoked_at, revoked_by)
     values ($1, $2, $3, 'test', $4, $5, $6)`,
    [
      grantId,
      keyId,
      hashSecret(secret),
      state.expiresAt?.toISOString() ?? null,
      state.revokedAt?.toISOString() ?? null,
      state.revokedAt ? 'test' : null,
    ],
  );
  return { keyId, secret, authorization: `Bearer ${keyId}.${secret}` };
}

/** A grant with one live credential: the usual start of a test. */
export async function grantWithCredential(database: Database, grant: TestGrant) {
  const grantId = await insertGrant(database, grant);
  return { grantId, ...(await insertCredential(database, grantId)) };
}
