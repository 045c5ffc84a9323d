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

  it('holds items of a personal kind personal whatever their flag says', async () => {
    const created = await call('POST', '/api/catalog/resources', {
      ...schoolBus(await dept('JYJ')),
      name: '校车联系人',
      items: [
        { code: 'plate', name: '车牌号', type: 'string', required: true },
        { code: 'driver_id', name: '驾驶员身份证号', type: 'id_number', personal: false },
        { code: 'driver_phone', name: '驾驶员电话', type: 'phone', personal: false },
        { code: 'driver_name', name: '驾驶员姓名', type: 'string', personal: false },
        { code: 'home', name: '驾驶员住址', type: 'string', personal: false },
        // A school's name and address are no one's personal data.
        { code: 'name', name: '学校名称', type: 'string', personal: false },
        { code: 'address', name: '学校地址', type: 'string', personal: false },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().items.map((i: { personal: boolean }) => i.personal)).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    // The reproduction: every flag false and open. The ID number, phone, name and address stay personal.
    const path = `/api/catalog/resources/${encodeURIComponent(created.json().code)}`;
    const {
      code: _c,
      id: _i,
      providerDepartmentName: _p,
      version: _v,
      createdAt: _ca,
      updatedAt: _u,
      canEdit: _e,
      ...fields
    } = created.json();
    const opened = await call('PUT', path, {
      ...fields,
      openType: 'open',
      items: fields.items.map((i: object) => ({ ...i, personal: false })),
    });
    expect(opened.statusCode).toBe(400);
    expect(
      opened.json().errors.map((e: { field: string; reason: string }) => `${e.field} ${e.reason}`),
    ).toEqual([
      'items.1.personal open_with_personal_item',
      'items.2.personal open_with_personal_item',
      'items.3.personal open_with_personal_item',
      'items.4.personal open_with_personal_item',
    ]);
  });

  it('leaves opening a resource and unmarking a personal item to the center', async () => {
    const bus = {
      ...schoolBus(await dept('GAFJ')),
      name: '校车车辆',
      items: [
        { code: 'plate', name: '车牌号', type: 'string', required: true, personal: true },
        { code: 'seats', name: '座位数', type: 'integer' },
      ],
    };
    const unflagged = bus.items.map((i) => ({ ...i, personal: false }));
    // A department may not register a resource open either, even one without personal items.
    const openNew = await call(
      'POST',
      '/api/catalog/resources',
      { ...bus, items: unflagged, openType: 'open' },
      gafjUser,
    );
    expect(openNew.statusCode).toBe(403);
    expect(openNew.json()).toMatchObject({
      code: 'needs_center_review',
      errors: [{ field: 'openType', reason: 'opening_needs_review', params: { from: 'closed', to: 'open' } }],
    });
    const created = await call('POST', '/api/catalog/resources', bus, gafjUser);
    expect(created.statusCode, created.body).toBe(201);
    const path = `/api/catalog/resources/${encodeURIComponent(created.json().code)}`;
    const put = (body: object, headers = gafjUser) => call('PUT', path, { ...bus, ...body }, headers);
    // The reproduction: every item not personal and the resource open, by the department alone.
    const publish = await put({ items: unflagged, openType: 'open' });
    expect(publish.statusCode).toBe(403);
    expect(publish.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'openType',
      'items.0.personal',
    ]);
    const conditional = await put({ items: unflagged, openType: 'conditional', openCondition: '实名注册' });
    expect(conditional.statusCode).toBe(403);
    expect(conditional.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'openType',
          reason: 'opening_needs_review',
          params: { from: 'closed', to: 'conditional' },
        }),
      ]),
    );
    // Renaming the item's code does not take its flag off either.
    const renamed = await put({
      items: [{ ...unflagged[0], code: 'plate_no' }, bus.items[1]],
      keyItems: ['plate_no'],
    });
    expect(renamed.statusCode).toBe(403);
    expect(renamed.json().errors).toEqual([
      expect.objectContaining({
        field: 'items.0.personal',
        reason: 'unflag_needs_review',
        params: { code: 'plate_no' },
      }),
    ]);
    const en = await put({ items: unflagged }, { ...gafjUser, 'accept-language': 'en' } as typeof gafjUser);
    expect(en.json().errors[0].message).toBe(
      'marking item plate as not personal needs the data resource center’s review',
    );
    expect(en.json().detail).toMatch(/data resource center must review/);
    expect((await call('GET', path)).json().version).toBe(1);
    // The center may do both; the department may then narrow what is open on its own.
    const reviewed = await put({ items: unflagged, openType: 'open' }, admin);
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({
      openType: 'open',
      items: [{ personal: false }, { personal: false }],
    });
    const closed = await put({ items: unflagged, openType: 'closed' });
    expect(closed.statusCode, closed.body).toBe(200);
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
