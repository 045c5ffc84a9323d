// Registry quality on a small hand-made dataset: each figure of the four dimensions, the samples it names, who
// may read it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { creditCodeCheck, idNumberCheck } from '../../core/cn-codes.ts';
import { systemCtx } from '../../core/context.ts';
import { queryRows } from '../../core/db.ts';
import { maskIdNumber } from '../../core/masking.ts';
import type { QualityReport } from './quality/contract.ts';

const id = (first17: string) => first17 + idNumberCheck(first17);
const credit = (first17: string) => first17 + creditCodeCheck(first17);
// A: everything filled and consistent. B: a woman's ID number, delivered as 男. C: birth date not the ID's.
const A = id('43011219900101123');
const B = id('43011219850505224');
const C = id('43011219910101333');
const OUTSIDER = id('43011219700101001');
/** A's number with a wrong check character. */
const BAD_A = A.slice(0, 17) + (A.endsWith('0') ? '1' : '0');
const X = credit('91430112MA4L0RH7X');
const Y = credit('91430112MA4L0RH8X');
const Z = credit('91430112MA4L0RH9X');
const ISSUER = credit('11430112MB1234567');

describe.each(databaseKinds)('registry quality on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  const ctx = systemCtx('test');

  async function deliver(resource: string, records: Record<string, unknown>[]) {
    const batch = await p.modules.ingest.service.ingestRecords(ctx, resource, records);
    await p.modules.ingest.service.idle();
    expect(batch.rejected, `${resource}: ${JSON.stringify(batch.rejectedByReason)}`).toBe(0);
    return batch;
  }
  /** Sets merged values directly, as if they had been loaded before their item's validator was tightened. */
  async function corrupt(registry: string, key: string, values: Record<string, string>) {
    await p.database.rawTransaction((tx) =>
      tx.query(`update registry.entities set values = values || $3::jsonb where registry = $1 and key = $2`, [
        registry,
        key,
        JSON.stringify(values),
      ]),
    );
  }
  /** A person's ref: the entity's surrogate id, read from the table. */
  async function refOf(key: string) {
    const [row] = await queryRows<{ id: string }>(
      p.database.db,
      sql`select id::text as id from registry.entities where registry = 'population' and key = ${key}`,
    );
    return row?.id ?? expect.fail(`no entity ${key}`);
  }
  async function quality(registry: string, who = admin): Promise<QualityReport> {
    const res = await p.app.inject({ method: 'GET', url: `/api/registry/${registry}/quality`, headers: who });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    await deliver('gafj_household', [
      {
        公民身份号码: A,
        姓名: '张三',
        性别: '男',
        出生日期: '1990-01-01',
        民族: '汉族',
        住址: '望城区高塘岭街道1号',
        联系电话: '13800138000',
        所属街道: '高塘岭街道',
        所属社区: '高塘岭社区',
        户号: 'H001',
      },
      { 公民身份号码: B, 姓名: '李四', 性别: '男', 出生日期: '1985-05-05' },
      { 公民身份号码: C, 姓名: '王五', 出生日期: '1992-03-03' },
    ]);
    await deliver('mzj_marriage', [
      { 当事人身份证号: A, 当事人姓名: '张三', 婚姻状况: '已婚', 登记日期: '2015-06-01' },
    ]);
    // Marriages are delivered weekly: a delivery a month ago is late.
    await p.database.rawTransaction((tx) =>
      tx.query(
        `update ingest.batches set finished_at = now() - interval '30 days'
         where resource_code = (select code from catalog.resources where alias = 'mzj_marriage')`,
      ),
    );
    await corrupt('population', A, { phone: '12345', marital_status: '分居' });

    await deliver('scjgj_entities', [
      { 统一社会信用代码: X, 主体名称: '甲公司', 法定代表人身份证号: A },
      { 统一社会信用代码: Y, 主体名称: '乙公司', 法定代表人身份证号: OUTSIDER },
      { 统一社会信用代码: Z, 主体名称: '丙公司', 法定代表人身份证号: OUTSIDER },
    ]);
    await corrupt('legal_person', Z, { legal_rep_id_number: BAD_A });

    const license = (n: string, holder: string, type: string) => ({
      license_id: `1.2.156.3005.2.11100.${ISSUER}.${n}.001.0`,
      holder_id: holder,
      holder_id_type: type,
      type_code: '11100',
      issuer_code: ISSUER,
      issue_date: '2024-01-01',
    });
    await deliver('license', [
      license('0001', A, '111'),
      license('0002', X, '001'),
      license('0003', OUTSIDER, '111'),
    ]);

    await deliver('component', [
      {
        component_code: '4301120101000001',
        class: '公用设施',
        subclass: '井盖',
        lng: '112.85',
        lat: '28.35',
      },
      {
        component_code: '4301210101000002',
        class: '公用设施',
        subclass: '路灯',
        lng: '113.08',
        lat: '28.35',
      },
      { component_code: '4301120101000003', class: '公用设施', subclass: '路灯' },
    ]);
  });
  afterAll(() => p?.close());

  it('counts completeness per item and overall', async () => {
    const q = await quality('population');
    expect(q.entities).toBe(3);
    // A fills all 11 items, B 4, C 3.
    expect(q.completeness).toEqual({ ratio: 18 / 33, filled: 18, expected: 33 });
    const item = (code: string) => q.items.find((i) => i.code === code)!;
    expect(item('id_number')).toMatchObject({ filled: 3, completeness: 1, required: true });
    expect(item('sex')).toMatchObject({ filled: 2, completeness: 2 / 3 });
    expect(item('household_id')).toMatchObject({ filled: 1, completeness: 1 / 3 });
  });

  it('counts validity with the ingest validators, naming the entities whose values fail (masked)', async () => {
    const q = await quality('population');
    // Checked: id_number 3, sex 2, birth_date 3, phone 1, marital_status 1; A's phone and marital status fail.
    expect(q.validity).toEqual({ ratio: 8 / 10, checked: 10, valid: 8 });
    const item = (code: string) => q.items.find((i) => i.code === code)!;
    expect(item('phone')).toMatchObject({ checked: true, valid: 0, validity: 0 });
    expect(item('phone').samples).toEqual([{ key: maskIdNumber(A), ref: await refOf(A) }]);
    expect(item('marital_status')).toMatchObject({ valid: 0, validity: 0 });
    expect(item('birth_date')).toMatchObject({ valid: 3, validity: 1, samples: [] });
    // Free text has nothing to check.
    expect(item('name')).toMatchObject({ checked: false, validity: null });
  });

  it('checks birth date and sex against the ID number', async () => {
    const q = await quality('population');
    const check = (code: string) => q.consistency.checks.find((c) => c.code === code)!;
    expect(check('birth_date_matches_id')).toMatchObject({ checked: 3, passed: 2, ratio: 2 / 3 });
    expect(check('birth_date_matches_id').samples).toEqual([{ key: maskIdNumber(C), ref: await refOf(C) }]);
    expect(check('sex_matches_id')).toMatchObject({ checked: 2, passed: 1, ratio: 0.5 });
    expect(check('sex_matches_id').samples.map((s) => s.key)).toEqual([maskIdNumber(B)]);
    expect(q.consistency).toMatchObject({ checked: 5, passed: 3, ratio: 3 / 5 });
  });

  it('says which sources delivered within their update cycle', async () => {
    const q = await quality('population');
    const source = (alias: string) => q.timeliness.sources.find((s) => s.source === alias)!;
    expect(source('gafj_household')).toMatchObject({ status: 'fresh', updateCycle: 'daily' });
    expect(source('mzj_marriage')).toMatchObject({ status: 'late', updateCycle: 'weekly' });
    expect(Date.parse(source('mzj_marriage').dueBy!)).toBeLessThan(Date.now());
    expect(q.timeliness.ratio).toBe(1 / 2);
  });

  it('counts a registry’s own resource as a source only once data was delivered into it', async () => {
    // The population registry's resource is the merged registry itself: nobody owes it a delivery.
    const before = await quality('population');
    expect(before.timeliness.sources.map((s) => s.source)).toEqual(['gafj_household', 'mzj_marriage']);
    // Licenses issued in OneCity are deliveries into the license registry's own resource.
    const licenses = await quality('license');
    expect(licenses.timeliness.sources.find((s) => s.source === 'license')).toMatchObject({
      status: 'fresh',
    });
    expect(licenses.timeliness.sources.some((s) => s.status === 'never')).toBe(false);
  });

  it('checks legal representatives: a valid ID number, and a person in the population registry', async () => {
    const q = await quality('legal_person');
    const check = (code: string) => q.consistency.checks.find((c) => c.code === code)!;
    expect(check('legal_rep_id_valid')).toMatchObject({
      checked: 3,
      passed: 2,
      samples: [{ key: Z, ref: Z }],
    });
    expect(check('legal_rep_in_population')).toMatchObject({ checked: 3, passed: 1 });
    expect(check('legal_rep_in_population').samples.map((s) => s.key)).toEqual([Y, Z].sort());
    expect(q.items.find((i) => i.code === 'legal_rep_id_number')).toMatchObject({ filled: 3, valid: 2 });
  });

  it('checks that license holders exist in the registry their code type names', async () => {
    const q = await quality('license');
    const [check] = q.consistency.checks;
    expect(check).toMatchObject({ code: 'holder_exists', checked: 3, passed: 2 });
    expect(check!.samples.map((s) => s.key)).toEqual([`1.2.156.3005.2.11100.${ISSUER}.0003.001.0`]);
  });

  it('checks components lie in the district and carry its division code', async () => {
    const q = await quality('component');
    const check = (code: string) => q.consistency.checks.find((c) => c.code === code)!;
    expect(check('location_in_district')).toMatchObject({ checked: 2, passed: 1 });
    expect(check('location_in_district').samples.map((s) => s.key)).toEqual(['4301210101000002']);
    expect(check('code_division_matches')).toMatchObject({ checked: 3, passed: 2 });
    expect(q.consistency).toMatchObject({ checked: 5, passed: 3 });
  });

  it('lets leaders and department users read quality, not citizens; an unknown registry is not found', async () => {
    for (const [username, roles] of [
      ['q.leader', ['leader']],
      ['q.clerk', ['department_user']],
      ['q.citizen', ['citizen']],
    ] as const) {
      const created = await p.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username, displayName: username, departmentId: null, roles, password: 'Quality#2026x' },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const leader = await login(p.app, 'q.leader', 'Quality#2026x');
    expect((await quality('population', leader)).entities).toBe(3);
    const clerk = await login(p.app, 'q.clerk', 'Quality#2026x');
    expect((await quality('component', clerk)).entities).toBe(3);
    const citizen = await login(p.app, 'q.citizen', 'Quality#2026x');
    const refused = await p.app.inject({
      method: 'GET',
      url: '/api/registry/population/quality',
      headers: citizen,
    });
    expect(refused.statusCode).toBe(403);
    const unknown = await p.app.inject({ method: 'GET', url: '/api/registry/pets/quality', headers: admin });
    expect(unknown.statusCode).toBe(404);
  });
});
