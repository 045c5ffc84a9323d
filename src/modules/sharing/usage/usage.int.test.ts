import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../../test/databases.ts';
import { idNumberCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { PLACEHOLDER_KEY } from '../api/openapi.ts';
import { grantWithCredential } from '../api/share-test-fixture.ts';

const ZHANG = `43011219900101123${idNumberCheck('43011219900101123')}`;

describe.each(databaseKinds)('sharing usage and API docs on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  const ctx = systemCtx('test');
  const as: Record<string, { cookie: string }> = {};
  const dept: Record<string, number> = {};

  const get = async (who: string, url: string) => {
    const res = await p.app.inject({ method: 'GET', url, headers: { ...as[who], 'accept-language': 'en' } });
    return { status: res.statusCode, body: res.json() };
  };
  const share = (authorization: string, url: string) =>
    p.app.inject({ method: 'GET', url, headers: { authorization } });

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    as.admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    for (const code of ['MZJ', 'GAFJ', 'SJZX', 'JTYSJ'])
      dept[code] = (await p.modules.org.service.findDepartmentByCode(code))!.id;
    const users: [string, string, number | null][] = [
      ['mzj1', 'department_user', dept.MZJ!],
      ['gafj1', 'department_user', dept.GAFJ!],
      ['jtysj1', 'department_user', dept.JTYSJ!],
      ['leader1', 'leader', null],
      ['citizen1', 'citizen', null],
    ];
    for (const [username, role, departmentId] of users) {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: as.admin,
        payload: { username, displayName: username, departmentId, roles: [role], password: 'Passw0rd#2026' },
      });
      expect(res.statusCode, res.body).toBe(201);
      as[username] = await login(p.app, username, 'Passw0rd#2026');
    }
    const batch = await p.modules.ingest.service.ingestRecords(ctx, 'gafj_household', [
      { id_number: ZHANG, name: '张三', sex: '男', subdistrict: '高塘岭街道' },
    ]);
    await p.modules.ingest.service.idle();
    expect(batch.rejected).toBe(0);
    const household = (await p.modules.catalog.service.get(ctx, 'gafj_household')).id;
    const population = (await p.modules.catalog.service.get(ctx, 'population')).id;
    // 民政 calls 公安's household data (3 served, 1 refused) and the population registry (2 served).
    const mzj = await grantWithCredential(p.database, {
      resourceId: household,
      consumerDepartmentId: dept.MZJ!,
      items: ['id_number', 'name', 'sex'],
      rawItems: ['name'],
    });
    for (let i = 0; i < 3; i++)
      expect((await share(mzj.authorization, `/api/share/v1/gafj_household/${ZHANG}`)).statusCode).toBe(200);
    expect((await share(mzj.authorization, '/api/share/v1/gafj_household?phone=1')).statusCode).toBe(403);
    const pop = await grantWithCredential(p.database, {
      resourceId: population,
      consumerDepartmentId: dept.MZJ!,
      items: ['name'],
    });
    for (let i = 0; i < 2; i++)
      expect((await share(pop.authorization, `/api/share/v1/population/${ZHANG}`)).statusCode).toBe(200);
  });
  afterAll(() => p?.close());

  it('shows center staff every call, per day and resource', async () => {
    const res = await get('admin', '/api/sharing/usage/daily?days=7&by=resource');
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(7);
    expect(res.body.days.at(-1)).toBe(todayInShanghai());
    const byName = Object.fromEntries(res.body.series.map((s: any) => [s.name, s.calls.at(-1)]));
    expect(byName).toEqual({ 户籍人口登记信息: 4, 人口基础信息: 2 });
    const consumers = await get('admin', '/api/sharing/usage/daily?days=7&by=consumer');
    expect(consumers.body.series.map((s: any) => [s.id, s.calls.at(-1)])).toEqual([[dept.MZJ, 6]]);
  });

  it('shows a provider who uses its resources, and nothing of others', async () => {
    const top = await get('gafj1', '/api/sharing/usage/top-consumers?resource=gafj_household');
    expect(top.status).toBe(200);
    expect(top.body.items).toEqual([
      expect.objectContaining({
        departmentId: dept.MZJ,
        calls: 4,
        served: 3,
        rows: 3,
        systems: ['测试系统'],
      }),
    ]);
    // 公安 provides the household data only: the population calls are not its business.
    const outcomes = await get('gafj1', '/api/sharing/usage/outcomes');
    expect(outcomes.body).toEqual({
      total: 4,
      items: [
        { outcome: 'ok', calls: 3 },
        { outcome: 'item_not_granted', calls: 1 },
      ],
    });
    const elsewhere = await get('gafj1', '/api/sharing/usage/outcomes?resource=population');
    expect(elsewhere.body.total).toBe(0);
  });

  it('shows a consumer its own calls and a bystander none', async () => {
    expect((await get('mzj1', '/api/sharing/usage/outcomes')).body.total).toBe(6);
    expect((await get('jtysj1', '/api/sharing/usage/outcomes')).body.total).toBe(0);
    expect((await get('jtysj1', '/api/sharing/usage/calls')).body).toEqual({ items: [], total: 0 });
    expect((await get('jtysj1', '/api/sharing/usage/choices')).body).toMatchObject({
      scope: 'department',
      consumers: [],
    });
    expect((await get('leader1', '/api/sharing/usage/calls')).status).toBe(403);
  });

  it('lists recent calls with filters, keys masked', async () => {
    const res = await get('gafj1', '/api/sharing/usage/calls?pageSize=2');
    expect(res.body.total).toBe(4);
    expect(res.body.items).toHaveLength(2);
    const refused = await get('gafj1', '/api/sharing/usage/calls?outcome=item_not_granted');
    expect(refused.body.items).toEqual([
      expect.objectContaining({ resource: 'gafj_household', department: expect.any(String), status: 403 }),
    ]);
    const served = await get('admin', '/api/sharing/usage/calls?outcome=ok&resource=gafj_household');
    expect(served.body.total).toBe(3);
    for (const call of served.body.items) {
      expect(call.query.key).toBe(`430112********${ZHANG.slice(-4)}`);
      expect(JSON.stringify(call)).not.toContain(ZHANG);
    }
    const bad = await get('admin', '/api/sharing/usage/calls?resource=no_such');
    expect(bad.status).toBe(400);
  });

  it('documents a resource in OpenAPI with the caller grant’s masking and a copyable request', async () => {
    const doc = (await get('mzj1', '/api/sharing/resources/gafj_household/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\.0/);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/share/v1/gafj_household',
      '/api/share/v1/gafj_household/changes',
      '/api/share/v1/gafj_household/{key}',
    ]);
    const values = doc.components.schemas.Values.properties;
    expect(values.name).toMatchObject({ 'x-personal': true, 'x-masked': false, 'x-granted': true });
    expect(values.id_number).toMatchObject({ 'x-personal': true, 'x-masked': true });
    expect(values.phone).toMatchObject({ 'x-granted': false });
    // Sex is digit 17 of the ID number, which this grant serves masked: masked with it.
    expect(values.sex).toMatchObject({ 'x-personal': false, 'x-masked': true });
    expect(doc.components.securitySchemes.shareKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const get200 = doc.paths['/api/share/v1/gafj_household/{key}'].get;
    expect(Object.keys(get200.responses).sort()).toEqual(['200', '400', '401', '403', '404', '429', '503']);
    expect(get200.responses['403'].description).toContain('item_not_granted');
    expect(get200['x-codeSamples'][0].source).toContain(`Bearer ${PLACEHOLDER_KEY}`);
    // Filters are offered on granted items the grant serves raw or that are not personal, never on masked ones.
    const filters = doc.paths['/api/share/v1/gafj_household'].get.parameters.map(
      (q: { name: string }) => q.name,
    );
    expect(filters).toEqual(expect.arrayContaining(['name']));
    expect(filters).not.toContain('id_number');
    expect(filters).not.toContain('sex');
    expect(doc.paths['/api/share/v1/gafj_household'].get.responses['403'].description).toContain(
      'masked_filter',
    );
    // Without a grant every personal item is documented as masked.
    const other = (await get('jtysj1', '/api/sharing/resources/gafj_household/openapi.json')).body;
    expect(other.components.schemas.Values.properties.name['x-masked']).toBe(true);
    expect((await get('admin', '/api/sharing/resources/no_such/openapi.json')).status).toBe(404);
    // A leader reads it as the catalog lists the same items; a citizen, who sees no catalog, does not.
    expect((await get('leader1', '/api/sharing/resources/gafj_household/openapi.json')).status).toBe(200);
    expect((await get('citizen1', '/api/sharing/resources/gafj_household/openapi.json')).status).toBe(403);
  });

  it('counts refusals without a credential in the figures center staff see, and only there', async () => {
    const before = await get('admin', '/api/sharing/usage/outcomes?days=7');
    for (let i = 0; i < 3; i++)
      expect(
        (await p.app.inject({ method: 'GET', url: `/api/share/v1/population/${ZHANG}` })).statusCode,
      ).toBe(401);
    const after = await get('admin', '/api/sharing/usage/outcomes?days=7');
    expect(after.body.total).toBe(before.body.total + 3);
    const refused = after.body.items.find((r: { outcome: string }) => r.outcome === 'no_credential');
    expect(refused.calls).toBeGreaterThanOrEqual(3);
    const daily = await get('admin', '/api/sharing/usage/daily?days=7&by=resource');
    expect(daily.body.series.find((s: any) => s.id === null).calls.at(-1)).toBeGreaterThanOrEqual(3);
    const top = await get('admin', '/api/sharing/usage/top-consumers?days=7');
    expect(top.body.items.find((r: any) => r.departmentId === null).calls).toBeGreaterThanOrEqual(3);
    const consumer = await get('mzj1', '/api/sharing/usage/outcomes?days=7');
    expect(consumer.body.items.map((r: { outcome: string }) => r.outcome)).not.toContain('no_credential');
  });
});
