import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/databases.ts';
import { systemCtx } from '../core/context.ts';
import { demoResources } from '../modules/catalog/index.ts';
import { sharingPlatform } from '../modules/sharing/applications/application-test-kit.ts';
import type { Application, ApplicationDetail } from '../modules/sharing/contract.ts';
import { generateDemo } from './generate.ts';
import { loadDemo } from './load-demo.ts';
import { describeSeededSharing, seedSharingDemo } from './sharing-demo.ts';
import { demoSharingApplications } from './sharing-demo-plan.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-sharing-demo-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// What each plan entry must have become, in plan order.
const expectedStatuses = [
  'approved',
  'approved',
  'approved',
  'approved',
  'pending_provider',
  'pending_center',
  'rejected',
  'withdrawn',
];

describe.each(databaseKinds)('sharing in the demo district on %s', (kind) => {
  let k: Awaited<ReturnType<typeof sharingPlatform>>;
  const lines: { line: string }[] = [];
  let all: Application[];
  beforeAll(async () => {
    // Department users exist before the demo loads, as on a district that signed its staff in first.
    k = await sharingPlatform(kind, { 'gafj.user': 'GAFJ', 'wjj.user': 'WJJ', 'jyj.user': 'JYJ' });
    const generated = await generateDemo({
      dir: path.join(tmp, kind),
      sizes: { people: 600, companies: 80, components: 50, licenses: 20 },
    });
    await loadDemo(k.p.modules, generated, {
      onProgress: (line) => lines.push({ line }),
    });
    const res = await k.call(
      'GET',
      '/api/sharing/applications?scope=all&sort=oldest&pageSize=50',
      k.as.admin!,
    );
    expect(res.statusCode, res.body).toBe(200);
    all = res.json().items;
  }, 120_000);
  afterAll(async () => {
    await k?.p.close();
  });

  const detail = async (id: number, who = k.as.admin!) => {
    const res = await k.call('GET', `/api/sharing/applications/${id}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ApplicationDetail;
  };
  const byPlan = (i: number) => all[i]!;

  it('makes the planned applications, in every state, through loadDemo', async () => {
    expect(all.map((a) => a.resourceAlias)).toEqual(demoSharingApplications.map((p) => p.resource));
    expect(all.map((a) => a.status)).toEqual(expectedStatuses);
    const directory = await k.p.modules.org.service.departmentDirectory();
    all.forEach((a, i) => {
      const plan = demoSharingApplications[i]!;
      expect(directory.byId.get(a.applicantDepartmentId)?.code).toBe(plan.applicant);
      expect(a).toMatchObject({ purpose: plan.purpose, legalBasis: plan.legalBasis, items: plan.items });
      expect(a.periodTo > a.periodFrom).toBe(true);
    });
    const done = lines.findIndex((l) => l.line.startsWith('added 8 sharing applications'));
    expect(done, lines.map((l) => l.line).join('\n')).toBeGreaterThan(0);
    expect(lines[done]!.line).toMatch(/with 4 grants$/);
    // Seeded right after the licenses are issued (timing is the benches' business, not the tests').
    expect(lines[done - 1]!.line).toMatch(/e-licenses/);
  });

  it('narrows the items at the provider stage with a reason, and grants them within one subdistrict', async () => {
    const wjj = await detail(byPlan(0).id, k.as['wjj.user']);
    const provider = wjj.decisions.find((d) => d.stage === 'provider')!;
    expect(provider).toMatchObject({ decision: 'approved', reason: expect.stringMatching(/最小必要/) });
    expect(provider.items).not.toContain('marital_status');
    expect(provider.items!.length).toBeLessThan(wjj.items.length);
    expect(wjj.decisions.map((d) => d.stage)).toEqual(['provider', 'center']);
    expect(wjj.grant).toMatchObject({
      items: provider.items,
      rawItems: [],
      rowFilter: { subdistrict: '高塘岭街道' },
      status: 'active',
      dailyQuota: Math.max(demoSharingApplications[0]!.expectedDailyCalls * 2, 1000),
    });
  });

  it('grants the plate unmasked to the police, and 无条件共享 at once without raw items', async () => {
    const police = await detail(byPlan(1).id);
    expect(police.grant).toMatchObject({ rawItems: ['plate'], status: 'active' });
    for (const i of [2, 3]) {
      const auto = await detail(byPlan(i).id);
      expect(auto.shareType).toBe('unconditional');
      expect(auto.decisions.map((d) => d.stage)).toEqual(['auto']);
      expect(auto.grant).toMatchObject({ rawItems: [], status: 'active' });
    }
    const rejected = await detail(byPlan(6).id);
    expect(rejected.grant).toBeNull();
    expect(rejected.decisions).toEqual([
      expect.objectContaining({
        stage: 'provider',
        decision: 'rejected',
        reason: expect.stringMatching(/协查/),
      }),
    ]);
    const withdrawn = await detail(byPlan(7).id);
    expect(withdrawn.decisions).toEqual([
      expect.objectContaining({ stage: 'applicant', decision: 'withdrawn', reason: expect.any(String) }),
    ]);
    const centerWaits = await detail(byPlan(5).id);
    expect(centerWaits.decisions.map((d) => [d.stage, d.decision])).toEqual([['provider', 'approved']]);
  });

  it('creates no credential: only the consumer ever knows a secret', async () => {
    const [{ n }] = await k.p.database.query<{ n: number }>(
      'select count(*)::int as n from sharing.credentials',
    );
    expect(n).toBe(0);
    const grants = await k.call('GET', '/api/sharing/grants?scope=all', k.as.admin!);
    expect(grants.json().total).toBe(4);
    for (const g of grants.json().items) {
      const res = await k.call('GET', `/api/sharing/grants/${g.id}/credentials`, k.as.admin!);
      expect(res.json().items).toEqual([]);
    }
    const anonymous = await k.p.app.inject({ method: 'GET', url: '/api/share/v1/population?pageSize=5' });
    expect(anonymous.statusCode).toBe(401);
  });

  it("serves the consumer's own credential only the granted subdistrict, masked", async () => {
    const grantId = (await detail(byPlan(0).id)).grant!.id;
    // Another department may not take the credential of 卫健局's grant.
    const stranger = await k.call('POST', `/api/sharing/grants/${grantId}/credentials`, k.as['jyj.user']!);
    expect(stranger.statusCode).toBe(403);
    const made = await k.call('POST', `/api/sharing/grants/${grantId}/credentials`, k.as['wjj.user']!);
    expect(made.statusCode, made.body).toBe(201);
    const authorization = `Bearer ${made.json().token}`;
    const get = (url: string) => k.p.app.inject({ method: 'GET', url, headers: { authorization } });
    const page = await get('/api/share/v1/population?pageSize=500');
    expect(page.statusCode, page.body).toBe(200);
    const { items, total } = page.json();
    const everyone = (await k.p.modules.registry.service.stats()).population;
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(everyone);
    for (const row of items) {
      expect(row.values.subdistrict).toBe('高塘岭街道');
      expect(row.values.name).toMatch(/\*/);
      expect(row.values).not.toHaveProperty('marital_status');
    }
    const outside = await get(`/api/share/v1/population?subdistrict=${encodeURIComponent('月亮岛街道')}`);
    expect(outside.json().total).toBe(0);
    const narrowed = await get('/api/share/v1/population?items=marital_status');
    expect(narrowed.statusCode).toBe(403);
    expect(narrowed.json().code).toBe('item_not_granted');
  });

  it('tells each stage’s approvers what waits for them, and no one else', async () => {
    const inbox = async (who: string) =>
      (await k.call('GET', '/api/sharing/applications?scope=inbox', k.as[who]!)).json()
        .items as Application[];
    expect((await inbox('gafj.user')).map((a) => a.id)).toEqual([byPlan(4).id]);
    expect((await inbox('admin')).map((a) => a.id)).toContain(byPlan(5).id);
    expect(await inbox('jyj.user')).toEqual([]);
    // 公安分局 was told of both applications for its resource; the one it has rejected since is not in its inbox.
    const told = await k.call('GET', '/api/sharing/notifications', k.as['gafj.user']!);
    expect(told.json().items).toEqual(
      [byPlan(6), byPlan(4)].map((a) =>
        expect.objectContaining({ kind: 'application_waiting', applicationId: a.id, read: false }),
      ),
    );
    const admin = await k.call('GET', '/api/sharing/notifications', k.as.admin!);
    expect(admin.json().items.map((n: { applicationId: number }) => n.applicationId)).toContain(byPlan(5).id);
    // 教育局 sees its own withdrawn application but not 卫健局's.
    expect(
      (await k.call('GET', `/api/sharing/applications/${byPlan(7).id}`, k.as['jyj.user']!)).statusCode,
    ).toBe(200);
    expect(
      (await k.call('GET', `/api/sharing/applications/${byPlan(0).id}`, k.as['jyj.user']!)).statusCode,
    ).toBe(403);
  });

  it('adds nothing when applications exist, and skips entries whose resource was changed', async () => {
    const ctx = systemCtx('test');
    expect(await seedSharingDemo(k.p.modules)).toBeNull();
    expect(describeSeededSharing(null)).toMatch(/none added/);
    const [{ n }] = await k.p.database.query<{ n: number }>(
      'select count(*)::int as n from sharing.applications',
    );
    expect(n).toBe(8);

    // An installation where the center made 人口基础信息 无条件共享 and no application exists yet.
    for (const table of ['notifications', 'grants', 'decisions', 'applications'])
      await k.p.database.query(`delete from sharing.${table}`);
    const { provider: _, ...population } = demoResources.find((r) => r.alias === 'population')!;
    const { providerDepartmentId } = await k.p.modules.catalog.service.get(ctx, 'population');
    await k.p.modules.catalog.service.update(ctx, 'population', {
      ...population,
      providerDepartmentId,
      shareType: 'unconditional',
    });
    const seeded = (await seedSharingDemo(k.p.modules))!;
    expect(seeded.skipped).toEqual(['population: share type changed', 'population: share type changed']);
    expect(seeded.applications).toBe(6);
    expect(seeded.byStatus).toEqual({ approved: 3, pending_provider: 1, pending_center: 1, rejected: 1 });
    expect(seeded.grants).toBe(3);
    expect(describeSeededSharing(seeded)).toMatch(/skipped population: share type changed/);
  });
});
