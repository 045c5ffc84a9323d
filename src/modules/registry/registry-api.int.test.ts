import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { creditCodeCheck, idNumberCheck } from '../../core/cn-codes.ts';
import { systemCtx } from '../../core/context.ts';
import { queryRows } from '../../core/db.ts';

const id = (first17: string) => first17 + idNumberCheck(first17);
const credit = (first17: string) => first17 + creditCodeCheck(first17);
const ZHANG = id('43011219900101123'); // 张三, born in Wangcheng District
const WANG = id('43012219800505224'); // 王芳, born when Wangcheng was still 望城县 (430122)
const LI = id('43011219350301222'); // 李四, over 85
const ZHAO = id('43011220100615123'); // 赵六, no birth date delivered: the ID number's counts
const COMPANY = credit('91430112MA4L0RH7X');
const OFFICE = credit('11430112000000001');
const LICENSE = `1.2.156.3005.2.11100000000013338W011.${COMPANY}.001.1`;

/** Full years on today's date in Changsha, worked out here independently of the service. */
function ageToday(birth: string) {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number, number];
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
const bandOf = (age: number) => (age >= 85 ? '85+' : `${age - (age % 5)}-${age - (age % 5) + 4}`);

describe.each(databaseKinds)('registry API on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  const ctx = systemCtx('test');
  const as: Record<string, { cookie: string }> = {};
  /** People's refs by ID number, read from the table: the surrogate ids the API must link by. */
  const refs = new Map<string, string>();
  const ref = (key: string) => refs.get(key) ?? expect.fail(`no entity ${key}`);

  async function deliver(resource: string, records: Record<string, unknown>[]) {
    const batch = await p.modules.ingest.service.ingestRecords(ctx, resource, records);
    await p.modules.ingest.service.idle();
    if (batch.rejected)
      expect.fail(`${resource} rejected records: ${JSON.stringify(batch.rejectedByReason)}`);
    return batch;
  }
  const call = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await p.app.inject({ method, url, headers: as[who], ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const get = (who: string, url: string) => call(who, 'GET', url);
  const auditOf = async (action: string) =>
    (await get('admin', `/api/audit?action=${action}&pageSize=100`)).body.items as {
      actorName: string;
      targetType: string;
      targetId: string;
    }[];

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    as.admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    const dept = async (code: string) => (await p.modules.org.service.findDepartmentByCode(code))!.id;
    const users: [string, string[], number | null, string | null][] = [
      ['steward1', ['steward'], await dept('SJZX'), null],
      ['leader1', ['leader'], null, null],
      ['sjzx1', ['department_user'], await dept('SJZX'), null],
      ['gafj1', ['department_user'], await dept('GAFJ'), null],
      ['gafjlead', ['leader'], await dept('GAFJ'), null],
      ['citizen1', ['citizen'], null, ZHANG],
    ];
    for (const [username, roles, departmentId, idNumber] of users) {
      const created = await call('admin', 'POST', '/api/users', {
        username,
        displayName: username,
        departmentId,
        roles,
        password: 'Passw0rd#2026',
        ...(idNumber ? { idNumber } : {}),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      as[username] = await login(p.app, username, 'Passw0rd#2026');
    }
    await deliver('gafj_household', [
      {
        id_number: ZHANG,
        name: '张三',
        sex: '男',
        birth_date: '1990-01-01',
        phone: '13800138000',
        address: '望城区高塘岭街道雷锋大道1号',
        subdistrict: '高塘岭街道',
      },
      {
        id_number: WANG,
        name: '王芳',
        sex: '女',
        birth_date: '1980-05-05',
        address: '望城区乌山街道2号',
        subdistrict: '乌山街道',
      },
      { id_number: LI, name: '李四', sex: '女', birth_date: '1935-03-01', subdistrict: '乌山街道' },
      { id_number: ZHAO, name: '赵六', sex: '男', subdistrict: '白马街道' },
    ]);
    // 民政 knows another phone number for 张三: a conflict no precedence settles.
    await deliver('mzj_marriage', [
      {
        id_number: ZHANG,
        name: '张三',
        marital_status: '已婚',
        registered_on: '2015-06-01',
        phone: '13900139000',
      },
    ]);
    await deliver('scjgj_entities', [
      {
        credit_code: COMPANY,
        name: '望城测试有限公司',
        legal_rep_name: '张三',
        legal_rep_id_number: ZHANG,
        status: '存续',
        industry: '制造业',
      },
      { credit_code: OFFICE, name: '望城区某局', status: '注销', industry: '公共管理' },
    ]);
    await deliver('license', [
      {
        license_id: LICENSE,
        holder_id: ZHANG,
        holder_id_type: '111',
        holder_name: '张三',
        type_code: '11100000000013338W011',
        type_name: '营业执照',
        issuer_code: COMPANY,
        issue_date: '2024-01-01',
        status: '有效',
      },
    ]);
    await deliver('component', [
      {
        component_code: '4301120101000001',
        class: '公用设施',
        subclass: '井盖',
        lng: '112.82',
        lat: '28.35',
        status: '完好',
        subdistrict: '高塘岭街道',
      },
      {
        component_code: '4301120201000002',
        class: '道路交通',
        subclass: '路灯',
        lng: '112.75',
        lat: '28.3',
        status: '破损',
        subdistrict: '乌山街道',
      },
      { component_code: '4301120201000003', class: '道路交通', subclass: '路灯', status: '完好' },
    ]);
    const people = await queryRows<{ key: string; id: string }>(
      p.database.db,
      sql`select key, id::text as id from registry.entities where registry = 'population'`,
    );
    for (const person of people) refs.set(person.key, person.id);
  });
  afterAll(async () => {
    await p?.close();
  });

  it('counts each registry, and refuses citizens', async () => {
    expect((await get('leader1', '/api/registry/stats')).body).toEqual({
      population: 4,
      legal_person: 2,
      license: 1,
      component: 3,
    });
    expect((await get('citizen1', '/api/registry/stats')).status).toBe(403);
    expect((await get('citizen1', '/api/registry/population/entities')).status).toBe(403);
    expect((await get('citizen1', `/api/registry/population/entities/${ref(ZHANG)}`)).status).toBe(403);
    expect((await get('citizen1', '/api/registry/conflicts')).status).toBe(403);
  });

  it('searches by key, name, pinyin initials, address and subdistrict, sorted by name', async () => {
    const keys = async (query: string) =>
      (await get('admin', `/api/registry/population/entities?raw=true&reason=check&${query}`)).body.items.map(
        (e: { key: string }) => e.key,
      );
    expect(await keys(`q=${ZHANG}`)).toEqual([ZHANG]);
    expect(await keys('q=430122')).toEqual([WANG]);
    expect(await keys(`q=${encodeURIComponent('张')}`)).toEqual([ZHANG]);
    expect(await keys(`q=${encodeURIComponent('芳')}`)).toEqual([WANG]);
    expect(await keys('q=zs')).toEqual([ZHANG]);
    expect(await keys('q=WF')).toEqual([WANG]);
    expect(await keys(`address=${encodeURIComponent('雷锋大道')}`)).toEqual([ZHANG]);
    expect(await keys(`subdistrict=${encodeURIComponent('乌山街道')}`)).toHaveLength(2);
    expect(await keys('q=nobody')).toEqual([]);
    const all = (await get('admin', '/api/registry/population/entities?pageSize=2')).body;
    expect(all).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    const second = (await get('admin', '/api/registry/population/entities?pageSize=2&page=2')).body;
    expect([...all.items, ...second.items].map((e: { ref: string }) => e.ref).sort()).toEqual(
      [ZHANG, WANG, LI, ZHAO].map(ref).sort(),
    );
    const companies = await get(
      'leader1',
      `/api/registry/legal_person/entities?status=${encodeURIComponent('存续')}`,
    );
    expect(companies.body.items).toEqual([
      expect.objectContaining({ ref: COMPANY, key: COMPANY, name: '望城测试有限公司' }),
    ]);
    const components = await get(
      'leader1',
      `/api/registry/component/entities?class=${encodeURIComponent('道路交通')}`,
    );
    expect(components.body.total).toBe(2);
    const wrong = await get('admin', `/api/registry/population/entities?status=x`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'status', reason: 'not_applicable' });
  });

  it('masks personal items unless the caller may and asks to see them raw, and audits raw reads', async () => {
    const list = async (who: string, raw: boolean) =>
      (await get(who, `/api/registry/population/entities?q=${ZHANG}${raw ? '&raw=true&reason=check' : ''}`))
        .body;
    const masked = await list('leader1', true);
    expect(masked.masked).toBe(true);
    expect(masked.items[0]).toMatchObject({
      ref: ref(ZHANG),
      key: `430112********${ZHANG.slice(-4)}`,
      name: '张*',
    });
    expect(masked.items[0].values).toMatchObject({ phone: '139****9000', subdistrict: '高塘岭街道' });
    // Birth date and sex are digits of the ID number: beside its mask they are masked with it (the year stays, so
    // people with one name still tell apart).
    expect(masked.items[0].values).toMatchObject({ birth_date: '1990-**-**', sex: '*' });
    expect(JSON.stringify(masked)).not.toContain('1990-01-01');
    // Another department's users (a leader of it too) see the population registry masked, raw asked or not.
    expect((await list('gafj1', true)).items[0].name).toBe('张*');
    expect((await list('gafjlead', true)).masked).toBe(true);
    // Allowed callers see masked data unless they ask.
    expect((await list('admin', false)).items[0].name).toBe('张*');
    const raw = await list('sjzx1', true);
    expect(raw).toMatchObject({ masked: false, items: [{ key: ZHANG, name: '张三' }] });
    expect((await list('steward1', true)).items[0].values.phone).toBe('13900139000');
    const view = await get('gafj1', `/api/registry/population/entities/${ref(ZHANG)}?raw=true&reason=check`);
    expect(view.body).toMatchObject({ masked: true, key: `430112********${ZHANG.slice(-4)}` });
    expect(view.body.history[0].values.name).toBe('张*');
    expect(view.body.sources[0].values.name).toBe('张*');
    expect(view.body.conflicts[0].candidates.map((c: { value: string }) => c.value).sort()).toEqual([
      '138****8000',
      '139****9000',
    ]);
    expect(view.body.values).toMatchObject({ birth_date: '1990-**-**', sex: '*' });
    expect(view.body.history[0].values).toMatchObject({ birth_date: '1990-**-**', sex: '*' });
    const rawView = await get(
      'admin',
      `/api/registry/population/entities/${ref(ZHANG)}?raw=true&reason=check`,
    );
    expect(rawView.body).toMatchObject({
      masked: false,
      key: ZHANG,
      values: { name: '张三', birth_date: '1990-01-01', sex: '男' },
    });
    // Raw needs a stated reason, from those allowed as from others.
    const noReason = await get('admin', `/api/registry/population/entities?q=${ZHANG}&raw=true`);
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({
      code: 'raw_reason_required',
      errors: [expect.objectContaining({ field: 'reason', reason: 'required' })],
    });
    // Paging through one raw view for one reason is audited once; a masked read is not audited.
    await list('sjzx1', true);
    await get('sjzx1', `/api/registry/population/entities?q=${ZHANG}&raw=true&reason=check&page=2`);
    const audited = await auditOf('registry.read_personal');
    expect(audited.filter((e) => e.actorName === 'sjzx1')).toHaveLength(1);
    expect(new Set(audited.map((e) => e.actorName))).toEqual(new Set(['admin', 'sjzx1', 'steward1']));
    expect(new Set(audited.map((e) => e.targetType))).toEqual(new Set(['population']));
    expect(audited.find((e) => e.actorName === 'admin')?.targetId).toBe(ZHANG);
  });

  it('shows an entity with derived values, provenance, sources, history and links', async () => {
    const wang = (await get('leader1', `/api/registry/population/entities/${ref(WANG)}`)).body;
    // An exact age beside a masked ID number narrows its hidden birth date: shown in a raw view only.
    expect(wang.derived).toEqual({
      age: null,
      birthplace: { code: '430122', name: '湖南省长沙市望城县', historical: true },
    });
    const wangRaw = await get(
      'admin',
      `/api/registry/population/entities/${ref(WANG)}?raw=true&reason=check`,
    );
    expect(wangRaw.body.derived.age).toBe(ageToday('1980-05-05'));
    expect(wang.items).toContainEqual({ code: 'id_number', name: '公民身份号码', personal: true });
    expect(wang.provenance.name).toMatchObject({
      source: 'gafj_household',
      sourceName: '户籍人口登记信息',
      department: '公安分局',
      rule: 'only',
    });
    expect(wang.history).toHaveLength(1);
    expect(wang.links).toEqual({ companies: [], licenses: [] });
    const zhao = (await get('admin', `/api/registry/population/entities/${ref(ZHAO)}?raw=true&reason=check`))
      .body;
    expect(zhao.values.birth_date).toBeUndefined();
    expect(zhao.derived.age).toBe(ageToday('2010-06-15'));

    const zhang = (await get('leader1', `/api/registry/population/entities/${ref(ZHANG)}`)).body;
    expect(zhang.derived.birthplace).toMatchObject({ code: '430112', historical: false });
    expect(zhang.sources.map((s: { source: string }) => s.source)).toEqual([
      'gafj_household',
      'mzj_marriage',
    ]);
    expect(zhang.links.companies).toEqual([
      { ref: COMPANY, key: COMPANY, name: '望城测试有限公司', status: '存续', role: 'legal_rep' },
    ]);
    expect(zhang.links.licenses).toEqual([
      { ref: LICENSE, key: LICENSE, typeName: '营业执照', status: '有效' },
    ]);

    const company = (await get('leader1', `/api/registry/legal_person/entities/${COMPANY}`)).body;
    expect(company.derived).toEqual({ orgType: '企业' });
    expect(company.links).toEqual({ legalRep: { ref: ref(ZHANG), name: '张*' }, licenses: [] });
    expect(company.values.legal_rep_id_number).toBe(`430112********${ZHANG.slice(-4)}`);
    const office = (await get('leader1', `/api/registry/legal_person/entities/${OFFICE}`)).body;
    expect(office).toMatchObject({ derived: { orgType: '机关' }, links: { legalRep: null } });
    const license = (await get('admin', `/api/registry/license/entities/${LICENSE}?raw=true&reason=check`))
      .body;
    expect(license.links).toEqual({ holder: { registry: 'population', ref: ref(ZHANG), name: '张三' } });
    expect((await get('leader1', `/api/registry/component/entities/4301120101000001`)).body.links).toEqual(
      {},
    );

    // A person's ref is the entity's number: an unknown number, the ID number itself, its old base64url form or
    // anything else is no ref, and is answered as an unknown entity.
    const unknownId = Math.max(...[ZHANG, WANG, LI, ZHAO].map((k) => Number(ref(k)))) + 1000;
    for (const wrong of [
      String(unknownId),
      ZHANG,
      Buffer.from(ZHANG).toString('base64url'),
      'abc',
      '0',
      '01',
    ])
      expect((await get('admin', `/api/registry/population/entities/${wrong}`)).status, wrong).toBe(404);
    const before = await get('leader1', `/api/registry/population/entities/${ref(ZHANG)}?asOf=2001-01-01`);
    expect(before.status).toBe(404);
    // No version then: the answer names the ref, not the ID number.
    expect(JSON.stringify(before.body)).not.toContain(ZHANG);
    const asOf = await get(
      'leader1',
      `/api/registry/population/entities/${ref(ZHANG)}?asOf=${new Date().toISOString()}`,
    );
    expect(asOf.body.values.name).toBe('张*');
  });

  it('gives a leader no full ID number anywhere in masked answers, not even encoded, and admins theirs raw', async () => {
    const people = [ZHANG, WANG, LI, ZHAO];
    /** Fails when the answer holds any of the ID numbers, or their base64 or base64url form. */
    const expectNoIdNumbers = (answer: { status: number; body: unknown }, what: string) => {
      expect(answer.status, what).toBe(200);
      const text = JSON.stringify(answer.body);
      for (const key of people)
        for (const form of [key, Buffer.from(key).toString('base64'), Buffer.from(key).toString('base64url')])
          expect(text, `${what} holds ${form}`).not.toContain(form.replace(/=+$/, ''));
    };
    expect(ref(ZHANG)).toMatch(/^[1-9]\d*$/);
    const list = await get('leader1', '/api/registry/population/entities?raw=true&reason=check');
    expect(list.body.total).toBe(4);
    expectNoIdNumbers(list, 'the population list');
    expectNoIdNumbers(await get('leader1', `/api/registry/population/entities?q=zs`), 'a search by initials');
    expectNoIdNumbers(
      await get('leader1', `/api/registry/population/entities?q=${ZHANG}`),
      'a search by key',
    );
    for (const person of list.body.items as { ref: string }[]) {
      const view = await get(
        'leader1',
        `/api/registry/population/entities/${person.ref}?raw=true&reason=check`,
      );
      expect(view.body.ref).toBe(person.ref);
      expectNoIdNumbers(view, `the page of ${person.ref}`);
    }
    expectNoIdNumbers(
      await get('leader1', `/api/registry/legal_person/entities/${COMPANY}`),
      'the company page',
    );
    expectNoIdNumbers(await get('leader1', `/api/registry/license/entities/${LICENSE}`), 'the license page');
    expectNoIdNumbers(await get('leader1', '/api/registry/conflicts'), 'the conflicts');
    expectNoIdNumbers(
      await get('gafj1', `/api/registry/population/entities?raw=true&reason=check`),
      "公安's raw ask",
    );

    // A key term matches whole ID numbers only for those who see them masked: a prefix would spell them out.
    const found = async (who: string, q: string) =>
      (await get(who, `/api/registry/population/entities?q=${q}`)).body.total;
    expect(await found('leader1', ZHANG)).toBe(1);
    expect(await found('leader1', ZHANG.slice(0, 17))).toBe(0);
    expect(await found('leader1', '430112')).toBe(0);
    expect(await found('leader1', `${ZHANG.slice(0, 17)}_`)).toBe(0);
    expect(await found('sjzx1', '430112')).toBe(3);

    // An address is masked from its house number on: those who see it masked may not filter on it, since a
    // substring search would confirm the hidden part; they filter by subdistrict. Whoever sees it raw still may.
    const byAddress = (who: string, part: string) =>
      get(who, `/api/registry/population/entities?address=${encodeURIComponent(part)}`);
    const refused = await byAddress('leader1', '雷锋大道1号');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'masked_filter',
      errors: [{ field: 'address', reason: 'masked_item' }],
    });
    expect((await byAddress('leader1', '望城区')).status).toBe(403);
    expect((await byAddress('sjzx1', '雷锋大道1号')).body.total).toBe(1);
    expect(
      (
        await get(
          'leader1',
          `/api/registry/population/entities?subdistrict=${encodeURIComponent('乌山街道')}`,
        )
      ).body.total,
    ).toBe(2);
    // A legal person's address (住所) is not personal: everyone who reads the registry may filter on it.
    expect(
      (await get('leader1', `/api/registry/legal_person/entities?address=${encodeURIComponent('望城')}`))
        .status,
    ).toBe(200);

    // Those who may still read them raw, by the same refs.
    const raw = await get('admin', '/api/registry/population/entities?raw=true&reason=check&pageSize=10');
    expect(raw.body.items.map((e: { key: string }) => e.key).sort()).toEqual([...people].sort());
    const zhang = await get('admin', `/api/registry/population/entities/${ref(ZHANG)}?raw=true&reason=check`);
    expect(zhang.body).toMatchObject({ key: ZHANG, ref: ref(ZHANG), masked: false });
  });

  it('counts by subdistrict, age band and sex, status, class and industry', async () => {
    const people = (await get('leader1', '/api/registry/population/statistics')).body;
    expect(people.total).toBe(4);
    expect(people.bySubdistrict).toHaveLength(3);
    expect(people.bySubdistrict[0]).toEqual({ subdistrict: '乌山街道', count: 2 });
    expect(people.bySubdistrict).toContainEqual({ subdistrict: '高塘岭街道', count: 1 });
    expect(people.agePyramid).toHaveLength(18);
    const band = (name: string) => people.agePyramid.find((b: { band: string }) => b.band === name);
    expect(band(bandOf(ageToday('1990-01-01')))).toMatchObject({ male: 1 });
    expect(band(bandOf(ageToday('1980-05-05')))).toMatchObject({ female: 1 });
    expect(band('85+')).toEqual({ band: '85+', male: 0, female: 1 });
    expect(band(bandOf(ageToday('2010-06-15')))).toMatchObject({ male: 1 });
    const total = people.agePyramid.reduce(
      (n: number, b: { male: number; female: number }) => n + b.male + b.female,
      0,
    );
    expect(total).toBe(4);
    expect(people.byStatus).toBeUndefined();

    const companies = (await get('leader1', '/api/registry/legal_person/statistics')).body;
    expect(companies.byStatus).toEqual([
      { status: '存续', count: 1 },
      { status: '注销', count: 1 },
    ]);
    expect(companies.byIndustry).toHaveLength(2);
    expect(companies.agePyramid).toBeUndefined();

    const components = (await get('leader1', '/api/registry/component/statistics')).body;
    expect(components.byClass).toEqual([
      { class: '公用设施', status: '完好', count: 1 },
      { class: '道路交通', status: '完好', count: 1 },
      { class: '道路交通', status: '破损', count: 1 },
    ]);
    expect(components.byStatus).toEqual([
      { status: '完好', count: 2 },
      { status: '破损', count: 1 },
    ]);
  });

  it('maps components with coordinates, filtered by class, status and subdistrict', async () => {
    const all = (await get('gafj1', '/api/registry/component/map')).body;
    expect(all.total).toBe(2); // the third has no coordinates
    const roads = (await get('gafj1', `/api/registry/component/map?class=${encodeURIComponent('道路交通')}`))
      .body;
    expect(roads).toEqual({
      total: 1,
      points: [
        {
          key: '4301120201000002',
          lng: 112.75,
          lat: 28.3,
          class: '道路交通',
          subclass: '路灯',
          status: '破损',
        },
      ],
    });
    expect(
      (
        await get(
          'gafj1',
          `/api/registry/component/map?status=${encodeURIComponent('破损')}&subdistrict=${encodeURIComponent('高塘岭街道')}`,
        )
      ).body.total,
    ).toBe(0);
    expect((await get('citizen1', '/api/registry/component/map')).status).toBe(403);
  });

  it('lets a steward resolve a conflict with a candidate value, and keeps the resolution', async () => {
    const open = (await get('leader1', '/api/registry/conflicts?registry=population&status=open')).body;
    expect(open.total).toBe(1);
    const conflict = open.items[0];
    expect(conflict).toMatchObject({
      registry: 'population',
      ref: ref(ZHANG),
      key: `430112********${ZHANG.slice(-4)}`,
      item: 'phone',
      itemName: '联系电话',
      status: 'open',
      resolvedValue: null,
    });
    expect(conflict.candidates.map((c: { value: string }) => c.value).sort()).toEqual([
      '138****8000',
      '139****9000',
    ]);
    // Masked by default for a steward too (merely listing them is no raw read); raw needs a reason.
    const stewardList = await get('steward1', '/api/registry/conflicts?registry=population&status=open');
    expect(stewardList.body.items[0].key).toBe(`430112********${ZHANG.slice(-4)}`);
    expect(stewardList.body.items[0].candidates.map((c: { value: string }) => c.value).sort()).toEqual([
      '138****8000',
      '139****9000',
    ]);
    expect((await get('steward1', '/api/registry/conflicts?raw=true')).status).toBe(400);
    for (const page of [1, 2]) {
      const rawList = await get('steward1', `/api/registry/conflicts?raw=true&reason=check&page=${page}`);
      if (page === 1) expect(rawList.body.items[0].key).toBe(ZHANG);
    }
    const leaderRaw = await get('leader1', '/api/registry/conflicts?raw=true&reason=check');
    expect(leaderRaw.body.items[0].key).toBe(`430112********${ZHANG.slice(-4)}`);
    const url = `/api/registry/conflicts/${conflict.id}/resolve`;
    expect((await call('sjzx1', 'POST', url, { value: '13800138000' })).status).toBe(403);
    // A candidate is chosen by value or by its place in the list (a steward seeing values masked), not both.
    const both = await call('steward1', 'POST', url, { value: '13800138000', candidate: 0 });
    expect(both.body.errors[0]).toMatchObject({ reason: 'value_or_candidate' });
    const noSuch = await call('steward1', 'POST', url, { candidate: 9 });
    expect(noSuch.body.errors[0]).toMatchObject({ field: 'candidate', reason: 'not_a_candidate' });
    const wrong = await call('steward1', 'POST', url, { value: '13700137000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'value', reason: 'not_a_candidate' });
    const wrongSource = await call('steward1', 'POST', url, { value: '13800138000', source: 'mzj_marriage' });
    expect(wrongSource.body.errors[0]).toMatchObject({ field: 'source' });

    const place = conflict.candidates.findIndex((c: { value: string }) => c.value === '138****8000');
    const resolved = await call('steward1', 'POST', url, { candidate: place, source: 'gafj_household' });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({
      id: conflict.id,
      status: 'resolved',
      resolvedValue: '138****8000',
      resolvedSource: 'gafj_household',
      resolvedBy: 'steward1',
      key: `430112********${ZHANG.slice(-4)}`,
    });
    expect((await call('steward1', 'POST', url, { value: '13800138000' })).status).toBe(409);
    const entity = async () => p.modules.registry.service.get('population', ZHANG);
    expect((await entity()).values.phone).toBe('13800138000');
    expect((await entity()).provenance.phone).toMatchObject({ source: 'gafj_household', rule: 'resolution' });
    expect((await entity()).conflicts).toEqual([]);
    expect((await auditOf('registry.conflict_resolved')).map((e) => [e.actorName, e.targetId])).toEqual([
      ['steward1', String(conflict.id)],
    ]);

    // 民政 delivers the same number again: the same disagreement, still settled.
    await deliver('mzj_marriage', [
      {
        id_number: ZHANG,
        name: '张三',
        marital_status: '已婚',
        registered_on: '2015-06-01',
        phone: '13900139000',
      },
    ]);
    expect((await entity()).values.phone).toBe('13800138000');
    // Merged again and again since the refs were read: the person keeps theirs.
    const again = await get('leader1', `/api/registry/population/entities/${ref(ZHANG)}`);
    expect(again.body).toMatchObject({ ref: ref(ZHANG), values: { phone: '138****8000' } });
    expect((await get('leader1', '/api/registry/conflicts?status=open')).body.total).toBe(0);
    const listed = (await get('steward1', '/api/registry/conflicts?status=resolved&raw=true&reason=check'))
      .body;
    expect(listed.items).toEqual([
      expect.objectContaining({ id: conflict.id, resolvedValue: '13800138000' }),
    ]);
    // Only the steward's raw views are audited, each once whatever the pages (newest first): not the masked lists,
    // nor the leader's ask that the right did not back, nor the resolution.
    const reads = (await auditOf('registry.read_personal')).filter(
      (e) => e.targetType === 'registry_conflict',
    );
    expect(reads.map((e) => [e.actorName, e.targetId])).toEqual([
      ['steward1', 'list'],
      ['steward1', 'list'],
    ]);
  });

  it('lists and changes source precedence, merging affected entities again', async () => {
    const list = (await get('gafj1', '/api/registry/population/precedence')).body;
    expect(list.items.map((i: { item: string }) => i.item)).not.toContain('id_number');
    expect(list.items).toContainEqual({ item: 'name', name: '姓名', sources: ['gafj_household'] });
    expect(list.items).toContainEqual({ item: 'phone', name: '联系电话', sources: [] });
    expect(list.sources).toContainEqual({
      alias: 'mzj_marriage',
      name: '婚姻登记信息',
      department: '民政局',
    });
    expect(list.sources).toHaveLength(3);

    const url = '/api/registry/population/precedence/phone';
    expect((await call('gafj1', 'PUT', url, { sources: ['gafj_household'] })).status).toBe(403);
    const foreign = await call('steward1', 'PUT', url, { sources: ['scjgj_entities'] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0]).toMatchObject({ field: 'sources.0', reason: 'not_a_source' });
    const twice = await call('steward1', 'PUT', url, { sources: ['mzj_marriage', 'mzj_marriage'] });
    expect(twice.body.errors[0]).toMatchObject({ field: 'sources.1', reason: 'duplicate_source' });
    const unknownItem = await call('steward1', 'PUT', '/api/registry/population/precedence/id_number', {
      sources: [],
    });
    expect(unknownItem.body.errors[0]).toMatchObject({ field: 'item' });

    // 民政 now wins on phones: it overrides the earlier resolution at once.
    const set = await call('steward1', 'PUT', url, { sources: ['mzj_marriage'] });
    expect(set.body).toEqual({ item: 'phone', name: '联系电话', sources: ['mzj_marriage'] });
    const phone = async () => (await p.modules.registry.service.get('population', ZHANG)).provenance.phone;
    expect(await phone()).toMatchObject({ source: 'mzj_marriage', rule: 'precedence' });
    // Other items keep their stored precedence.
    expect((await get('steward1', '/api/registry/population/precedence')).body.items).toContainEqual({
      item: 'name',
      name: '姓名',
      sources: ['gafj_household'],
    });
    // Back to "newest wins": the steward's resolution of the same disagreement applies again.
    await call('steward1', 'PUT', url, { sources: [] });
    expect(await phone()).toMatchObject({ source: 'gafj_household', rule: 'resolution' });
    const audited = await auditOf('registry.precedence_changed');
    expect(audited.map((e) => e.targetId)).toEqual(['population.phone', 'population.phone']);
  });
});
