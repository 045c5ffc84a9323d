// "My information": a resident sees what the registries hold about them (only them), with where each value came
// from, and files an objection that the source department answers in the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { citizenPlatform, company, residents } from '../citizen-test-kit.ts';

type Item = { code: string; label: string; value: string; provenance: Record<string, string | null> | null };

describe.each(databaseKinds)('my information on %s', (kind) => {
  let platform: Awaited<ReturnType<typeof citizenPlatform>>;
  beforeAll(async () => {
    platform = await citizenPlatform(kind);
  });
  afterAll(() => platform?.p.close());

  const itemsOf = (body: { items: Item[] }) => Object.fromEntries(body.items.map((i) => [i.code, i]));

  it('shows the resident their own population entry, unmasked, with its source in plain words', async () => {
    const { call, as } = platform;
    const res = await call('GET', '/api/citizen/profile', as.zhang!);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ kind: 'person', registry: 'population', name: '张三', found: true });
    const items = itemsOf(body);
    expect(items.name).toMatchObject({ label: '姓名', value: '张三' });
    expect(items.id_number).toMatchObject({ label: '公民身份号码', value: residents.zhang.idNumber });
    expect(items.phone).toMatchObject({ label: '联系电话', value: residents.zhang.phone });
    expect(items.address).toMatchObject({ label: '住址', value: residents.zhang.address });
    expect(items.address!.provenance).toEqual({
      department: '公安分局',
      resource: '户籍人口登记信息',
      observedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // The read is audited as the resident's own.
    const audit = await call('GET', '/api/audit?action=citizen.profile_read', as.admin!);
    expect(audit.json().items[0]).toMatchObject({
      actorName: 'resident.zhang',
      targetType: 'population',
      detail: { part: 'entry' },
    });
  });

  it('shows nobody else’s: no parameter names whose entry, and staff are refused', async () => {
    const { call, as } = platform;
    // A query naming another person changes nothing.
    const li = await call(
      'GET',
      `/api/citizen/profile?idNumber=${residents.zhang.idNumber}&key=${residents.zhang.idNumber}`,
      as.li!,
    );
    expect(li.json()).toMatchObject({ name: '李四' });
    expect(li.body).not.toContain(residents.zhang.idNumber);
    for (const who of [as.admin!, as.steward!, as.gafj!, as.leader!, as.operator!]) {
      expect((await call('GET', '/api/citizen/profile', who)).statusCode).toBe(403);
      expect((await call('GET', '/api/citizen/profile/objections', who)).statusCode).toBe(403);
    }
    expect((await call('GET', '/api/citizen/profile', null)).statusCode).toBe(401);
    expect(
      (await call('POST', '/api/citizen/profile/objections', null, { item: 'address', reason: 'x' }))
        .statusCode,
    ).toBe(401);
    // A citizen account without an ID number has no entry to show.
    const created = await call('POST', '/api/users', as.admin!, {
      username: 'resident.noid',
      displayName: '无证号',
      departmentId: null,
      roles: ['citizen'],
      password: 'Citizen#2026x',
    });
    expect(created.statusCode).toBe(201);
    const login = await platform.p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'resident.noid', password: 'Citizen#2026x' },
    });
    const noid = {
      cookie: `onecity_session=${login.cookies.find((c) => c.name === 'onecity_session')!.value}`,
    };
    const refused = await call('GET', '/api/citizen/profile', noid);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('account_without_id_number');
  });

  it('files an objection to the source department, which answers it in the console', async () => {
    const { call, as } = platform;
    const raised = await call('POST', '/api/citizen/profile/objections', as.zhang!, {
      item: 'address',
      proposedValue: '望城区高塘岭街道郭亮中路2号',
      reason: '已于今年搬家',
    });
    expect(raised.statusCode).toBe(201);
    expect(raised.json()).toMatchObject({
      item: 'address',
      label: '住址',
      currentValue: residents.zhang.address,
      proposedValue: '望城区高塘岭街道郭亮中路2号',
      status: 'open',
      department: '公安分局',
      answer: null,
    });
    const id = raised.json().id as number;
    // 公安分局 sees it among those sent to it, raised by the resident.
    const assigned = await call('GET', '/api/registry/objections?scope=assigned', as.gafj!);
    const seen = assigned.json().items.find((o: { id: number }) => o.id === id);
    expect(seen).toMatchObject({
      raisedByResident: true,
      raisedByDepartmentId: null,
      raisedBy: 'resident.zhang',
    });
    // Another department is no party to it; the resident is not a console user.
    expect((await call('GET', `/api/registry/objections/${id}`, as.cgj!)).statusCode).toBe(403);
    expect((await call('GET', `/api/registry/objections/${id}`, as.zhang!)).statusCode).toBe(403);
    expect(
      (
        await call('POST', '/api/registry/objections', as.zhang!, {
          registry: 'population',
          key: residents.li.idNumber,
          item: 'address',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const accepted = await call('POST', `/api/registry/objections/${id}/accept`, as.gafj!, {
      answer: '已核实，下次报送时更正',
    });
    expect(accepted.statusCode).toBe(200);
    const mine = await call('GET', '/api/citizen/profile/objections', as.zhang!);
    expect(mine.json()).toEqual([
      expect.objectContaining({
        id,
        status: 'accepted',
        answer: '已核实，下次报送时更正',
        department: '公安分局',
      }),
    ]);
    expect(mine.json()[0].answeredAt).not.toBeNull();
    // 李四 sees none of 张三's.
    expect((await call('GET', '/api/citizen/profile/objections', as.li!)).json()).toEqual([]);
    const unknown = await call('POST', '/api/citizen/profile/objections', as.zhang!, {
      item: 'salary',
      reason: '不对',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'item' })]);
  });

  it('files a company’s objection on its legal-person entry, to 市场监管', async () => {
    const { call, as, p } = platform;
    expect(
      (await call('POST', '/api/citizen/companies', as.zhang!, { creditCode: company.creditCode }))
        .statusCode,
    ).toBe(201);
    const headers = { ...as.zhang!, 'x-acting-for': company.creditCode };
    const raised = await p.app.inject({
      method: 'POST',
      url: '/api/citizen/profile/objections',
      headers,
      payload: { item: 'address', proposedValue: '望城区铜官街道书堂山路19号', reason: '门牌号有误' },
    });
    expect(raised.statusCode).toBe(201);
    expect(raised.json()).toMatchObject({ label: '住所', department: '市场监管局', status: 'open' });
    const companyList = await p.app.inject({
      method: 'GET',
      url: '/api/citizen/profile/objections',
      headers,
    });
    expect(companyList.json()).toEqual([expect.objectContaining({ id: raised.json().id })]);
    // The person's own list is the person's entry's.
    const own = await call('GET', '/api/citizen/profile/objections', as.zhang!);
    expect(own.json().map((o: { id: number }) => o.id)).not.toContain(raised.json().id);
    const assigned = await call('GET', '/api/registry/objections?scope=assigned', as.scjgj!);
    expect(assigned.json().items).toEqual([
      expect.objectContaining({ id: raised.json().id, raisedByResident: true }),
    ]);
  });

  it('lets a resident object only to their own entries, even through the service', async () => {
    const { p } = platform;
    const li = await p.modules.accounts.users.getByUsername(systemCtx(), 'resident.li');
    const ctx = {
      actor: {
        userId: li.id,
        username: li.username,
        displayName: li.displayName,
        departmentId: null,
        roles: li.roles,
        via: 'session' as const,
      },
      ip: null,
      requestId: null,
    };
    for (const [registry, key] of [
      ['population', residents.zhang.idNumber],
      ['legal_person', company.creditCode],
    ] as const)
      await expect(
        p.modules.registry.objections.raise(ctx, { registry, key, item: 'name', reason: '不对' }),
      ).rejects.toMatchObject({ status: 403, code: 'not_own_entity' });
    await expect(
      p.modules.registry.objections.raise(ctx, {
        registry: 'population',
        key: residents.li.idNumber,
        item: 'name',
        reason: '不对',
      }),
    ).resolves.toMatchObject({ raisedByResident: true, status: 'open' });
  });
});
