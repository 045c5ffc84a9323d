// Filling forms in the app (最多报一次): the forms a resident or company may fill, prefilled from the registries
// with provenance, free answers asked once and reused with consent, the submission to each receiving department,
// the resident's own submissions and consents; who may not, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import type { Ctx } from '../../../core/context.ts';
import { maskIdNumber } from '../../../core/masking.ts';
import { citizenPlatform, company, residents } from '../../citizen/citizen-test-kit.ts';
import type { CitizenSubject } from '../../citizen/index.ts';
import {
  draftForm,
  markRead,
  newbornForm,
  putForms,
  resumptionForm,
  returneeForm,
} from './filling-test-kit.ts';

type Platform = Awaited<ReturnType<typeof citizenPlatform>>;
type Who = { cookie: string };
type FieldOut = {
  key: string;
  value: string | null;
  confirmOnly: boolean;
  reused: boolean;
  provenance: unknown;
  reusedFrom: unknown;
};

const ZHANG = residents.zhang;

/** Answers to the returnee form's free fields that pass every check. */
const returneeAnswers = {
  from_city: '武汉市',
  back_on: '2026-12-01',
  health_code: '绿码',
  temperature: 36.5,
  fever: false,
  employer: '望城区人民医院',
  emergency_phone: '0731-88889999',
};

