import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';

const schoolBus = (providerDepartmentId: number) => ({
  name: '校车备案信息',
  classification: 'department',
  classCode: '301020',
  providerDepartmentId,
  summary: '校车及驾驶员备案',
  format: 'spreadsheet',
  items: [
    { code: 'plate', name: '车牌号', type: 'string', required: true },
    { code: 'driver_id_number', name: '驾驶员身份证号', type: 'id_number', personal: true },
  ],
  keyItems: ['plate'],
  shareType: 'conditional',
  shareCondition: '教育、交通部门监管使用',
  openType: 'closed',
  updateCycle: 'monthly',
});

describe.each(databaseKinds)('resource catalog on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  let gafjUser: { cookie: string };
  const dept = (code: string) => p.modules.org.service.findDepartmentByCode(code).then((d) => d!.id);
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: 'gafj1',
        displayName: '公安专员',
        departmentId: await dept('GAFJ'),
        roles: ['department_user'],
        password: 'Gafj#2026x',
      },
    });
    gafjUser = await login(p.app, 'gafj1', 'Gafj#2026x');
  });
  afterAll(() => p?.close());

  const call = (method: string, url: string, payload?: unknown, headers = admin) =>
    p.app.inject({ method: method as 'GET', url, headers, payload: payload as object });
  const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((r) => r.name);
  const inEnglish = () => ({ ...admin, 'accept-language': 'en' }) as typeof admin;

  it('has the base registries and departmental resources of the demo district', async () => {
    const population = (await call('GET', '/api/catalog/resources/population')).json();
    expect(population).toMatchObject({
      code: '101001/000001',
      classification: 'base',
      keyItems: ['id_number'],
      providerDepartmentName: '数据资源中心',
    });
    expect(population.items.find((i: { code: string }) => i.code === 'id_number')).toMatchObject({
      type: 'id_number',
      personal: true,
    });
    for (const alias of ['legal_person', 'license', 'component', 'gafj_household', 'mzj_marriage']) {
      expect((await call('GET', `/api/catalog/resources/${alias}`)).statusCode, alias).toBe(200);
    }
    const byCode = await call('GET', `/api/catalog/resources/${encodeURIComponent('101001/000001')}`);
    expect(byCode.json().alias).toBe('population');
  });

  it('finds resources by Chinese substring, pinyin initials, full pinyin and item names', async () => {
    expect(names(await call('GET', '/api/catalog/resources?q=人口'))).toContain('人口基础信息');
    expect(names(await call('GET', '/api/catalog/resources?q=rkjc'))).toContain('人口基础信息');
    expect(names(await call('GET', '/api/catalog/resources?q=RenKou'))).toContain('人口基础信息');
    expect(names(await call('GET', '/api/catalog/resources?q=身份证号'))).toEqual(
      expect.arrayContaining(['人口基础信息', '户籍人口登记信息']),
    );
    expect((await call('GET', '/api/catalog/resources?q=不存在的资源')).json().total).toBe(0);
    const base = (await call('GET', '/api/catalog/resources?classification=base&sort=code')).json();
    expect(base.items.map((r: { alias: string }) => r.alias)).toEqual([
      'population',
      'legal_person',
      'component',
      'license',
    ]);
  });

  it('names the classification tree in the caller’s language, counting resources at or under each code', async () => {
    const classes = (await call('GET', '/api/catalog/classes')).json();
    expect(classes).toEqual(
      expect.arrayContaining([
        { classCode: '1', name: '基础信息资源', count: 4 },
        { classCode: '101', name: '人口基础信息', count: 1 },
        { classCode: '101001', name: '实有人口', count: 1 },
        { classCode: '104', name: '电子证照基础信息', count: 1 },
        { classCode: '301', name: '区政务部门', count: 5 },
      ]),
    );
    const codes = classes.map((c: { classCode: string }) => c.classCode);
    expect(codes).toEqual([...codes].sort());
    const en = (await call('GET', '/api/catalog/classes', undefined, inEnglish())).json();
    expect(en).toEqual(expect.arrayContaining([{ classCode: '101', name: 'Population', count: 1 }]));
  });

  it('refuses resources that break the catalog rules, naming each field', async () => {
    const noCondition = await call('POST', '/api/catalog/resources', {
      ...schoolBus(await dept('JYJ')),
      shareCondition: null,
    });
    expect(noCondition.statusCode).toBe(400);
    expect(noCondition.json().errors.map((e: { field: string }) => e.field)).toEqual(['shareCondition']);
    const openPersonal = await call('POST', '/api/catalog/resources', {
      ...schoolBus(await dept('JYJ')),
      openType: 'open',
    });
    expect(openPersonal.json().errors).toEqual([
      expect.objectContaining({ field: 'items.1.personal', reason: 'open_with_personal_item' }),
    ]);
    const badKey = await call('POST', '/api/catalog/resources', {
      ...schoolBus(await dept('JYJ')),
      keyItems: ['vin'],
      classCode: '101020',
    });
    expect(
      badKey
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['classCode', 'keyItems.0']);
    const notShared = await call('POST', '/api/catalog/resources', {
      ...schoolBus(await dept('JYJ')),
      shareType: 'none',
    });
    expect(notShared.json().errors.map((e: { field: string }) => e.field)).toEqual(['shareBasis']);
  });

  it('lets a department register and edit only its own resources', async () => {
    const other = await call('POST', '/api/catalog/resources', schoolBus(await dept('JYJ')), gafjUser);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('not_your_resource');
    const own = await call(
      'POST',
      '/api/catalog/resources',
      { ...schoolBus(await dept('GAFJ')), name: '校车驾驶员备案' },
      gafjUser,
    );
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ code: '301020/000001', canEdit: true });
    // The API says what the caller may edit, so the console need not repeat the rule.
    const asGafj = (code: string) =>
      call('GET', `/api/catalog/resources/${encodeURIComponent(code)}`, undefined, gafjUser);
    expect((await asGafj('301020/000001')).json().canEdit).toBe(true);
    expect((await asGafj('population')).json().canEdit).toBe(false);
    expect((await call('GET', '/api/catalog/resources/population')).json().canEdit).toBe(true);
    const listed = (await call('GET', '/api/catalog/resources?q=校车', undefined, gafjUser)).json().items;
    expect(listed).toEqual([expect.objectContaining({ name: '校车驾驶员备案', canEdit: true })]);
    // A class code the catalog has no name for is listed by its digits.
    expect((await call('GET', '/api/catalog/classes')).json()).toEqual(
      expect.arrayContaining([{ classCode: '301020', name: null, count: 1 }]),
    );
    const population = (await call('GET', '/api/catalog/resources/population')).json();
    const edit = await call(
      'PUT',
      '/api/catalog/resources/population',
      { ...population, summary: 'x' },
      gafjUser,
    );
    expect(edit.statusCode).toBe(400); // output-only fields are refused before anything else
  });

  it('keeps every version and shows what changed', async () => {
    const created = (await call('POST', '/api/catalog/resources', schoolBus(await dept('JYJ')))).json();
    const path = `/api/catalog/resources/${encodeURIComponent(created.code)}`;
    const {
      code: _c,
      id: _i,
      providerDepartmentName: _p,
      version: _v,
      createdAt: _ca,
      updatedAt: _u,
      canEdit: _e,
      ...fields
    } = created;
    const edited = await call('PUT', path, {
      ...fields,
      updateCycle: 'weekly',
      items: [...fields.items, { code: 'seats', name: '座位数', type: 'integer' }],
      expectedVersion: 1,
      changeNote: '增加座位数',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().version).toBe(2);
    const stale = await call('PUT', path, { ...fields, summary: '另一处修改', expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    const versions = (await call('GET', `${path}/versions`)).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ changedBy: 'admin', changeNote: '增加座位数' });
    // The catalog's own note on version 1 is shown in the caller's language.
    expect(versions[1].changeNote).toBe('登记');
    const en = (await call('GET', `${path}/versions`, undefined, inEnglish())).json();
    expect(en[1].changeNote).toBe('Registered');
    const diff = (await call('GET', `${path}/diff?from=1&to=2`)).json();
    expect(diff.changes).toEqual([
      { path: 'items[seats].code', to: 'seats' },
      { path: 'items[seats].name', to: '座位数' },
      { path: 'items[seats].personal', to: false },
      { path: 'items[seats].required', to: false },
      { path: 'items[seats].type', to: 'integer' },
      { path: 'updateCycle', from: 'monthly', to: 'weekly' },
    ]);
  });
});
