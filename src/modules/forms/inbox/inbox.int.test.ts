// The receiving departments' inbox: what each department sees of the submissions sent to it (masked in lists,
// whole and audited in the detail, which marks it read), what the center sees (masked), the XLSX export, and the
// refusals of another department's inbox.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { citizenPlatform, residents } from '../../citizen/citizen-test-kit.ts';
import {
  answersOf,
  type FormsPlatform,
  insertSubmission,
  personFields,
  personForm,
  withFormsIds,
} from '../console-test-kit.ts';

describe.each(databaseKinds)('forms inbox on %s', (kind) => {
  let platform: FormsPlatform;
  let formId: number;
  let otherFormId: number;
  let zhangSubmission: number;
  let liSubmission: number;
  let oldSubmission: number;
  beforeAll(async () => {
    platform = await withFormsIds(await citizenPlatform(kind));
    const { call, as, departmentIds: d, userIds } = platform;
    const form = await call('POST', '/api/forms', as.wjj!, personForm('inbox-form', [d.WJJ!, d.GAFJ!]));
    formId = form.json().id;
    await call('POST', `/api/forms/${formId}/publish`, as.wjj!);
    // A form CGJ owns and only WJJ receives.
    const other = await call('POST', '/api/forms', as.cgj!, personForm('cgj-owned', [d.WJJ!]));
    otherFormId = other.json().id;
    await call('POST', `/api/forms/${otherFormId}/publish`, as.cgj!);

    oldSubmission = await insertSubmission(platform, {
      formId,
      formVersion: 1,
      userId: userIds.li!,
      subjectKey: residents.li.idNumber,
      subjectName: residents.li.name,
      answers: { ...answersOf(residents.zhang), name: residents.li.name, id_number: residents.li.idNumber },
      departmentIds: [d.WJJ!, d.GAFJ!],
      submittedAt: new Date('2020-01-15T02:00:00Z'),
    });
    zhangSubmission = await insertSubmission(platform, {
      formId,
      formVersion: 1,
      userId: userIds.zhang!,
      subjectKey: residents.zhang.idNumber,
      subjectName: residents.zhang.name,
      answers: answersOf(residents.zhang),
      prefilledKeys: ['name', 'id_number', 'phone'],
      reusedKeys: ['returned_from'],
      departmentIds: [d.WJJ!, d.GAFJ!],
      submittedAt: new Date('2020-02-02T01:00:00Z'),
    });
    liSubmission = await insertSubmission(platform, {
      formId: otherFormId,
      formVersion: 1,
      userId: userIds.li!,
      subjectKey: residents.li.idNumber,
      subjectName: residents.li.name,
      answers: { ...answersOf(residents.zhang), name: residents.li.name },
      departmentIds: [d.WJJ!],
      submittedAt: new Date('2020-02-03T01:00:00Z'),
    });
  });
  afterAll(() => platform?.p.close());

  it('lists the submissions sent to my department, newest first, subjects masked, filtered and paged', async () => {
    const { call, as } = platform;
    const inbox = (await call('GET', '/api/forms/inbox', as.wjj!)).json();
    expect(inbox).toMatchObject({ total: 3, unread: 3 });
    expect(inbox.items.map((i: { submissionId: number }) => i.submissionId)).toEqual([
      liSubmission,
      zhangSubmission,
      oldSubmission,
    ]);
    expect(inbox.items[1]).toMatchObject({
      department: '卫健局',
      form: { id: formId, code: 'inbox-form' },
      formVersion: 1,
      subjectKind: 'person',
      subjectName: '张*',
      subjectKey: `${residents.zhang.idNumber.slice(0, 6)}********${residents.zhang.idNumber.slice(-4)}`,
      readAt: null,
    });
    expect(JSON.stringify(inbox)).not.toContain(residents.zhang.idNumber);

    const ids = async (query: string) =>
      (await call('GET', `/api/forms/inbox?${query}`, as.wjj!))
        .json()
        .items.map((i: { submissionId: number }) => i.submissionId);
    expect(await ids(`formId=${formId}`)).toEqual([zhangSubmission, oldSubmission]);
    expect(await ids(`q=${encodeURIComponent('张')}`)).toEqual([zhangSubmission]);
    expect(await ids(`q=${residents.li.idNumber}`)).toEqual([liSubmission, oldSubmission]);
    expect(await ids('from=2020-02-02&to=2020-02-02')).toEqual([zhangSubmission]);
    // Days are the district's: 2020-02-03 01:00Z is 09:00 in Shanghai on the 3rd.
    expect(await ids('from=2020-02-03')).toEqual([liSubmission]);
    expect(await ids('pageSize=2&page=2')).toEqual([oldSubmission]);
    // GAFJ receives the first form only.
    expect((await call('GET', '/api/forms/inbox', as.gafj!)).json()).toMatchObject({ total: 2, unread: 2 });
  });

  it('shows a receiving department the answers whole, audits the reading and marks the delivery read', async () => {
    const { call, as, departmentIds: d } = platform;
    const res = await call('GET', `/api/forms/inbox/${zhangSubmission}`, as.wjj!);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({
      submissionId: zhangSubmission,
      form: { id: formId, code: 'inbox-form', version: 1 },
      subjectName: '张三',
      subjectKey: residents.zhang.idNumber,
      masked: false,
    });
    expect(detail.answers.map((a: { key: string }) => a.key)).toEqual(personFields.map((f) => f.key));
    expect(detail.answers[1]).toMatchObject({
      key: 'id_number',
      label: '公民身份号码',
      value: residents.zhang.idNumber,
      prefilled: true,
      reused: false,
    });
    expect(detail.answers[3]).toMatchObject({ key: 'returned_from', value: '湖北省武汉市', reused: true });
    const wjj = detail.deliveries.find((x: { departmentId: number }) => x.departmentId === d.WJJ);
    const gafj = detail.deliveries.find((x: { departmentId: number }) => x.departmentId === d.GAFJ);
    expect(wjj.readAt).toEqual(expect.any(String));
    expect(gafj.readAt).toBeNull();

    const after = (await call('GET', '/api/forms/inbox?read=true', as.wjj!)).json();
    expect(after).toMatchObject({ total: 1, unread: 2, items: [{ submissionId: zhangSubmission }] });
    expect((await call('GET', '/api/forms/inbox?read=false', as.wjj!)).json().total).toBe(2);
    expect((await call('GET', '/api/forms/inbox', as.gafj!)).json().unread).toBe(2);
    // Reading again keeps the first reading's time.
    const again = (await call('GET', `/api/forms/inbox/${zhangSubmission}`, as.wjj!)).json();
    expect(again.deliveries.find((x: { departmentId: number }) => x.departmentId === d.WJJ).readAt).toBe(
      wjj.readAt,
    );

    const audit = (
      await call(
        'GET',
        `/api/audit?action=forms.submission_read&targetType=form_submission&targetId=${zhangSubmission}`,
        as.admin!,
      )
    ).json();
    expect(audit.total).toBe(2);
    expect(audit.items[0]).toMatchObject({ actorName: 'wjj', detail: { masked: false, department: d.WJJ } });
  });

  it('shows the center every department’s inbox, masked, without marking anything read', async () => {
    const { call, as, departmentIds: d } = platform;
    const all = (await call('GET', '/api/forms/inbox', as.steward!)).json();
    // Each delivery is a row: two departments got each submission of the first form.
    expect(all.total).toBe(5);
    const gafj = (await call('GET', `/api/forms/inbox?departmentId=${d.GAFJ}`, as.steward!)).json();
    expect(gafj).toMatchObject({ total: 2, unread: 2 });
    expect(gafj.items.every((i: { department: string }) => i.department === '公安分局')).toBe(true);

    const detail = (await call('GET', `/api/forms/inbox/${oldSubmission}`, as.steward!)).json();
    expect(detail).toMatchObject({ masked: true, subjectName: '李*' });
    const value = (key: string) => detail.answers.find((a: { key: string }) => a.key === key).value;
    expect(value('name')).toBe('李*');
    expect(value('id_number')).toBe(
      `${residents.li.idNumber.slice(0, 6)}********${residents.li.idNumber.slice(-4)}`,
    );
    expect(value('phone')).toBe('138****8000');
    expect(value('returned_from')).toBe('***');
    expect(value('return_date')).toBe('2020-**-**');
    expect(value('transport')).toBe('火车');
    expect(JSON.stringify(detail)).not.toContain(residents.li.idNumber);
    expect(detail.deliveries.every((x: { readAt: string | null }) => x.readAt === null)).toBe(true);
    expect((await call('GET', '/api/forms/inbox', as.wjj!)).json().unread).toBe(2);
  });

  it('refuses another department’s inbox and submissions, residents and anonymous callers', async () => {
    const { call, as, departmentIds: d } = platform;
    const other = await call('GET', `/api/forms/inbox?departmentId=${d.WJJ}`, as.cgj!);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('not_your_inbox');
    expect((await call('GET', `/api/forms/inbox?departmentId=${d.WJJ}`, as.wjj!)).statusCode).toBe(200);
    // Not delivered to CGJ (even for the form CGJ owns): not found, as if absent.
    expect((await call('GET', `/api/forms/inbox/${zhangSubmission}`, as.cgj!)).statusCode).toBe(404);
    expect((await call('GET', `/api/forms/inbox/${liSubmission}`, as.cgj!)).statusCode).toBe(404);
    expect((await call('GET', '/api/forms/inbox/999999', as.wjj!)).statusCode).toBe(404);
    expect((await call('GET', '/api/forms/inbox', as.cgj!)).json()).toMatchObject({ total: 0, unread: 0 });
    for (const who of [as.zhang!, as.leader!]) {
      expect((await call('GET', '/api/forms/inbox', who)).statusCode).toBe(403);
      expect((await call('GET', `/api/forms/inbox/${zhangSubmission}`, who)).statusCode).toBe(403);
      expect((await call('GET', `/api/forms/${formId}/submissions.xlsx`, who)).statusCode).toBe(403);
    }
    expect((await call('GET', `/api/forms/inbox/${zhangSubmission}`, null)).statusCode).toBe(401);
    const denied = (await call('GET', '/api/audit?action=access.denied&actor=cgj', as.admin!)).json();
    expect(denied.items.some((e: { detail: { code?: string } }) => e.detail.code === 'not_your_inbox')).toBe(
      true,
    );
  });

  /** A workbook's rows as arrays of cell values (1-based columns dropped to 0-based). */
  async function rowsOf(body: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: sheet.name, rows };
  }

  it('exports a form’s submissions as XLSX, one labelled column per question, whole for a receiver, audited', async () => {
    const { call, as } = platform;
    const res = await call('GET', `/api/forms/${formId}/submissions.xlsx`, as.gafj!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('form-inbox-form-submissions.xlsx');
    const { name, rows } = await rowsOf(res.rawPayload);
    expect(name).toBe('返望人员登记 inbox-form');
    expect(rows[0]).toEqual(['返望人员登记 inbox-form（inbox-form）']);
    expect(rows[1]).toEqual([
      '提交编号',
      '提交时间',
      '填报对象',
      '公民身份号码',
      '表单版本',
      ...personFields.map((f) => f.label),
    ]);
    expect(rows.slice(2).map((r) => r[0])).toEqual([oldSubmission, zhangSubmission]);
    expect(rows[3]).toEqual([
      zhangSubmission,
      '2020-02-02 09:00:00',
      '张三',
      residents.zhang.idNumber,
      1,
      '张三',
      residents.zhang.idNumber,
      residents.zhang.phone,
      '湖北省武汉市',
      '2020-02-01',
      '火车',
      '是',
      2,
    ]);
    const audit = (
      await call('GET', `/api/audit?action=forms.submissions_export&targetId=${formId}`, as.admin!)
    ).json();
    expect(audit.items[0]).toMatchObject({
      actorName: 'gafj',
      detail: { code: 'inbox-form', rows: 2, masked: false },
    });

    // In English, with the period narrowed.
    const en = await platform.p.app.inject({
      method: 'GET',
      url: `/api/forms/${formId}/submissions.xlsx?from=2020-02-01`,
      headers: { ...as.wjj!, 'accept-language': 'en' },
    });
    const english = await rowsOf(en.rawPayload);
    expect(english.rows[1]!.slice(0, 5)).toEqual([
      'Submission',
      'Submitted',
      'Subject',
      'ID number',
      'Form version',
    ]);
    expect(english.rows.length).toBe(3);
    expect(english.rows[2]![11]).toBe('Yes');
  });

  it('exports masked for the center, keeps answers to questions a later version dropped, and refuses non-receivers', async () => {
    const { call, as, departmentIds: d } = platform;
    const centre = await rowsOf(
      (await call('GET', `/api/forms/${formId}/submissions.xlsx`, as.admin!)).rawPayload,
    );
    expect(centre.rows.length).toBe(4);
    expect(centre.rows[3]!.slice(2, 4)).toEqual([
      '张*',
      `${residents.zhang.idNumber.slice(0, 6)}********${residents.zhang.idNumber.slice(-4)}`,
    ]);
    expect(JSON.stringify(centre.rows)).not.toContain(residents.zhang.idNumber);

    // Version 2 drops 同行人数: its answers keep a column, headed by the key.
    const v2 = await call(
      'PUT',
      `/api/forms/${formId}`,
      as.wjj!,
      personForm('inbox-form', [d.WJJ!, d.GAFJ!], { fields: personFields.filter((f) => f.key !== 'people') }),
    );
    expect(v2.json().version).toBe(2);
    const after = await rowsOf(
      (await call('GET', `/api/forms/${formId}/submissions.xlsx`, as.wjj!)).rawPayload,
    );
    expect(after.rows[1]!.at(-1)).toBe('people');
    expect(after.rows[3]!.at(-1)).toBe('2');
    const detail = (await call('GET', `/api/forms/inbox/${zhangSubmission}`, as.wjj!)).json();
    expect(detail.answers.at(-1)).toMatchObject({ key: 'people', label: 'people', type: null, value: '2' });

    // CGJ owns the second form but does not receive it; it does not see the first at all.
    const owner = await call('GET', `/api/forms/${otherFormId}/submissions.xlsx`, as.cgj!);
    expect(owner.statusCode).toBe(403);
    expect(owner.json().code).toBe('not_receiver');
    expect((await call('GET', `/api/forms/${formId}/submissions.xlsx`, as.cgj!)).statusCode).toBe(404);
    expect(
      (await call('GET', `/api/forms/${formId}/submissions.xlsx?departmentId=${d.WJJ}`, as.gafj!)).statusCode,
    ).toBe(403);
  });
});
