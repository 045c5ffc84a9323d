// The demo's resident: picked the same way from the registries, made once with a password printed once, linked to
// their company, and able to sign in to the citizen app with their ID number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/databases.ts';
import { creditCodeCheck } from '../core/cn-codes.ts';
import { systemCtx } from '../core/context.ts';
import { citizenPlatform, residents } from '../modules/citizen/citizen-test-kit.ts';
import { describeDemoResident, seedDemoResident } from './demo-resident.ts';

const code = (first17: string) => first17 + creditCodeCheck(first17);
const entity = (
  creditCode: string,
  name: string,
  rep: { name: string; idNumber: string },
  status = '存续',
) => ({
  统一社会信用代码: creditCode,
  主体名称: name,
  主体类型: '有限责任公司',
  法定代表人: rep.name,
  法定代表人身份证号: rep.idNumber,
  成立日期: '2018-05-20',
  '注册资本（万元）': '100',
  登记状态: status,
  住所: '望城区白沙洲街道马桥河路6号',
});

describe.each(databaseKinds)('the demo resident on %s', (kind) => {
  let platform: Awaited<ReturnType<typeof citizenPlatform>>;
  const wangCompany = code('91430112MA4K00001');
  beforeAll(async () => {
    platform = await citizenPlatform(kind);
    // Before the kit's company (by credit code): one struck off, one whose representative's name is not the
    // population registry's, then 王五's.
    await platform.p.modules.ingest.service.ingestRecords(systemCtx('test'), 'scjgj_entities', [
      entity(code('91430112MA4A00001'), '望城已注销商贸有限公司', residents.li, '注销'),
      entity(code('91430112MA4B00001'), '望城同名不同人科技有限公司', { ...residents.li, name: '李斯' }),
      entity(wangCompany, '长沙望城五金有限公司', residents.wang),
    ]);
    await platform.p.modules.ingest.service.idle();
  });
  afterAll(() => platform?.p.close());

  it('makes the first fitting legal representative a resident once, with a password shown once', async () => {
    const { p, call } = platform;
    const made = await seedDemoResident(p.modules);
    expect(made).toMatchObject({
      idNumber: residents.wang.idNumber,
      name: '王五',
      phone: residents.wang.phone,
      company: { creditCode: wangCompany, name: '长沙望城五金有限公司' },
      username: expect.stringMatching(/^c[a-z0-9]{10}$/),
      password: expect.any(String),
    });
    const line = describeDemoResident(made);
    expect(line).toContain(residents.wang.idNumber);
    expect(line).toContain(made!.password!);
    // The tester signs in to the app with the ID number and the printed password.
    const login = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: residents.wang.idNumber, password: made!.password },
    });
    expect(login.json()).toMatchObject({
      displayName: '王五',
      roles: ['citizen'],
      mustChangePassword: false,
    });
    const session = {
      cookie: `onecity_session=${login.cookies.find((c) => c.name === 'onecity_session')!.value}`,
    };
    expect((await call('GET', '/api/citizen/companies', session)).json()).toEqual([
      expect.objectContaining({ creditCode: wangCompany, represented: true }),
    ]);
    // Loading the demo again makes no second account and prints no password.
    const again = await seedDemoResident(p.modules);
    expect(again).toMatchObject({ idNumber: residents.wang.idNumber, password: null, username: null });
    expect(describeDemoResident(again)).toMatch(/exists already/);
  });
});
