// Real-name sign-up: a resident whose name, ID number and phone match the population registry gets an account and
// is signed in; any mismatch is one answer; repeated failures pause sign-up for the ID number and the address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, noRateLimits, startTestPlatform } from '../../../../test/databases.ts';
import { idNumberCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';
import { CITIZEN_PASSWORD, citizenPlatform, residents } from '../citizen-test-kit.ts';

const id = (first17: string) => first17 + idNumberCheck(first17);

/** Two people the registry holds without a phone (a family sharing one mobile signs up with it). */
const family = {
  zhao: { idNumber: id('43011219700303441'), name: '赵六' },
  qian: { idNumber: id('43011219720404552'), name: '钱七' },
};
/** Someone the registry does not hold (a valid ID number all the same). */
const stranger = id('43011219950505663');

describe.each(databaseKinds)('real-name sign-up on %s', (kind) => {
  let platform: Awaited<ReturnType<typeof citizenPlatform>>;
  // The clock of the failure window; tests move it instead of waiting.
  let offset = 0;
  beforeAll(async () => {
    platform = await citizenPlatform(kind, () => new Date(Date.now() + offset));
    const { p } = platform;
    await p.modules.ingest.service.ingestRecords(
      systemCtx('test'),
      'gafj_household',
      Object.values(family).map((r, i) => ({
        公民身份号码: r.idNumber,
        姓名: r.name,
        性别: i === 0 ? '男' : '女',
        出生日期: `${r.idNumber.slice(6, 10)}-${r.idNumber.slice(10, 12)}-${r.idNumber.slice(12, 14)}`,
        民族: '汉族',
        住址: '望城区丁字湾街道丁字村3组',
        户号: '43011209',
      })),
    );
    await p.modules.ingest.service.idle();
  });
  afterAll(() => platform?.p.close());

  const signUp = (payload: Record<string, unknown>, remoteAddress = '127.0.0.1', lang = 'zh-CN') =>
    platform.p.app.inject({
      method: 'POST',
      url: '/api/citizen/signup',
      remoteAddress,
      headers: { 'accept-language': lang },
      payload,
    });
  const signIn = (username: string, password = 'Wang#Wu2026') =>
    platform.p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const wang = {
    name: residents.wang.name,
    idNumber: residents.wang.idNumber,
    phone: residents.wang.phone,
    password: 'Wang#Wu2026',
  };
  const audit = async (query: string) =>
    (await platform.call('GET', `/api/audit?pageSize=50&${query}`, platform.as.admin!)).json().items as {
      action: string;
      actorName: string;
      outcome: string;
      detail: Record<string, unknown>;
    }[];

  it('refuses a mismatch with one answer that names no field, and audits it', async () => {
    const answers = [
      await signUp({ ...wang, name: '王六' }, '10.7.0.1'),
      await signUp({ ...wang, phone: '13700137001' }, '10.7.0.1'),
      await signUp({ ...wang, idNumber: stranger }, '10.7.0.1'),
      // 张三 has an account: only someone who knows all three learns that.
      await signUp({ ...wang, idNumber: residents.zhang.idNumber }, '10.7.0.1'),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'real_name_mismatch', errors: [] });
      expect(res.cookies.find((c) => c.name === 'onecity_session')).toBeUndefined();
    }
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);
    expect(answers[0]!.json().detail).toBe('实名信息核验未通过，请核对姓名、身份证号和手机号后重试');
    const refused = await audit('action=citizen.signup&outcome=denied');
    expect(refused.length).toBeGreaterThanOrEqual(4);
    expect(refused[0]!.detail.reason).toBe('real_name_mismatch');
    // The ID number is masked in the log.
    expect(JSON.stringify(refused)).not.toContain(residents.wang.idNumber);
  });

  it('names the bad field of a malformed request, without counting it as a failed check', async () => {
    const badId = await signUp({ ...wang, idNumber: `${residents.wang.idNumber.slice(0, 17)}0` }, '10.7.1.1');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors).toEqual([
      expect.objectContaining({ field: 'idNumber', reason: 'id_number_checksum' }),
    ]);
    const weak = await signUp({ ...wang, password: 'password' }, '10.7.1.1');
    expect(weak.json()).toMatchObject({ code: 'weak_password', errors: [{ field: 'password' }] });
    const phone = await signUp({ ...wang, phone: '1370013700' }, '10.7.1.1');
    expect(phone.json().errors).toEqual([expect.objectContaining({ field: 'phone' })]);
    const extra = await signUp({ ...wang, role: 'admin' }, '10.7.1.1');
    expect(extra.statusCode).toBe(400);
    expect(
      (await audit('action=citizen.signup&outcome=denied')).every((e) => e.detail.reason !== 'signup_locked'),
    ).toBe(true);
  });

  it('makes the account of a matching resident and signs them in at once', async () => {
    // Full-width digits from a Chinese keyboard and spaces around the name are the same.
    const res = await signUp({ ...wang, name: ' 王五 ', idNumber: wang.idNumber.replace('4', '４') });
    expect(res.statusCode).toBe(201);
    const me = res.json();
    expect(me).toMatchObject({
      displayName: '王五',
      roles: ['citizen'],
      departmentId: null,
      mustChangePassword: false,
    });
    expect(me.username).toMatch(/^c[a-z0-9]{10}$/);
    const cookie = res.cookies.find((c) => c.name === 'onecity_session')!;
    expect(cookie.httpOnly).toBe(true);
    const session = { cookie: `onecity_session=${cookie.value}` };
    expect((await platform.call('GET', '/api/auth/me', session)).json()).toMatchObject({ id: me.id });
    // The account carries the ID number: "my information" is the resident's own entry.
    const profile = await platform.call('GET', '/api/citizen/profile', session);
    expect(profile.json()).toMatchObject({ kind: 'person', name: '王五' });
    // The resident signs in with the ID number, the phone, or the user name.
    for (const name of [wang.idNumber, wang.phone, me.username])
      expect((await signIn(name)).json(), name).toMatchObject({ id: me.id });
    expect((await signIn(wang.idNumber, 'Wrong#Pass1')).statusCode).toBe(401);
    // Audited: the account's creation and the sign-up as the resident's own acts, and the first session.
    const mine = await audit(`actor=${me.username}`);
    expect(mine.map((e) => e.action)).toEqual(
      expect.arrayContaining(['citizen.signup', 'user.create', 'auth.login']),
    );
    expect(mine.find((e) => e.action === 'user.create')!.detail).toMatchObject({
      via: 'signup',
      idNumber: expect.stringContaining('*'),
      phone: expect.stringContaining('*'),
    });
    // Once only.
    const again = await signUp(wang, '10.7.2.1');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'id_number_registered' });
  });

  it('takes any phone for a person the registry holds none for; a phone two accounts share signs in neither', async () => {
    const shared = '13600136000';
    const zhao = await signUp({ ...family.zhao, phone: shared, password: 'Zhao#Liu2026' });
    const qian = await signUp({ ...family.qian, phone: shared, password: 'Qian#Qi2026' });
    expect([zhao.statusCode, qian.statusCode]).toEqual([201, 201]);
    expect((await signIn(shared, 'Zhao#Liu2026')).statusCode).toBe(401);
    expect((await signIn(family.zhao.idNumber, 'Zhao#Liu2026')).statusCode).toBe(200);
    // The ID number's check letter may be typed in lower case.
    expect((await signIn(family.qian.idNumber.toLowerCase(), 'Qian#Qi2026')).statusCode).toBe(200);
  });

  it('pauses sign-up for an ID number after 5 failures within an hour, saying until when', async () => {
    const li = {
      name: '李三',
      idNumber: residents.li.idNumber,
      phone: residents.li.phone,
      password: 'Li#Si20260',
    };
    // From five addresses: the ID number's count, not an address's.
    for (let i = 1; i <= 5; i++) expect((await signUp(li, `10.8.0.${i}`)).statusCode).toBe(400);
    const locked = await signUp({ ...li, name: '李四' }, '10.8.0.9', 'en');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('signup_locked');
    expect(locked.json().detail).toMatch(
      /^Too many failed real-name checks; sign-up is paused, try again after \d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(3500);
    // Other ID numbers from those addresses go on.
    expect((await signUp({ ...wang, name: '错名' }, '10.8.0.9')).json().code).toBe('real_name_mismatch');
    const paused = await audit('action=citizen.signup&outcome=denied');
    expect(paused.some((e) => e.detail.reason === 'signup_locked')).toBe(true);
    // When the hour has passed, the right details pass the check (李四 has an account: 409 says so). The
    // sessions signed in before have timed out by then: nothing after this needs them.
    offset += 3_600_000 + 1000;
    expect((await signUp({ ...li, name: '李四' }, '10.8.0.9')).json().code).toBe('id_number_registered');
  });

  it('pauses sign-up from an address after 10 failures within an hour', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await signUp(
        { ...wang, idNumber: id(`43011219800101${String(i).padStart(2, '0')}1`) },
        '10.9.0.1',
      );
      expect(res.json().code, `attempt ${i + 1}`).toBe('real_name_mismatch');
    }
    const locked = await signUp(
      { ...family.zhao, phone: '13600136000', password: 'Zhao#Liu2026' },
      '10.9.0.1',
    );
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('signup_locked');
    // Another address is not paused.
    expect((await signUp({ ...wang, name: '错名' }, '10.9.0.2')).json().code).toBe('real_name_mismatch');
  });

  it('keeps the existing sign-in of the kit residents by user name', async () => {
    expect((await signIn('resident.zhang', CITIZEN_PASSWORD)).statusCode).toBe(200);
    expect((await signIn(residents.zhang.idNumber, CITIZEN_PASSWORD)).statusCode).toBe(200);
  });
});

describe.each(databaseKinds)('sign-up counts against the sign-in limit on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  beforeAll(async () => {
    p = await startTestPlatform(kind, { ...noRateLimits, ONECITY_RATE_LIMIT_LOGIN: '2' });
  });
  afterAll(() => p?.close());

  it('refuses the third call a minute from one address', async () => {
    const call = () =>
      p.app.inject({
        method: 'POST',
        url: '/api/citizen/signup',
        remoteAddress: '10.10.0.1',
        payload: { name: '某人', idNumber: stranger, phone: '13800000000', password: 'Some#One2026' },
      });
    expect((await call()).statusCode).toBe(400);
    expect((await call()).statusCode).toBe(400);
    const limited = await call();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
  });
});