describe.each(databaseKinds)('filling forms on %s', (kind) => {
  let t: Platform;
  let formIds: Record<string, number>;
  let departments: Map<string, number>;
  const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, who: Who | null, more: object = {}) =>
    t.p.app.inject({ method, url, headers: { ...(who ?? {}) }, ...more });
  const get = (url: string, who: Who | null = t.as.zhang!) => inject('GET', url, who);
  const submit = (code: string, payload: object, who: Who = t.as.zhang!) =>
    inject('POST', `/api/forms/available/${code}/submissions`, who, { payload });
  const fields = (body: { fields: FieldOut[] }) => new Map(body.fields.map((f) => [f.key, f]));

  /** The audit entries of an action, newest first. */
  async function audited(action: string) {
    const { items } = await t.p.modules.audit.service.list(ctxOf(0), {
      action,
      page: 1,
      pageSize: 50,
      sort: 'newest',
    });
    return items;
  }
  const ctxOf = (userId: number): Ctx => ({
    actor: {
      userId,
      username: userId ? 'resident.zhang' : 'test',
      displayName: '张三',
      departmentId: null,
      roles: userId ? ['citizen'] : ['admin'],
      via: userId ? 'session' : 'system',
    },
    ip: null,
    requestId: null,
  });

  beforeAll(async () => {
    t = await citizenPlatform(kind);
    const directory = await t.p.modules.org.service.departmentDirectory();
    departments = new Map([...directory.byCode].map(([code, d]) => [code, d.id]));
    formIds = await putForms(t.p.database.db, departments, [
      returneeForm,
      newbornForm,
      resumptionForm,
      draftForm,
    ]);
  });
  afterAll(() => t?.p.close());

  it('refuses callers without a session (401) and staff of any kind (403)', async () => {
    const routes: ['GET' | 'POST' | 'DELETE', string][] = [
      ['GET', '/api/forms/available'],
      ['GET', '/api/forms/available/returnee'],
      ['POST', '/api/forms/available/returnee/submissions'],
      ['GET', '/api/forms/submissions'],
      ['GET', '/api/forms/submissions/1'],
      ['GET', '/api/forms/remembered'],
      ['DELETE', '/api/forms/remembered/employer'],
    ];
    for (const [method, url] of routes) {
      const payload = method === 'POST' ? { payload: { answers: {} } } : {};
      expect((await inject(method, url, null, payload)).statusCode, `${method} ${url}`).toBe(401);
      for (const staff of ['admin', 'steward', 'wjj', 'operator', 'leader'])
        expect(
          (await inject(method, url, t.as[staff]!, payload)).statusCode,
          `${staff} ${method} ${url}`,
        ).toBe(403);
    }
  });

  it("lists the published forms for a person, not a company's or a draft, none submitted yet", async () => {
    const res = await get('/api/forms/available');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.subject).toEqual({ kind: 'person', name: '张三' });
    expect(body.items.map((f: { code: string }) => f.code)).toEqual(['newborn', 'returnee']);
    expect(body.items.find((f: { code: string }) => f.code === 'returnee')).toMatchObject({
      title: '返望人员登记',
      audience: 'person',
      receivingDepartments: ['卫健局', '公安分局'],
      fieldCount: 12,
      prefilledCount: 5,
      submitted: false,
      lastSubmissionId: null,
    });
  });

  it('prefills bound fields from the registries with their provenance in plain words, audited', async () => {
    const res = await get('/api/forms/available/returnee');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code: 'returnee',
      title: '返望人员登记',
      version: 1,
      subject: { kind: 'person', name: '张三' },
      receivingDepartments: ['卫健局', '公安分局'],
      lastSubmissionId: null,
    });
    const f = fields(body);
    const fromHousehold = {
      department: '公安分局',
      resource: '户籍人口登记信息',
      observedAt: expect.any(String),
    };
    expect(f.get('name')).toMatchObject({ value: '张三', confirmOnly: true, provenance: fromHousehold });
    expect(f.get('id_number')).toMatchObject({
      value: ZHANG.idNumber,
      confirmOnly: true,
      provenance: fromHousehold,
    });
    expect(f.get('phone')).toMatchObject({ value: ZHANG.phone, confirmOnly: true });
    expect(f.get('address')).toMatchObject({ value: ZHANG.address, confirmOnly: true });
    // The registries have no marital status for 张三: nothing to confirm, nothing made up.
    expect(f.get('marital')).toMatchObject({ value: null, confirmOnly: true, provenance: null });
    // Free fields: nothing remembered yet.
    expect(f.get('employer')).toMatchObject({
      value: null,
      confirmOnly: false,
      reused: false,
      reusedFrom: null,
    });
    expect(f.get('health_code')).toMatchObject({
      options: ['绿码', '黄码', '红码'],
      reuseKey: 'health_code_color',
    });
    const [entry] = await audited('forms.prefill_read');
    expect(entry).toMatchObject({
      actorName: 'resident.zhang',
      targetType: 'form',
      targetId: String(formIds.returnee),
    });
    expect(entry!.detail).toMatchObject({
      code: 'returnee',
      subjectKind: 'person',
      subjectKey: maskIdNumber(ZHANG.idNumber),
      prefilled: ['name', 'id_number', 'phone', 'address'],
    });
    expect(JSON.stringify(entry!.detail)).not.toContain(ZHANG.idNumber);
  });

  it("says a company's form is for companies when the resident acts for themselves (403), a draft is not found", async () => {
    const company403 = await get('/api/forms/available/resumption');
    expect(company403.statusCode).toBe(403);
    expect(company403.json()).toMatchObject({ code: 'form_for_companies' });
    expect(company403.json().detail).toContain('企业');
    const post = await submit('resumption', {
      answers: { staff: 3, all_healthy: true },
      confirmPrefilled: true,
    });
    expect(post.statusCode).toBe(403);
    expect(post.json().code).toBe('form_for_companies');
    expect((await get('/api/forms/available/draft_only')).statusCode).toBe(404);
    expect((await get('/api/forms/available/no_such_form')).statusCode).toBe(404);
    expect((await submit('draft_only', { answers: { q: 'x' } })).statusCode).toBe(404);
  });

  it('refuses acting for a company the resident does not represent', async () => {
    const res = await inject('GET', '/api/forms/available', t.as.li!, {
      headers: { ...t.as.li!, 'x-acting-for': company.creditCode },
    });
    expect(res.statusCode).toBe(403);
  });

  it('asks to confirm the prefilled values, and names each free field with a problem', async () => {
    const unconfirmed = await submit('returnee', { answers: returneeAnswers });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json()).toMatchObject({
      code: 'invalid_answers',
      errors: [{ field: 'confirmPrefilled', reason: 'prefill_not_confirmed' }],
    });
    const bad = await submit('returnee', {
      confirmPrefilled: true,
      answers: {
        ...returneeAnswers,
        back_on: '2026/12/01',
        health_code: '蓝码',
        temperature: 'hot',
        emergency_phone: '12345',
        from_city: '',
        surprise: 'x',
      },
    });
    expect(bad.statusCode).toBe(400);
    const errors = bad.json().errors as { field: string; reason: string; message: string; params?: object }[];
    expect(errors.map((e) => [e.field, e.reason])).toEqual([
      ['surprise', 'unknown_field'],
      ['from_city', 'required'],
      ['back_on', 'answer_not_a_date'],
      ['health_code', 'invalid_value'],
      ['temperature', 'answer_not_a_number'],
      ['emergency_phone', 'answer_not_a_phone'],
    ]);
    expect(errors.find((e) => e.field === 'back_on')).toMatchObject({
      message: '应为日期（年-月-日）',
      params: { label: '返望日期' },
    });
    expect(bad.json().detail).toContain('back_on');
    // Nothing was stored.
    expect((await get('/api/forms/submissions')).json().total).toBe(0);
  });

  let first: number;
  it('takes bound answers from the registries, not from the app, delivers to each department, remembers with consent', async () => {
    const res = await submit('returnee', {
      confirmPrefilled: true,
      rememberConsent: true,
      // A changed name and ID number are ignored: the registries' values are what the departments get.
      answers: { ...returneeAnswers, name: '王五', id_number: residents.wang.idNumber },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    first = body.id;
    expect(body).toMatchObject({
      formCode: 'returnee',
      formTitle: '返望人员登记',
      formVersion: 1,
      subjectKind: 'person',
      subjectName: '张三',
      deliveredTo: 2,
      readBy: 0,
      remembered: ['health_code_color', 'employer', 'emergency_phone'],
    });
    const answers = new Map(body.answers.map((a: { key: string }) => [a.key, a]));
    expect(answers.get('name')).toEqual({
      key: 'name',
      label: '姓名',
      type: 'text',
      value: '张三',
      prefilled: true,
      reused: false,
    });
    expect(answers.get('id_number')).toMatchObject({ value: ZHANG.idNumber, prefilled: true });
    expect(answers.get('temperature')).toMatchObject({ value: '36.5', prefilled: false });
    expect(answers.get('fever')).toMatchObject({ value: 'false' });
    expect(answers.has('marital')).toBe(false);
    expect(body.deliveries).toEqual(
      [
        { departmentId: departments.get('GAFJ'), departmentName: '公安分局', readAt: null },
        { departmentId: departments.get('WJJ'), departmentName: '卫健局', readAt: null },
      ].sort((a, b) => a.departmentId! - b.departmentId!),
    );
    const [entry] = await audited('forms.submit');
    expect(entry).toMatchObject({
      targetType: 'form_submission',
      targetId: String(first),
      actorName: 'resident.zhang',
    });
    expect(entry!.detail).toMatchObject({
      code: 'returnee',
      subjectKey: maskIdNumber(ZHANG.idNumber),
      remembered: ['health_code_color', 'employer', 'emergency_phone'],
    });
    expect(JSON.stringify(entry!.detail)).not.toContain(ZHANG.idNumber);
    // The list now says it was submitted.
    const list = (await get('/api/forms/available')).json().items;
    expect(list.find((f: { code: string }) => f.code === 'returnee')).toMatchObject({
      submitted: true,
      lastSubmissionId: first,
    });
  });

  it('prefills the same question on the next form with the remembered answer and where it came from', async () => {
    const f = fields((await get('/api/forms/available/newborn')).json());
    expect(f.get('work')).toMatchObject({
      value: '望城区人民医院',
      confirmOnly: false,
      reused: true,
      reusedFrom: { formTitle: '返望人员登记', consentedAt: expect.any(String) },
    });
    expect(f.get('contact')).toMatchObject({ value: '0731-88889999', reused: true });
    expect(f.get('household')).toMatchObject({ value: '43011201', confirmOnly: true });
    expect(f.get('baby_name')).toMatchObject({ value: null, reused: false });
  });

  let second: number;
  it('marks reused answers on the submission, and without consent remembers nothing new', async () => {
    const res = await submit('newborn', {
      confirmPrefilled: true,
      rememberConsent: false,
      answers: {
        baby_name: '张小宝',
        baby_born_on: '2026-11-20',
        work: '望城区人民医院',
        contact: '13912345678',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    second = res.json().id;
    expect(res.json().remembered).toEqual([]);
    const answers = new Map(
      res.json().answers.map((a: { key: string; reused: boolean }) => [a.key, a.reused]),
    );
    expect(answers.get('work')).toBe(true);
    expect(answers.get('contact')).toBe(false); // changed, so not the reused answer
    const remembered = (await get('/api/forms/remembered')).json().items;
    expect(remembered.find((r: { reuseKey: string }) => r.reuseKey === 'emergency_phone').value).toBe(
      '0731-88889999',
    );
  });

  it("lists the resident's own submissions and shows one with who received it and whether they read it", async () => {
    const page = (await get('/api/forms/submissions?pageSize=1')).json();
    expect(page.total).toBe(2);
    expect(page.items).toEqual([expect.objectContaining({ id: second, formTitle: '新生儿落户与医保参保' })]);
    const more = (await get('/api/forms/submissions?page=2&pageSize=1')).json();
    expect(more.items.map((s: { id: number }) => s.id)).toEqual([first]);
    await markRead(t.p.database.db, first, departments.get('WJJ')!, new Date('2026-12-07T02:00:00Z'));
    const res = await get(`/api/forms/submissions/${first}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: first, readBy: 1, deliveredTo: 2 });
    expect(res.json().deliveries).toContainEqual({
      departmentId: departments.get('WJJ'),
      departmentName: '卫健局',
      readAt: '2026-12-07T02:00:00.000Z',
    });
    expect((await audited('forms.submission_read'))[0]).toMatchObject({ targetId: String(first) });
  });

  it("hides another resident's submissions (404) and lists none of them", async () => {
    expect((await get(`/api/forms/submissions/${first}`, t.as.li!)).statusCode).toBe(404);
    expect((await get('/api/forms/submissions/999999', t.as.zhang!)).statusCode).toBe(404);
    expect((await get('/api/forms/submissions', t.as.li!)).json()).toEqual({ items: [], total: 0 });
    expect((await get('/api/forms/remembered', t.as.li!)).json()).toEqual({ items: [] });
    // 李四's form is prefilled with her own registry entry, and none of 张三's answers.
    const f = fields((await get('/api/forms/available/newborn', t.as.li!)).json());
    expect(f.get('parent_name')!.value).toBe('李四');
    expect(f.get('work')).toMatchObject({ value: null, reused: false });
  });

  it('lists the answers agreed to be reused, and forgets one when consent is withdrawn', async () => {
    const res = await get('/api/forms/remembered');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      {
        reuseKey: 'emergency_phone',
        label: '紧急联系人电话',
        value: '0731-88889999',
        formTitle: '返望人员登记',
        consentedAt: expect.any(String),
      },
      expect.objectContaining({ reuseKey: 'employer', label: '工作单位', value: '望城区人民医院' }),
      expect.objectContaining({ reuseKey: 'health_code_color', value: '绿码' }),
    ]);
    expect((await audited('forms.remembered_read')).length).toBeGreaterThan(0);
    // 李四 cannot withdraw 张三's consent: she has none of her own under that key.
    expect((await inject('DELETE', '/api/forms/remembered/employer', t.as.li!)).statusCode).toBe(404);
    expect((await inject('DELETE', '/api/forms/remembered/employer', t.as.zhang!)).statusCode).toBe(204);
    expect((await inject('DELETE', '/api/forms/remembered/employer', t.as.zhang!)).statusCode).toBe(404);
    expect((await audited('forms.remembered_withdraw'))[0]!.detail).toMatchObject({ reuseKey: 'employer' });
    const f = fields((await get('/api/forms/available/newborn')).json());
    expect(f.get('work')).toMatchObject({ value: null, reused: false });
    expect(f.get('contact')).toMatchObject({ value: '0731-88889999', reused: true });
  });

  it("fills a company's form for the company it acts for, from the legal-person registry", async () => {
    const me = (await get('/api/auth/me')).json();
    const subject: CitizenSubject = {
      kind: 'company',
      key: company.creditCode,
      name: company.name,
      userId: me.id,
      idNumber: ZHANG.idNumber,
    };
    const filling = t.p.modules.forms.filling;
    const form = await filling.formToFill(ctxOf(me.id), subject, 'resumption');
    const f = new Map(form.fields.map((x) => [x.key, x]));
    expect(f.get('company')).toMatchObject({
      value: company.name,
      confirmOnly: true,
      provenance: { department: '市场监管局', resource: '市场主体登记信息' },
    });
    expect(f.get('credit_code')!.value).toBe(company.creditCode);
    expect(f.get('legal_rep')!.value).toBe('张三');
    // The person filling it in is the resident acting for the company.
    expect(f.get('filled_by')!.value).toBe('张三');
    const done = await filling.submit(ctxOf(me.id), subject, 'resumption', {
      answers: { staff: 12, all_healthy: true, company: '别的公司' },
      confirmPrefilled: true,
      rememberConsent: true,
    });
    expect(done).toMatchObject({
      subjectKind: 'company',
      subjectName: company.name,
      remembered: ['staff_count'],
    });
    expect(done.answers.find((a) => a.key === 'company')!.value).toBe(company.name);
    // The company's submissions and remembered answers are the company's, apart from 张三's own.
    expect((await filling.submissions(ctxOf(me.id), subject, { page: 1, pageSize: 20 })).total).toBe(1);
    expect((await get('/api/forms/submissions')).json().total).toBe(2);
    expect(
      (await get('/api/forms/remembered')).json().items.map((r: { reuseKey: string }) => r.reuseKey),
    ).not.toContain('staff_count');
    expect((await filling.available(ctxOf(me.id), subject)).items.map((x) => [x.code, x.submitted])).toEqual([
      ['resumption', true],
    ]);
    // A person's form is not the company's to fill.
    await expect(filling.formToFill(ctxOf(me.id), subject, 'returnee')).rejects.toMatchObject({
      status: 403,
      code: 'form_for_persons',
    });
    // 张三's own reading of the company's submission, acting for himself, finds nothing.
    expect((await get(`/api/forms/submissions/${done.id}`)).statusCode).toBe(404);
  });
});
