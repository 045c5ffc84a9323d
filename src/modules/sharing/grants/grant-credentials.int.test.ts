// Grants and their API credentials: who sees which grants, revoking (at once, with a reason), limits, expiry,
// and credentials (secret shown once, stored as its SHA-256, rotation with overlap, revocation).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { queryRows } from '../../../core/db.ts';
import { applicationBody, sharingPlatform } from '../applications/application-test-kit.ts';

describe.each(databaseKinds)('sharing grants and credentials on %s', (kind) => {
  let t: Awaited<ReturnType<typeof sharingPlatform>>;
  const users = { 'mzj.clerk': 'MZJ', 'slj.clerk': 'SLJ', 'jyj.clerk': 'JYJ' };
  let grant: number;
  const as = (who: string) => t.as[who]!;
  const credentialsOf = async (who: string, id = grant) =>
    t.call('GET', `/api/sharing/grants/${id}/credentials`, as(who));
  const stored = (keyId: string) =>
    queryRows<{ secret_hash: string; expires_at: Date | null }>(
      t.p.database.db,
      sql`select secret_hash, expires_at from sharing.credentials where key_id = ${keyId}`,
    );

  beforeAll(async () => {
    t = await sharingPlatform(kind, users);
    const res = await t.call(
      'POST',
      '/api/sharing/applications',
      as('mzj.clerk'),
      applicationBody('slj_water_level', { items: ['station_code', 'observed_at', 'level_m'] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    grant = res.json().grant.id;
  });
  afterAll(() => t?.p.close());

  it('shows a grant to its consumer, its provider and the center only', async () => {
    const consumer = (await t.call('GET', '/api/sharing/grants', as('mzj.clerk'))).json();
    expect(consumer.items.map((g: { id: number }) => g.id)).toEqual([grant]);
    expect(consumer.items[0]).toMatchObject({
      resourceAlias: 'slj_water_level',
      consumerDepartmentName: '民政局',
      providerDepartmentName: '水利局',
      can: { revoke: false, setLimits: false, manageCredentials: true },
    });
    const provider = (await t.call('GET', '/api/sharing/grants?scope=provider', as('slj.clerk'))).json();
    expect(provider.items.map((g: { id: number }) => g.id)).toEqual([grant]);
    expect(provider.items[0].can).toEqual({ revoke: true, setLimits: false, manageCredentials: false });
    expect((await t.call('GET', '/api/sharing/grants?scope=provider', as('mzj.clerk'))).json().total).toBe(0);
    expect((await t.call('GET', '/api/sharing/grants', as('jyj.clerk'))).json().total).toBe(0);
    expect((await t.call('GET', '/api/sharing/grants?scope=all', as('jyj.clerk'))).statusCode).toBe(403);
    const center = (await t.call('GET', '/api/sharing/grants?status=active', as('center.steward'))).json();
    expect(center.total).toBe(1);
    expect(
      (await t.call('GET', '/api/sharing/grants?status=revoked', as('center.steward'))).json().total,
    ).toBe(0);
    const stranger = await t.call('GET', `/api/sharing/grants/${grant}`, as('jyj.clerk'));
    expect(stranger.statusCode).toBe(403);
    expect((await t.audited('access.denied', 'grant', grant))[0]).toMatchObject({ actorName: 'jyj.clerk' });
  });

  let first: { keyId: string; secret: string; id: number };

  it('creates a credential whose secret is shown once and stored only as its SHA-256', async () => {
    expect(
      (await t.call('POST', `/api/sharing/grants/${grant}/credentials`, as('jyj.clerk'))).statusCode,
    ).toBe(403);
    const provider = await t.call('POST', `/api/sharing/grants/${grant}/credentials`, as('slj.clerk'));
    expect(provider.statusCode).toBe(403);
    expect(provider.json().code).toBe('not_grant_consumer');

    const res = await t.call('POST', `/api/sharing/grants/${grant}/credentials`, as('mzj.clerk'));
    expect(res.statusCode, res.body).toBe(201);
    const { credential, secret, token } = res.json();
    expect(credential.keyId).toMatch(/^ak_[0-9a-f]{16}$/);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).toBe(`${credential.keyId}.${secret}`);
    expect(credential.status).toBe('live');
    first = { keyId: credential.keyId, secret, id: credential.id };

    const [row] = await stored(credential.keyId);
    expect(row!.secret_hash).not.toBe(secret);
    expect(row!.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    const listed = await credentialsOf('mzj.clerk');
    expect(listed.json().items).toMatchObject([
      { keyId: credential.keyId, status: 'live', createdBy: 'mzj.clerk' },
    ]);
    expect(listed.body).not.toContain(secret);
    expect(listed.body).not.toContain(row!.secret_hash);
    const [entry] = await t.audited('sharing.credential_create', 'credential', credential.id);
    expect(entry?.detail).toMatchObject({ grantId: grant, keyId: credential.keyId, rotated: [] });
    expect(JSON.stringify(entry)).not.toContain(secret);
    expect((await credentialsOf('jyj.clerk')).statusCode).toBe(403);
  });

  it('rotates: a new credential leaves the old one working for 24 hours', async () => {
    const before = Date.now();
    const res = await t.call('POST', `/api/sharing/grants/${grant}/credentials`, as('center.steward'));
    expect(res.statusCode).toBe(201);
    const second = res.json().credential;
    const items = (await credentialsOf('mzj.clerk')).json().items;
    expect(items.map((c: { keyId: string; status: string }) => [c.keyId, c.status])).toEqual([
      [second.keyId, 'live'],
      [first.keyId, 'expiring'],
    ]);
    const [old] = await stored(first.keyId);
    const overlap = new Date(old!.expires_at!).getTime() - before;
    expect(overlap).toBeGreaterThanOrEqual(24 * 3600_000 - 1000);
    expect(overlap).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
    expect((await stored(second.keyId))[0]!.expires_at).toBeNull();
    expect((await t.audited('sharing.credential_create', 'credential', second.id))[0]?.detail).toMatchObject({
      rotated: [first.keyId],
    });
  });

  it('revokes a credential at once, once', async () => {
    expect(
      (await t.call('POST', `/api/sharing/credentials/${first.id}/revoke`, as('jyj.clerk'))).statusCode,
    ).toBe(403);
    const res = await t.call('POST', `/api/sharing/credentials/${first.id}/revoke`, as('mzj.clerk'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ keyId: first.keyId, status: 'revoked', revokedBy: 'mzj.clerk' });
    expect(
      (await t.call('POST', `/api/sharing/credentials/${first.id}/revoke`, as('mzj.clerk'))).statusCode,
    ).toBe(409);
    expect(await t.audited('sharing.credential_revoke', 'credential', first.id)).toHaveLength(1);
  });

  it('lets the center change the rate limit and quota', async () => {
    const path = `/api/sharing/grants/${grant}/limits`;
    expect((await t.call('PATCH', path, as('mzj.clerk'), { dailyQuota: 99999 })).statusCode).toBe(403);
    expect((await t.call('PATCH', path, as('center.steward'), {})).statusCode).toBe(400);
    const res = await t.call('PATCH', path, as('center.steward'), { ratePerMinute: 120, dailyQuota: 5000 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ratePerMinute: 120, dailyQuota: 5000 });
    expect((await t.audited('sharing.grant_limits', 'grant', grant))[0]?.detail).toMatchObject({
      from: { ratePerMinute: 600, dailyQuota: 1000 },
      to: { ratePerMinute: 120, dailyQuota: 5000 },
    });
  });

  it('lets the provider revoke a grant with a reason, at once, and tells the consumer', async () => {
    const path = `/api/sharing/grants/${grant}/revoke`;
    const consumer = await t.call('POST', path, as('mzj.clerk'), { reason: '不再需要' });
    expect(consumer.statusCode).toBe(403);
    expect(consumer.json().code).toBe('not_grant_revoker');
    expect((await t.call('POST', path, as('slj.clerk'), { reason: ' ' })).statusCode).toBe(400);
    const res = await t.call('POST', path, as('slj.clerk'), { reason: '数据接口调整' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'revoked',
      revokedBy: 'slj.clerk',
      revokeReason: '数据接口调整',
    });
    expect(res.json().can).toMatchObject({ revoke: false, manageCredentials: false });
    expect((await t.call('POST', path, as('center.steward'), { reason: '再次' })).statusCode).toBe(409);
    const created = await t.call('POST', `/api/sharing/grants/${grant}/credentials`, as('mzj.clerk'));
    expect(created.statusCode).toBe(409);
    expect(created.json().code).toBe('grant_not_live');
    const told = (await t.call('GET', '/api/sharing/notifications', as('mzj.clerk'))).json();
    expect(told.items[0]).toMatchObject({
      kind: 'grant_revoked',
      params: { reason: '数据接口调整', grantId: grant },
    });
    expect((await t.call('GET', '/api/sharing/grants?status=revoked', as('mzj.clerk'))).json().total).toBe(1);
    expect((await t.audited('sharing.grant_revoke', 'grant', grant))[0]?.detail).toMatchObject({
      reason: '数据接口调整',
    });
  });

  it('treats a grant past its expiry as expired at once, without any job', async () => {
    const res = await t.call(
      'POST',
      '/api/sharing/applications',
      as('mzj.clerk'),
      applicationBody('slj_water_level', { items: ['level_m'] }),
    );
    const id = res.json().grant.id as number;
    // Time passing, done to the stored row: the period's end is now a second ago.
    await t.p.database.db.execute(
      sql`update sharing.grants set expires_at = now() - interval '1 second' where id = ${id}`,
    );
    const read = (await t.call('GET', `/api/sharing/grants/${id}`, as('mzj.clerk'))).json();
    expect(read.status).toBe('expired');
    expect(
      (await t.call('GET', '/api/sharing/grants?status=expired', as('mzj.clerk'))).json().items,
    ).toMatchObject([{ id }]);
    expect((await t.call('GET', '/api/sharing/grants?status=active', as('mzj.clerk'))).json().total).toBe(0);
    const created = await t.call('POST', `/api/sharing/grants/${id}/credentials`, as('mzj.clerk'));
    expect(created.statusCode).toBe(409);
  });
});
