// The wallet end to end: a resident's licenses with QR codes the public verification accepts, never another's; a
// company's licenses for its representative; links that show a license for a while, counted and audited, that run
// out, can be withdrawn and are rate-limited; who may call what.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import type { Ctx } from '../../../core/context.ts';
import { queryRows } from '../../../core/db.ts';
import { citizenPlatform, company, residents } from '../citizen-test-kit.ts';
import { createWalletService } from './service.ts';

const ID_CARD = '11100000000013338W011'; // 居民身份证明, issued by 公安分局
const RESIDENCE = '11100000000013338W022'; // 居住证, 公安分局
const BUSINESS = '11100000MB0143028R001'; // 营业执照, 市场监管局
const VERIFY_LIMIT = 20;

describe.each(databaseKinds)('the wallet on %s', (kind) => {
  let platform: Awaited<ReturnType<typeof citizenPlatform>>;
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  // Licenses: 张三's valid, expired and revoked ones, 李四's, the company's.
  const ids = { zhang: '', expired: '', revoked: '', li: '', firm: '' };

  const issue = async (who: string, body: Record<string, unknown>) => {
    const res = await platform.call('POST', '/api/registry/licenses', platform.as[who]!, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const person = (r: { idNumber: string; name: string }) => ({
    holderId: r.idNumber,
    holderIdType: '111',
    holderName: r.name,
  });
  const audits = (action: string) =>
    queryRows<{ actor_name: string; target_id: string; detail: Record<string, unknown> }>(
      platform.p.database.db,
      sql`select actor_name, target_id, detail from audit.entries where action = ${action} order by id`,
    );
  const open = (token: string, lang = 'zh-CN') =>
    platform.p.app.inject({
      method: 'GET',
      url: `/api/public/license-shares/${token}`,
      headers: { 'accept-language': lang },
    });

  beforeAll(async () => {
    platform = await citizenPlatform(kind, now, {
      // The clock moves past a link's hour: sessions must outlive that.
      ONECITY_SESSION_IDLE_MINUTES: '240',
      ONECITY_RATE_LIMIT_VERIFY: String(VERIFY_LIMIT),
    });
    ids.zhang = await issue('gafj', {
      ...person(residents.zhang),
      typeCode: ID_CARD,
      validUntil: '2099-12-31',
    });
    ids.expired = await issue('gafj', {
      ...person(residents.zhang),
      typeCode: RESIDENCE,
      issueDate: '2019-01-01',
      validUntil: '2020-01-01',
    });
    ids.revoked = await issue('gafj', { ...person(residents.zhang), typeCode: RESIDENCE });
    const revoked = await platform.call(
      'POST',
      `/api/registry/licenses/${ids.revoked}/revoke`,
      platform.as.gafj!,
      {
        reason: '信息有误',
      },
    );
    expect(revoked.statusCode, revoked.body).toBe(200);
    ids.li = await issue('gafj', { ...person(residents.li), typeCode: ID_CARD });
    ids.firm = await issue('scjgj', {
      holderId: company.creditCode,
      holderIdType: '001',
      holderName: company.name,
      typeCode: BUSINESS,
    });
  });
  afterAll(() => platform?.p.close());

  it("lists the resident's own licenses with QR codes that the public verification accepts", async () => {
    const { call, as } = platform;
    const res = await call('GET', '/api/citizen/licenses', as.zhang!);
    expect(res.statusCode, res.body).toBe(200);
    const wallet = res.json();
    expect(wallet.holder).toEqual({ kind: 'person', name: '张三' });
    expect(wallet.items.map((l: { id: string }) => l.id).sort()).toEqual(
      [ids.zhang, ids.expired, ids.revoked].sort(),
    );
    const byId = Object.fromEntries(wallet.items.map((l: { id: string }) => [l.id, l]));
    expect(byId[ids.zhang]).toMatchObject({
      holderId: residents.zhang.idNumber,
      holderName: '张三',
      status: 'valid',
      masked: false,
      issuerName: '公安分局',
    });
    expect(byId[ids.expired].status).toBe('expired');
    expect(byId[ids.revoked].status).toBe('revoked');
    const verdict = await call(
      'GET',
      `/api/public/licenses/verify?${new URLSearchParams({ qr: byId[ids.zhang].qr })}`,
      null,
    );
    expect(verdict.json()).toMatchObject({ verdict: 'valid', license: { id: ids.zhang, holderName: '张*' } });
    // The read of personal data is audited, by whom and which licenses.
    const read = (await audits('data.read_personal')).filter((a) => a.actor_name === 'resident.zhang');
    expect(read.length).toBeGreaterThan(0);
    expect(read.at(-1)!.detail.licenses).toEqual(expect.arrayContaining([ids.zhang, ids.expired]));

    const li = (await call('GET', '/api/citizen/licenses', as.li!)).json();
    expect(li.items.map((l: { id: string }) => l.id)).toEqual([ids.li]);
  });

  it("shows one of the resident's licenses, and nobody else's", async () => {
    const { call, as } = platform;
    const own = await call('GET', `/api/citizen/licenses/${ids.zhang}`, as.zhang!);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: ids.zhang, qr: expect.stringMatching(/^OCL1:/) });
    // Another resident's and a company's license are unknown to 张三 (404, as one that does not exist).
    expect((await call('GET', `/api/citizen/licenses/${ids.li}`, as.zhang!)).statusCode).toBe(404);
    expect((await call('GET', `/api/citizen/licenses/${ids.firm}`, as.zhang!)).statusCode).toBe(404);
    expect((await call('GET', `/api/citizen/licenses/${ids.zhang}`, as.li!)).statusCode).toBe(404);
    // No session; staff are not residents; a company the resident does not represent.
    expect((await call('GET', '/api/citizen/licenses', null)).statusCode).toBe(401);
    expect((await call('GET', `/api/citizen/licenses/${ids.zhang}`, null)).statusCode).toBe(401);
    expect((await call('GET', '/api/citizen/licenses', as.admin!)).statusCode).toBe(403);
    expect((await call('GET', '/api/citizen/licenses', as.gafj!)).statusCode).toBe(403);
    const notTheirs = await platform.p.app.inject({
      method: 'GET',
      url: '/api/citizen/licenses',
      headers: { ...as.li!, 'x-acting-for': company.creditCode },
    });
    expect(notTheirs.statusCode).toBe(403);
  });

  it("gives a company's representative the company's licenses (holder = credit code), not the person's", async () => {
    const { p } = platform;
    const zhangUser = (await platform.call('GET', '/api/auth/me', platform.as.zhang!)).json();
    // The subject service resolves a company once sign-up links it; here it says so directly.
    const wallet = createWalletService({
      database: p.database,
      audit: p.modules.audit.service,
      registry: p.modules.registry,
      subjects: {
        resolve: async () => ({
          kind: 'company',
          key: company.creditCode,
          name: company.name,
          userId: zhangUser.id,
          idNumber: residents.zhang.idNumber,
        }),
      },
    });
    const ctx: Ctx = {
      actor: {
        userId: zhangUser.id,
        username: 'resident.zhang',
        displayName: '张三',
        departmentId: null,
        roles: ['citizen'],
        via: 'session',
      },
      ip: null,
      requestId: null,
    };
    const mine = await wallet.licenses(ctx, company.creditCode);
    expect(mine.holder).toEqual({ kind: 'company', name: company.name });
    expect(mine.items.map((l) => l.id)).toEqual([ids.firm]);
    expect(mine.items[0]).toMatchObject({
      holderId: company.creditCode,
      holderIdType: '001',
      qr: expect.any(String),
    });
    await expect(wallet.license(ctx, company.creditCode, ids.zhang)).rejects.toMatchObject({ status: 404 });
    const made = await wallet.share(ctx, company.creditCode, ids.firm, { hours: 2 });
    const shown = await open(made.token);
    expect(shown.json().license).toMatchObject({
      holderName: company.name,
      holderId: company.creditCode,
      verification: { verdict: 'valid' },
    });
    expect((await audits('citizen.license_share_create')).at(-1)!.detail).toMatchObject({
      license: ids.firm,
      company: company.creditCode,
    });
  });

  it('makes a link that shows the license to anyone while it lasts, counting and auditing each view', async () => {
    const { call, as, p } = platform;
    const res = await call('POST', `/api/citizen/licenses/${ids.zhang}/shares`, as.zhang!, {
      hours: 1,
      purpose: '租房核验',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { token, link, share } = res.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link).toBe(`/m/shared/${token}`);
    expect(share).toMatchObject({ licenseId: ids.zhang, purpose: '租房核验', views: 0, state: 'active' });
    expect(new Date(share.expiresAt).getTime() - new Date(share.createdAt).getTime()).toBe(3_600_000);
    // Only the token's hash is kept.
    const stored = await queryRows<{ token_hash: string }>(
      p.database.db,
      sql`select token_hash from citizen.license_shares where id = ${share.id}`,
    );
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
    expect(JSON.stringify(stored)).not.toContain(token);

    // A stranger, without an account, opens it.
    const shown = await open(token);
    expect(shown.statusCode, shown.body).toBe(200);
    const body = shown.json();
    expect(body).toMatchObject({
      purpose: '租房核验',
      expiresAt: share.expiresAt,
      license: {
        id: ids.zhang,
        typeName: '居民身份证明',
        holderName: '张三',
        holderIdType: '111',
        issuerName: '公安分局',
        validUntil: '2099-12-31',
        status: 'valid',
        verification: { verdict: 'valid', license: { id: ids.zhang } },
      },
    });
    // The ID number is masked: the holder showed the license, not their ID number.
    expect(body.license.holderId).not.toBe(residents.zhang.idNumber);
    expect(body.license.holderId).toMatch(/\*{4}/);
    expect(shown.body).not.toContain(residents.zhang.idNumber);
    await open(token);
    const listed = (await call('GET', `/api/citizen/licenses/${ids.zhang}/shares`, as.zhang!)).json();
    expect(listed.items[0]).toMatchObject({ id: share.id, views: 2, state: 'active' });
    expect(JSON.stringify(listed)).not.toContain(token);
    const views = (await audits('citizen.license_share_view')).filter(
      (a) => a.target_id === String(share.id),
    );
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({ actor_name: 'anonymous', detail: { license: ids.zhang } });
    expect((await audits('citizen.license_share_create')).map((a) => a.target_id)).toContain(
      String(share.id),
    );

    // After its hour the link is gone (410), and the owner's list says so.
    offset += 61 * 60_000;
    const gone = await open(token);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('share_expired');
    expect(gone.json().detail).toContain('过期');
    expect((await open(token, 'en')).json().detail).toContain('expired');
    const after = (await call('GET', `/api/citizen/licenses/${ids.zhang}/shares`, as.zhang!)).json();
    expect(after.items[0]).toMatchObject({ id: share.id, views: 2, state: 'expired' });
  });

  it('lets the owner withdraw a link at once, and nobody else', async () => {
    const { call, as } = platform;
    const made = (
      await call('POST', `/api/citizen/licenses/${ids.zhang}/shares`, as.zhang!, { hours: 168 })
    ).json();
    expect((await open(made.token)).statusCode).toBe(200);
    // 李四 cannot withdraw (404: not theirs), list or share 张三's.
    expect((await call('DELETE', `/api/citizen/shares/${made.share.id}`, as.li!)).statusCode).toBe(404);
    expect((await call('GET', `/api/citizen/licenses/${ids.zhang}/shares`, as.li!)).statusCode).toBe(404);
    expect(
      (await call('POST', `/api/citizen/licenses/${ids.zhang}/shares`, as.li!, { hours: 1 })).statusCode,
    ).toBe(404);
    expect((await call('DELETE', `/api/citizen/shares/${made.share.id}`, null)).statusCode).toBe(401);
    expect((await call('DELETE', `/api/citizen/shares/${made.share.id}`, as.admin!)).statusCode).toBe(403);
    expect((await open(made.token)).statusCode).toBe(200);

    const revoked = await call('DELETE', `/api/citizen/shares/${made.share.id}`, as.zhang!);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
    const gone = await open(made.token);
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ code: 'share_revoked', detail: '证照持有人已撤销该分享链接' });
    expect((await call('DELETE', `/api/citizen/shares/${made.share.id}`, as.zhang!)).json().code).toBe(
      'share_already_revoked',
    );
    expect((await audits('citizen.license_share_revoke')).map((a) => a.target_id)).toContain(
      String(made.share.id),
    );

    const unknown = await open('x'.repeat(43));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'share_unknown' });
    expect(unknown.json().detail).toContain('不存在');
  });

  it('shows a license revoked after it was shared as revoked, and refuses to share a revoked or expired one', async () => {
    const { call, as } = platform;
    const id = await issue('gafj', { ...person(residents.zhang), typeCode: ID_CARD });
    const made = (await call('POST', `/api/citizen/licenses/${id}/shares`, as.zhang!, { hours: 24 })).json();
    await call('POST', `/api/registry/licenses/${id}/revoke`, as.gafj!, { reason: '换发新证' });
    const shown = (await open(made.token)).json();
    expect(shown.license).toMatchObject({ status: 'revoked', verification: { verdict: 'revoked' } });

    const revoked = await call('POST', `/api/citizen/licenses/${ids.revoked}/shares`, as.zhang!, {
      hours: 1,
    });
    expect(revoked.statusCode).toBe(409);
    expect(revoked.json().code).toBe('license_revoked_no_share');
    const expired = await call('POST', `/api/citizen/licenses/${ids.expired}/shares`, as.zhang!, {
      hours: 1,
    });
    expect(expired.json().code).toBe('license_expired_no_share');
  });

  it('refuses a link of a bad length, naming the field', async () => {
    const { call, as } = platform;
    const url = `/api/citizen/licenses/${ids.zhang}/shares`;
    for (const bad of [{ hours: 0 }, { hours: 169 }, { hours: 1.5 }, {}, { hours: '24' }]) {
      const res = await call('POST', url, as.zhang!, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['hours']);
    }
    const extra = await call('POST', url, as.zhang!, { hours: 1, holderName: '王五' });
    expect(extra.statusCode).toBe(400);
    const long = await call('POST', url, as.zhang!, { hours: 1, purpose: '用'.repeat(101) });
    expect(long.json().errors).toMatchObject([{ field: 'purpose', reason: 'too_long' }]);
  });

  it('limits how often one address opens links, as the public verification', async () => {
    // A new minute: the window of the limit starts again.
    offset += 2 * 60_000;
    const codes: number[] = [];
    for (let i = 0; i <= VERIFY_LIMIT; i++)
      codes.push((await open(`unknown${i}`.padEnd(43, 'x'))).statusCode);
    expect(codes.slice(0, VERIFY_LIMIT).every((c) => c === 404)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});
