// E-licenses end to end: issue → registry entity, identifier and QR, tampering and foreign keys caught as forged,
// expiry, revocation, who may do and see what, a citizen's own licenses, and a bulk issue.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../../test/databases.ts';
import { checkCreditCode, creditCodeCheck, idNumberCheck, licenseIdCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';
import { queryRows } from '../../../core/db.ts';
import { buildLicenseId, parseLicenseId } from './id.ts';
import { departmentCreditCode } from './issuer-codes.ts';
import { licenseQrPayload } from './qr.ts';
import { type SignedLicenseFields, signLicense } from './signature.ts';

const id = (first17: string) => first17 + idNumberCheck(first17);
const ZHANG = id('43011219900101123');
const LI = id('43011219850505224');
const WANG = id('43011220000808331');
const COMPANY = `91430112MA4L000${'01'}`;
const COMPANY_CODE = `${COMPANY}${creditCodeCheck(COMPANY)}`;
// 居民身份证 as defined by the Ministry of Public Security's code, with a type number (form only is checked).
const TYPE = '11100000000013338W011';
// 结婚证, a type of the code the demo uses for 民政部, so 民政局's to issue.
const MZJ_TYPE = '11100000000014286D003';
const PASSWORD = 'License#2026x';

type Headers = { cookie: string };

describe.each(databaseKinds)('e-licenses on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: Headers;
  let gafj: Headers;
  let mzj: Headers;
  let leader: Headers;
  let citizen: Headers;
  let stranger: Headers;
  let gafjId: number;
  let mzjId: number;
  const ctx = systemCtx('test');

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers?: Headers, payload?: unknown) =>
    p.app.inject({ method, url, headers, payload: payload as object });
  const issue = (headers: Headers, body: Record<string, unknown>) =>
    call('POST', '/api/registry/licenses', headers, {
      holderId: ZHANG,
      holderIdType: '111',
      holderName: '张三',
      // The type's name is the list's (居民身份证明 for TYPE): sent only when a test types one.
      typeCode: TYPE,
      ...body,
    });
  const verify = async (query: Record<string, string>) => {
    const res = await call('GET', `/api/public/licenses/verify?${new URLSearchParams(query)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const entity = (key: string) => p.modules.registry.service.get('license', key);
  const audits = (action: string) =>
    queryRows<{ target_id: string; actor_name: string; detail: Record<string, unknown> }>(
      p.database.db,
      sql`select target_id, actor_name, detail from audit.entries where action = ${action} order by id`,
    );

  async function user(username: string, department: string | null, roles: string[], idNumber?: string) {
    const departmentId = department
      ? (await p.modules.org.service.findDepartmentByCode(department))!.id
      : null;
    const created = await call('POST', '/api/users', admin, {
      username,
      displayName: username,
      departmentId,
      roles,
      password: PASSWORD,
      ...(idNumber && { idNumber }),
    });
    expect(created.statusCode, created.body).toBe(201);
    return login(p.app, username, PASSWORD);
  }

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    gafjId = (await p.modules.org.service.findDepartmentByCode('GAFJ'))!.id;
    mzjId = (await p.modules.org.service.findDepartmentByCode('MZJ'))!.id;
    gafj = await user('gafj1', 'GAFJ', ['department_user']);
    mzj = await user('mzj1', 'MZJ', ['department_user']);
    leader = await user('leader1', null, ['leader']);
    citizen = await user('zhangsan', null, ['citizen'], ZHANG);
    stranger = await user('nobody', null, ['citizen']);
  });
  afterAll(() => p?.close());

  it('lets an admin give a citizen account an ID number, checked and unique', async () => {
    const bad = await call('POST', '/api/users', admin, {
      username: 'badid',
      displayName: 'x',
      departmentId: null,
      roles: ['citizen'],
      idNumber: `${ZHANG.slice(0, 17)}${ZHANG[17] === '0' ? '1' : '0'}`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toMatchObject([{ field: 'idNumber', reason: 'id_number_checksum' }]);
    const staff = await call('POST', '/api/users', admin, {
      username: 'staffid',
      displayName: 'x',
      departmentId: gafjId,
      roles: ['department_user'],
      idNumber: LI,
    });
    expect(staff.json().errors).toMatchObject([{ field: 'idNumber', reason: 'id_number_not_citizen' }]);
    const me = (await call('GET', '/api/auth/me', citizen)).json();
    const twin = await call('POST', '/api/users', admin, {
      username: 'twin',
      displayName: 'x',
      departmentId: null,
      roles: ['citizen'],
      idNumber: ZHANG,
    });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().code).toBe('duplicate_id_number');
    const shown = (await call('GET', `/api/users/${me.id}`, admin)).json();
    expect(shown.idNumber).toBe(`${ZHANG.slice(0, 6)}********${ZHANG.slice(-4)}`);
    const strangerId = (await call('GET', '/api/auth/me', stranger)).json().id;
    const taken = await call('PATCH', `/api/users/${strangerId}`, admin, { idNumber: ZHANG });
    expect(taken.statusCode).toBe(409);
  });

  it('issues a license with a checked identifier, signed, and delivered to the license registry', async () => {
    const res = await issue(gafj, { validUntil: '2099-12-31' });
    expect(res.statusCode, res.body).toBe(201);
    const license = res.json();
    const issuerCode = departmentCreditCode('GAFJ');
    expect(checkCreditCode(issuerCode)).toBeNull();
    expect(issuerCode.slice(0, 8)).toBe('11430112');
    const parsed = parseLicenseId(license.id);
    expect(parsed).toMatchObject({ ok: true, value: { typeCode: TYPE, issuerCode, serial: 1, version: 1 } });
    expect(license.id.at(-1)).toBe(licenseIdCheck(license.id.slice(0, -2)));
    expect(license).toMatchObject({
      holderId: ZHANG,
      holderName: '张三',
      issuerName: '公安分局',
      status: 'valid',
      masked: false,
      issuedBy: 'gafj1',
    });
    expect(license.qr).toMatch(new RegExp(`^OCL1:${license.id.replaceAll('.', '\\.')}:[A-Za-z0-9_-]+$`));

    const merged = await entity(license.id);
    expect(merged.values).toEqual({
      license_id: license.id,
      holder_id: ZHANG,
      holder_id_type: '111',
      holder_name: '张三',
      type_code: TYPE,
      type_name: '居民身份证明',
      issuer_code: issuerCode,
      issue_date: license.issueDate,
      valid_until: '2099-12-31',
      status: '有效',
    });
    expect(merged.provenance.status).toMatchObject({ source: 'license', batchId: 0 });
    expect((await audits('license.issue')).map((a) => a.target_id)).toContain(license.id);

    // The next license of the same issuer and type takes the next serial.
    const next = (await issue(gafj, { holderId: LI, holderName: '李四' })).json();
    expect(parseLicenseId(next.id)).toMatchObject({ value: { serial: 2 } });
  });

  it('verifies by identifier and by QR code, and calls a bad check character, an unknown one or an edited QR forged', async () => {
    const license = (await issue(gafj, {})).json();
    // An identifier alone can be computed (sequential serials, a computable check character): its answer leads
    // to no person, only to the license's status.
    const summary = {
      id: license.id,
      typeName: '居民身份证明',
      issuerName: '公安分局',
      issueDate: license.issueDate,
      validUntil: null,
      revokedAt: null,
    };
    const byId = await verify({ id: license.id });
    expect(byId).toEqual({ verdict: 'valid', license: summary });
    expect(JSON.stringify(byId)).not.toContain('张');
    // The QR code carries the signature only a copy of the license has: then the holder is named, masked.
    expect(await verify({ qr: license.qr })).toEqual({
      verdict: 'valid',
      license: { ...summary, holderName: '张*' },
    });
    // Typed in lower case with spaces, as people do.
    expect((await verify({ id: ` ${license.id.toLowerCase()} ` })).verdict).toBe('valid');

    const wrongCheck = license.id.slice(0, -1) + (license.id.at(-1) === '0' ? '1' : '0');
    expect(await verify({ id: wrongCheck })).toEqual({ verdict: 'forged', reason: 'bad_check' });
    const unknown = buildLicenseId({
      typeCode: TYPE,
      issuerCode: departmentCreditCode('GAFJ'),
      serial: 999_999,
      version: 1,
    });
    expect(await verify({ id: unknown })).toEqual({ verdict: 'forged', reason: 'unknown' });
    expect(await verify({ qr: 'hello' })).toEqual({ verdict: 'forged', reason: 'bad_format' });

    const signature = license.qr.split(':')[2] as string;
    const at = Math.floor(signature.length / 2);
    const edited = `${signature.slice(0, at)}${signature[at] === 'A' ? 'B' : 'A'}${signature.slice(at + 1)}`;
    const forged = await verify({ qr: `OCL1:${license.id}:${edited}` });
    expect(forged.verdict).toBe('forged');
    expect(forged.license).toBeUndefined();

    const neither = await call('GET', '/api/public/licenses/verify');
    expect(neither.statusCode).toBe(400);
  });

  it('calls a license forged when a signed field was changed in the database', async () => {
    const signedEdited = (await issue(gafj, { holderId: WANG, holderName: '王五' })).json();
    await p.database.db.execute(
      sql`update registry.licenses set signed_fields = jsonb_set(signed_fields, '{holderName}', '"王六"')
          where license_id = ${signedEdited.id}`,
    );
    expect(await verify({ id: signedEdited.id })).toEqual({ verdict: 'forged', reason: 'bad_signature' });
    expect((await verify({ qr: signedEdited.qr })).verdict).toBe('forged');

    const columnEdited = (await issue(gafj, { holderId: WANG, holderName: '王五' })).json();
    await p.database.db.execute(
      sql`update registry.licenses set valid_until = '2099-01-01' where license_id = ${columnEdited.id}`,
    );
    expect(await verify({ id: columnEdited.id })).toEqual({ verdict: 'forged', reason: 'bad_signature' });
  });

  it('calls a license signed with another department’s key forged', async () => {
    const own = (await issue(gafj, { holderId: WANG, holderName: '王五' })).json();
    expect((await issue(mzj, { holderId: WANG, holderName: '王五', typeCode: MZJ_TYPE })).statusCode).toBe(
      201,
    );
    const [mzjKey] = await queryRows<{ id: number; private_key: string }>(
      p.database.db,
      sql`select id, private_key from registry.signing_keys where department_id = ${mzjId}`,
    );
    // A QR code whose signature is genuine SM2 over the very same fields, but by 民政局, not 公安分局.
    const [stored] = await queryRows<{ signed_fields: SignedLicenseFields }>(
      p.database.db,
      sql`select signed_fields from registry.licenses where license_id = ${own.id}`,
    );
    const foreign = signLicense(stored!.signed_fields, mzjKey!.private_key);
    expect(await verify({ qr: licenseQrPayload(own.id, foreign) })).toEqual({
      verdict: 'forged',
      reason: 'bad_signature',
    });
    // The record pointed at the other department's key, and re-signed with it: still not the issuer's.
    await p.database.db.execute(
      sql`update registry.licenses set key_id = ${mzjKey!.id}, signature = ${foreign} where license_id = ${own.id}`,
    );
    expect((await verify({ id: own.id })).verdict).toBe('forged');
  });

  it('says expired once the last valid day is past, and lists it so', async () => {
    const old = (await issue(gafj, { issueDate: '2015-03-01', validUntil: '2020-02-29' })).json();
    expect(old.status).toBe('expired');
    const verdict = await verify({ qr: old.qr });
    expect(verdict).toMatchObject({ verdict: 'expired', license: { validUntil: '2020-02-29' } });
    expect((await entity(old.id)).values.status).toBe('过期');
    const expired = (await call('GET', '/api/registry/licenses?status=expired', admin)).json();
    expect(expired.items.map((l: { id: string }) => l.id)).toEqual([old.id]);
    const valid = (await call('GET', '/api/registry/licenses?status=valid', admin)).json();
    expect(valid.items.map((l: { id: string }) => l.id)).not.toContain(old.id);

    const backwards = await issue(gafj, { issueDate: '2020-01-02', validUntil: '2020-01-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toMatchObject([{ field: 'validUntil', reason: 'before_issue_date' }]);
  });

  it('revokes for the issuing department only, once, and the registry says 注销', async () => {
    const license = (await issue(gafj, {})).json();
    const foreign = await call('POST', `/api/registry/licenses/${license.id}/revoke`, mzj, {
      reason: '错误',
    });
    expect(foreign.statusCode).toBe(403);
    expect((await audits('access.denied')).map((a) => a.target_id)).toContain(license.id);
    expect(
      (await call('POST', `/api/registry/licenses/${license.id}/revoke`, leader, { reason: 'x' })).statusCode,
    ).toBe(403);
    expect((await verify({ id: license.id })).verdict).toBe('valid');

    const revoked = await call('POST', `/api/registry/licenses/${license.id}/revoke`, gafj, {
      reason: '信息有误',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedBy: 'gafj1', revokeReason: '信息有误' });
    const verdict = await verify({ qr: license.qr });
    expect(verdict.verdict).toBe('revoked');
    expect(verdict.license.revokedAt).toBeTruthy();
    expect((await entity(license.id)).values.status).toBe('注销');
    expect((await audits('license.revoke')).map((a) => a.target_id)).toContain(license.id);

    const again = await call('POST', `/api/registry/licenses/${license.id}/revoke`, admin, {
      reason: '再次',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('license_revoked');
  });

  it('brings the registry in line with licenses that ran out or were never delivered', async () => {
    const runsOut = (await issue(gafj, {})).json();
    const lost = (await issue(gafj, {})).json();
    // As if one license ran out since it was issued, and the process stopped before delivering the other.
    await p.database.db.execute(
      sql`update registry.licenses set valid_until = '2021-01-01', issue_date = '2020-01-01' where license_id = ${runsOut.id}`,
    );
    await p.database.db.execute(sql`delete from registry.source_records where key = ${lost.id}`);
    await p.database.db.execute(sql`delete from registry.entities where key = ${lost.id}`);
    expect((await entity(runsOut.id)).values.status).toBe('有效');
    expect(await p.modules.registry.licenses.syncRegistry()).toBe(2);
    expect((await entity(runsOut.id)).values.status).toBe('过期');
    expect((await entity(lost.id)).values).toMatchObject({ license_id: lost.id, status: '有效' });
    expect(await p.modules.registry.licenses.syncRegistry()).toBe(0);
  });

  it('issues for another department only for center staff', async () => {
    const sneaky = await issue(gafj, { issuerDepartmentId: mzjId });
    expect(sneaky.statusCode).toBe(403);
    expect((await issue(leader, {})).statusCode).toBe(403);
    expect((await issue(citizen, {})).statusCode).toBe(403);
    const byAdmin = await issue(admin, {
      issuerDepartmentId: mzjId,
      typeCode: MZJ_TYPE,
      holderIdType: '001',
      holderId: COMPANY_CODE,
      holderName: '望城某某有限公司',
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
    expect(byAdmin.json()).toMatchObject({ issuerName: '民政局', issuerCode: departmentCreditCode('MZJ') });
    const badHolder = await issue(gafj, { holderIdType: '001', holderId: '91430112ABC', typeCode: 'ABC' });
    expect(badHolder.statusCode).toBe(400);
    expect(badHolder.json().errors.map((e: { field: string }) => e.field)).toEqual(['holderId', 'typeCode']);
  });

  it('lets a department issue only the license types bound to it, center staff included', async () => {
    const refused = (res: { statusCode: number; json: () => { errors: unknown } }) => {
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'typeCode', reason: 'license_type_not_issuer' }),
      ]);
    };
    // 民政局 may not issue 公安部's ID card type, nor 公安分局 市场监管总局's business license; nor an unbound type.
    refused(await issue(mzj, {}));
    refused(await issue(gafj, { typeCode: '11100000MB0143028R001' }));
    expect((await issue(gafj, { typeCode: '11100000000099999X001' })).json().errors).toEqual([
      expect.objectContaining({ field: 'typeCode', reason: 'license_type_unknown' }),
    ]);
    // Center staff choosing the issuer are held to the same binding.
    refused(await issue(admin, { issuerDepartmentId: mzjId }));
    refused(await issue(admin, { issuerDepartmentId: gafjId, typeCode: MZJ_TYPE }));
    // Each its own: allowed.
    expect((await issue(mzj, { typeCode: MZJ_TYPE, typeName: '结婚证' })).statusCode).toBe(201);
    expect((await issue(gafj, {})).statusCode).toBe(201);
    expect((await issue(admin, { issuerDepartmentId: mzjId, typeCode: MZJ_TYPE })).statusCode).toBe(201);
    // A bulk issue is refused whole, naming the entry.
    await expect(
      p.modules.registry.licenses.issueMany(ctx, [
        {
          holderId: ZHANG,
          holderIdType: '111',
          holderName: '张三',
          typeCode: TYPE,
          typeName: '居民身份证明',
          issuerDepartmentId: mzjId,
        },
      ]),
    ).rejects.toMatchObject({ fields: [{ field: '0.typeCode', reason: 'license_type_not_issuer' }] });
  });

  it('offers each department the types it issues, and refuses a type or name not in the list', async () => {
    const types = async (who: Headers) => {
      const res = await call('GET', '/api/registry/licenses/types', who);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { code: string; name: string; departmentId: number }[];
    };
    expect((await types(gafj)).map((t) => t.name)).toEqual(['居民身份证明', '居住证', '居民身份证电子证照']);
    expect(await types(mzj)).toEqual([
      { code: MZJ_TYPE, name: '结婚证', departmentId: mzjId, departmentName: '民政局' },
      expect.objectContaining({ code: '11100000000014286D004', name: '离婚证' }),
    ]);
    // Center staff choose the issuer: every type, each with its department.
    expect((await types(admin)).map((t) => t.name)).toEqual(
      expect.arrayContaining(['居民身份证明', '结婚证', '营业执照']),
    );
    for (const who of [leader, citizen])
      expect((await call('GET', '/api/registry/licenses/types', who)).statusCode).toBe(403);

    // A well-formed type of 公安部 that is not listed: nobody issues it, whatever its name says.
    const unlisted = await issue(gafj, { typeCode: '11100000000013338W099', typeName: '临时居民身份证' });
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.json().errors).toEqual([
      expect.objectContaining({ field: 'typeCode', reason: 'license_type_unknown' }),
    ]);
    // A listed type under another name typed in: refused, naming the list's.
    const renamed = await issue(gafj, { typeName: '任意证明' });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().errors).toEqual([
      expect.objectContaining({
        field: 'typeName',
        reason: 'license_type_name',
        message: '证照类型名称应为“居民身份证明”',
      }),
    ]);
    // Without a name the license takes the list's.
    const { typeName: _, ...withoutName } = {
      holderId: ZHANG,
      holderIdType: '111',
      holderName: '张三',
      typeCode: '11100000000013127D001',
      typeName: '',
    };
    const named = await call('POST', '/api/registry/licenses', gafj, withoutName);
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json().typeName).toBe('居民身份证电子证照');
  });

  it('issues to a holder picked from the registries, taking the code and name from there', async () => {
    const person = id('43011219950606115');
    const company = `91430112MA4L0PK${'77'}`;
    const companyCode = `${company}${creditCodeCheck(company)}`;
    const ingest = p.modules.ingest.service;
    await ingest.ingestRecords(ctx, 'gafj_household', [
      { 公民身份号码: person, 姓名: '欧阳选中', 性别: '男', 出生日期: '1995-06-06' },
    ]);
    await ingest.ingestRecords(ctx, 'scjgj_entities', [
      { 统一社会信用代码: companyCode, 主体名称: '望城选中有限公司' },
    ]);
    await ingest.idle();
    // The issuer finds the person as the registry shows them to it: masked, with a ref to pick.
    const found = await call(
      'GET',
      `/api/registry/population/entities?q=${encodeURIComponent('欧阳选中')}`,
      mzj,
    );
    const [entry] = found.json().items;
    expect(entry.key).not.toBe(person);
    const issued = await issue(mzj, {
      typeCode: MZJ_TYPE,
      holderId: undefined,
      holderName: undefined,
      holderRef: entry.ref,
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ holderId: person, holderName: '欧阳选中', typeName: '结婚证' });
    // A legal person is picked by its credit code (its ref).
    const business = await issue(admin, {
      issuerDepartmentId: (await p.modules.org.service.findDepartmentByCode('SCJGJ'))!.id,
      typeCode: '11100000MB0143028R001',
      holderIdType: '001',
      holderId: undefined,
      holderName: undefined,
      holderRef: companyCode,
    });
    expect(business.statusCode, business.body).toBe(201);
    expect(business.json()).toMatchObject({ holderId: companyCode, holderName: '望城选中有限公司' });

    const refusal = async (body: Record<string, unknown>) => {
      const res = await issue(mzj, { typeCode: MZJ_TYPE, ...body });
      expect(res.statusCode).toBe(400);
      return res.json().errors;
    };
    // An unknown ref, and a company's code picked as a person.
    for (const holderRef of ['999999999', companyCode])
      expect(await refusal({ holderRef, holderId: undefined, holderName: undefined })).toEqual([
        expect.objectContaining({ field: 'holderRef', reason: 'holder_not_in_registry' }),
      ]);
    // A picked holder with a code beside it: which one is meant?
    expect(await refusal({ holderRef: entry.ref, holderName: undefined })).toEqual([
      expect.objectContaining({ field: 'holderId', reason: 'holder_picked' }),
    ]);
    // Neither picked nor given.
    expect(await refusal({ holderId: undefined, holderName: undefined })).toEqual([
      expect.objectContaining({ field: 'holderId', reason: 'required' }),
    ]);
  });

  it('masks the holder by default, shows it raw only when asked with a reason by those who may, and audits the view once', async () => {
    const license = (await issue(gafj, { holderId: LI, holderName: '李四' })).json();
    const maskedLi = { holderId: `430112********${LI.slice(-4)}`, holderName: '李*', masked: true, qr: null };
    const read = (headers: Headers, query = '') =>
      call('GET', `/api/registry/licenses/${license.id}${query}`, headers);
    const list = (headers: Headers, query: string, holder = '李四') =>
      call(
        'GET',
        `/api/registry/licenses?issuer=${gafjId}&holder=${encodeURIComponent(holder)}${query}`,
        headers,
      );
    const before = (await audits('data.read_personal')).length;

    // Masked by default, for everyone: the issuing department and center staff too.
    for (const headers of [mzj, gafj, admin]) expect((await read(headers)).json()).toMatchObject(maskedLi);
    for (const headers of [leader, gafj, admin]) {
      const page = (await list(headers, '', '')).json();
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((l: { masked: boolean; qr: string | null }) => l.masked && !l.qr)).toBe(true);
      // Filtering on a person's name or ID number needs the raw view: a masked hit would confirm a guess.
      for (const guess of ['李四', LI]) expect((await list(headers, '', guess)).json().total).toBe(0);
    }
    // Raw needs a reason, whoever asks.
    for (const [headers, query] of [
      [gafj, '?raw=true'],
      [gafj, '?raw=true&reason=%20'],
      [mzj, '?raw=true'],
    ] as const) {
      const res = await read(headers, query);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('raw_reason_required');
    }
    expect((await list(gafj, '&raw=true')).json().code).toBe('raw_reason_required');
    // A caller who may not handle the license stays masked, reason or not.
    const why = `&reason=${encodeURIComponent('核对持证人')}`;
    expect((await read(mzj, `?raw=true${why}`)).json()).toMatchObject(maskedLi);
    const byLeader = (await list(leader, `&raw=true${why}`)).json();
    expect(byLeader.items.every((l: { masked: boolean }) => l.masked)).toBe(true);
    expect(await audits('data.read_personal')).toHaveLength(before);

    // The issuing department, asking raw with a reason, sees the holder and the QR code.
    const raw = (await read(gafj, `?raw=true${why}`)).json();
    expect(raw).toMatchObject({ holderId: LI, holderName: '李四', masked: false });
    expect(raw.qr).toMatch(/^OCL1:/);
    const reads = await audits('data.read_personal');
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({
      actor_name: 'gafj1',
      target_id: license.id,
      detail: expect.objectContaining({ reason: '核对持证人', licenses: [license.id] }),
    });
    // Reading it again for the same reason is the same view: no second entry.
    expect((await read(gafj, `?raw=true${why}`)).json().masked).toBe(false);
    expect(await audits('data.read_personal')).toHaveLength(before + 1);

    // A list read raw: two page fetches of the same view are one entry, with its reason.
    const page1 = (await list(admin, `&raw=true${why}&pageSize=1&page=1`)).json();
    expect(page1.items[0]).toMatchObject({ holderName: '李四', masked: false });
    expect(page1.total).toBeGreaterThan(1);
    const page2 = (await list(admin, `&raw=true${why}&pageSize=1&page=2`)).json();
    expect(page2.items[0]).toMatchObject({ holderName: '李四', masked: false });
    const afterList = await audits('data.read_personal');
    expect(afterList).toHaveLength(before + 2);
    expect(afterList.at(-1)).toMatchObject({
      actor_name: 'admin',
      detail: expect.objectContaining({ reason: '核对持证人' }),
    });
    // With the raw view the filter finds people, but only among the licenses the caller may see raw.
    expect((await list(gafj, `&raw=true${why}`, LI)).json().items[0]).toMatchObject({ holderId: LI });
    expect((await list(leader, `&raw=true${why}`, LI)).json().total).toBe(0);
  });

  it('shows a citizen their own licenses only, and no one else the whole list', async () => {
    expect((await call('GET', '/api/registry/licenses', citizen)).statusCode).toBe(403);
    const before = (await audits('data.read_personal')).length;
    const mine = await call('GET', '/api/registry/licenses/mine', citizen);
    expect(mine.statusCode, mine.body).toBe(200);
    // Their own data, read again: one view, one audit entry.
    expect((await call('GET', '/api/registry/licenses/mine', citizen)).statusCode).toBe(200);
    expect(await audits('data.read_personal')).toHaveLength(before + 1);
    const own = mine.json() as { holderId: string; qr: string | null }[];
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(own.every((l) => l.holderId === ZHANG && l.qr)).toBe(true);
    const [{ n }] = (await queryRows<{ n: number }>(
      p.database.db,
      sql`select count(*)::int as n from registry.licenses where holder_id = ${ZHANG}`,
    )) as [{ n: number }];
    expect(own).toHaveLength(n);
    expect((await call('GET', '/api/registry/licenses/mine', stranger)).statusCode).toBe(403);
    expect((await call('GET', '/api/registry/licenses/mine', gafj)).statusCode).toBe(403);
  });

  it('issues 200 licenses in one call, numbered without gaps, each in the registry and verifiable', async () => {
    const countBefore = (await p.modules.registry.service.stats()).license;
    const inputs = Array.from({ length: 200 }, (_, i) => ({
      holderId: id(`43011220010101${String(i).padStart(3, '0')}`),
      holderIdType: '111' as const,
      holderName: `市民${i}`,
      typeCode: i % 2 ? '11100000000013338W022' : MZJ_TYPE,
      typeName: i % 2 ? '居住证' : '结婚证',
      validUntil: '2030-12-31',
      issuerDepartmentId: i % 2 ? gafjId : mzjId,
    }));
    const issued = await p.modules.registry.licenses.issueMany(ctx, inputs);
    expect(issued).toHaveLength(200);
    expect(new Set(issued.map((l) => l.id)).size).toBe(200);
    const serials = issued
      .filter((l) => l.issuerDepartmentId === gafjId)
      .map((l) => (parseLicenseId(l.id) as { value: { serial: number } }).value.serial)
      .sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect((await p.modules.registry.service.stats()).license).toBe(countBefore + 200);
    const sample = issued[137]!;
    expect((await entity(sample.id)).values).toMatchObject({ holder_name: '市民137', status: '有效' });
    expect((await verify({ qr: sample.qr! })).verdict).toBe('valid');
    expect((await audits('license.issue_many')).map((a) => a.detail.count)).toEqual([100, 100]);

    // One bad input refuses the whole call.
    const bad = [...inputs.slice(0, 3), { ...inputs[3]!, holderId: '123' }];
    await expect(p.modules.registry.licenses.issueMany(ctx, bad)).rejects.toMatchObject({
      fields: [{ field: '3.holderId', reason: 'id_number_format' }],
    });
    expect((await p.modules.registry.service.stats()).license).toBe(countBefore + 200);
  });
});
