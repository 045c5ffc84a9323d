// A resident links the companies whose legal representative the legal-person registry says they are, and acts for
// them (x-acting-for) while the registry still says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { creditCodeCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';
import { citizenPlatform, company, residents } from '../citizen-test-kit.ts';

const code = (first17: string) => first17 + creditCodeCheck(first17);
/** A valid credit code the registry does not hold. */
const unknownCode = code('91430112MA4L99999');

describe.each(databaseKinds)('companies acted for on %s', (kind) => {
  let platform: Awaited<ReturnType<typeof citizenPlatform>>;
  beforeAll(async () => {
    platform = await citizenPlatform(kind);
  });
  afterAll(() => platform?.p.close());

  const acting = (who: { cookie: string }, creditCode: string) => ({ ...who, 'x-acting-for': creditCode });
  const profileAs = (headers: Record<string, string>) =>
    platform.p.app.inject({ method: 'GET', url: '/api/citizen/profile', headers });

  it('links a company the registry names the resident legal representative of, once', async () => {
    const { call, as } = platform;
    const linked = await call('POST', '/api/citizen/companies', as.zhang!, {
      creditCode: company.creditCode,
    });
    expect(linked.statusCode).toBe(201);
    expect(linked.json()).toMatchObject({
      creditCode: company.creditCode,
      name: company.name,
      status: '存续',
      represented: true,
    });
    // Lower case and full-width characters are the same code; linking again changes nothing.
    const again = await call('POST', '/api/citizen/companies', as.zhang!, {
      creditCode: company.creditCode.toLowerCase().replace('9', '９'),
    });
    expect(again.statusCode).toBe(200);
    const list = await call('GET', '/api/citizen/companies', as.zhang!);
    expect(list.json()).toEqual([
      expect.objectContaining({ creditCode: company.creditCode, represented: true }),
    ]);
    const audit = await call('GET', '/api/audit?action=citizen.company_link', as.admin!);
    expect(audit.json().total).toBe(1);
  });

  it('refuses any other company with one answer that tells nothing of it', async () => {
    const { call, as } = platform;
    const notLi = await call('POST', '/api/citizen/companies', as.li!, { creditCode: company.creditCode });
    const unknown = await call('POST', '/api/citizen/companies', as.li!, { creditCode: unknownCode });
    for (const res of [notLi, unknown]) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'not_legal_representative', params: {}, errors: [] });
    }
    expect(notLi.body).toBe(unknown.body);
    expect(notLi.body).not.toContain(company.name);
    expect((await call('GET', '/api/citizen/companies', as.li!)).json()).toEqual([]);
    const bad = await call('POST', '/api/citizen/companies', as.li!, { creditCode: '91430112MA4L00001X' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ field: 'creditCode', reason: 'credit_code_checksum' }),
    ]);
    // The refusals are audited.
    const denied = await call('GET', '/api/audit?action=access.denied&targetType=legal_person', as.admin!);
    expect(denied.json().total).toBeGreaterThanOrEqual(2);
  });

  it('acts for a linked company: "my information" is then the company’s entry', async () => {
    const { as } = platform;
    const res = await profileAs(acting(as.zhang!, company.creditCode));
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      kind: 'company',
      registry: 'legal_person',
      name: company.name,
      found: true,
    });
    const values = Object.fromEntries(
      view.items.map((i: { code: string; value: string }) => [i.code, i.value]),
    );
    // Unmasked, as it is the resident's own company.
    expect(values).toMatchObject({
      credit_code: company.creditCode,
      legal_rep_name: '张三',
      legal_rep_id_number: residents.zhang.idNumber,
      address: company.address,
    });
  });

  it('refuses acting for a company not linked, or not the resident’s', async () => {
    const { as, call } = platform;
    for (const [who, creditCode] of [
      [as.li!, company.creditCode],
      [as.zhang!, unknownCode],
      [as.zhang!, 'nonsense'],
    ] as const) {
      const res = await profileAs(acting(who, creditCode));
      expect(res.statusCode, creditCode).toBe(403);
      expect(res.json().code).toBe('not_your_company');
    }
    // The subject service itself, as other areas call it.
    const li = await platform.p.modules.accounts.users.getByUsername(systemCtx(), 'resident.li');
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
    await expect(platform.p.modules.citizen.subjects.resolve(ctx, company.creditCode)).rejects.toMatchObject({
      code: 'not_your_company',
    });
    await expect(platform.p.modules.citizen.subjects.resolve(ctx, null)).resolves.toMatchObject({
      kind: 'person',
      key: residents.li.idNumber,
      name: '李四',
    });
    expect(
      (await call('GET', '/api/audit?action=access.denied&targetType=legal_person', as.admin!)).json().total,
    ).toBeGreaterThanOrEqual(4);
  });

  it('ends acting for a company whose registry entry names another legal representative', async () => {
    const { p, as, call } = platform;
    // 市场监管 delivers a change of legal representative: 李四 now.
    await p.modules.ingest.service.ingestRecords(systemCtx('test'), 'scjgj_entities', [
      {
        统一社会信用代码: company.creditCode,
        主体名称: company.name,
        主体类型: '有限责任公司',
        法定代表人: residents.li.name,
        法定代表人身份证号: residents.li.idNumber,
        成立日期: '2015-03-18',
        '注册资本（万元）': '500',
        登记状态: '存续',
        住所: company.address,
      },
    ]);
    await p.modules.ingest.service.idle();
    const list = await call('GET', '/api/citizen/companies', as.zhang!);
    expect(list.json()).toEqual([
      expect.objectContaining({ creditCode: company.creditCode, represented: false }),
    ]);
    const refused = await profileAs(acting(as.zhang!, company.creditCode));
    expect(refused.json().code).toBe('not_your_company');
    // 李四 may link it now; 张三 unlinks it.
    expect(
      (await call('POST', '/api/citizen/companies', as.li!, { creditCode: company.creditCode })).statusCode,
    ).toBe(201);
    expect((await profileAs(acting(as.li!, company.creditCode))).json()).toMatchObject({ kind: 'company' });
    expect((await call('DELETE', `/api/citizen/companies/${company.creditCode}`, as.zhang!)).statusCode).toBe(
      204,
    );
    expect((await call('GET', '/api/citizen/companies', as.zhang!)).json()).toEqual([]);
    const twice = await call('DELETE', `/api/citizen/companies/${company.creditCode}`, as.zhang!);
    expect(twice.statusCode).toBe(404);
    // 李四's link is his own: 张三's unlinking left it.
    expect((await call('GET', '/api/citizen/companies', as.li!)).json()).toHaveLength(1);
  });

  it('is for residents only', async () => {
    const { as, call } = platform;
    for (const who of [as.admin!, as.steward!, as.scjgj!, as.leader!]) {
      expect((await call('GET', '/api/citizen/companies', who)).statusCode).toBe(403);
      expect(
        (await call('POST', '/api/citizen/companies', who, { creditCode: company.creditCode })).statusCode,
      ).toBe(403);
    }
    expect((await call('GET', '/api/citizen/companies', null)).statusCode).toBe(401);
    expect((await call('DELETE', `/api/citizen/companies/${company.creditCode}`, null)).statusCode).toBe(401);
  });
});
