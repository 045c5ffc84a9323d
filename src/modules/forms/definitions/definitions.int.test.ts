// Form definitions in the console: who sees and changes which forms, the rules a definition must meet (each
// problem naming its field), versions of published forms, and the published form the filling side reads.
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
import { seedDemoForms } from '../index.ts';

describe.each(databaseKinds)('form definitions on %s', (kind) => {
  let platform: FormsPlatform;
  beforeAll(async () => {
    platform = await withFormsIds(await citizenPlatform(kind));
  });
  afterAll(() => platform?.p.close());

  const fieldsOf = (res: { json(): { errors?: { field: string; reason: string }[] } }) =>
    (res.json().errors ?? []).map((e) => `${e.field}:${e.reason}`);

  it('lets a department define a draft of its own, publish it, and shows it to the departments receiving it', async () => {
    const { call, as, departmentIds: d } = platform;
    const created = await call('POST', '/api/forms', as.wjj!, personForm('wjj-returnees', [d.WJJ!, d.GAFJ!]));
    expect(created.statusCode, created.body).toBe(201);
    const form = created.json();
    expect(form).toMatchObject({
      code: 'wjj-returnees',
      status: 'draft',
      version: 1,
      audience: 'person',
      ownerDepartment: { code: 'WJJ', name: '卫健局' },
      receivingDepartments: [{ code: 'WJJ' }, { code: 'GAFJ' }],
      submissions: 0,
      mayEdit: true,
      receives: true,
      publishedAt: null,
    });
    expect(form.fields.map((f: { key: string }) => f.key)).toEqual(personFields.map((f) => f.key));
    // Optional parts left out are not stored as nulls.
    expect(form.fields[0]).toEqual(personFields[0]);

    // A receiver does not see another department's draft; the owner and the center do.
    expect((await call('GET', `/api/forms/${form.id}`, as.gafj!)).statusCode).toBe(404);
    expect((await call('GET', '/api/forms?q=wjj-returnees', as.gafj!)).json().total).toBe(0);
    expect((await call('GET', `/api/forms/${form.id}`, as.steward!)).json().mayEdit).toBe(true);

    const published = await call('POST', `/api/forms/${form.id}/publish`, as.wjj!);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', version: 1 });
    expect(published.json().publishedAt).toEqual(expect.any(String));
    const seen = await call('GET', `/api/forms/${form.id}`, as.gafj!);
    expect(seen.json()).toMatchObject({ status: 'published', mayEdit: false, receives: true });
    // Neither owner nor receiver: not found, in the list or alone.
    expect((await call('GET', `/api/forms/${form.id}`, as.cgj!)).statusCode).toBe(404);
    expect((await call('GET', '/api/forms?q=wjj-returnees', as.cgj!)).json().total).toBe(0);

    const again = await call('POST', `/api/forms/${form.id}/publish`, as.wjj!);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('form_already_published');

    // The filling side reads the published form by its code.
    const read = await platform.p.modules.forms.definitions.published('wjj-returnees');
    expect(read).toMatchObject({
      id: form.id,
      version: 1,
      audience: 'person',
      receivingDepartmentIds: [d.WJJ, d.GAFJ],
    });
    expect(read!.fields).toEqual(personFields);
    expect(
      (await platform.p.modules.forms.definitions.publishedForms('person')).map((f) => f.code),
    ).toContain('wjj-returnees');
  });

  it('searches, filters by status and audience, sorts and pages the list', async () => {
    const { call, as, departmentIds: d } = platform;
    for (const code of ['list-b-form', 'list-a-form', 'list-c-form'])
      expect((await call('POST', '/api/forms', as.cgj!, personForm(code, [d.CGJ!]))).statusCode).toBe(201);
    const company = await call('POST', '/api/forms', as.cgj!, {
      ...personForm('list-d-company', [d.CGJ!]),
      audience: 'company',
      fields: [{ key: 'firm', label: '企业名称', type: 'text', required: true, binding: 'company.name' }],
    });
    expect(company.statusCode, company.body).toBe(201);
    const c = (await call('GET', '/api/forms?q=list-c', as.cgj!)).json();
    await call('POST', `/api/forms/${c.items[0].id}/publish`, as.cgj!);

    const byCode = (await call('GET', '/api/forms?q=list-&sort=code&order=asc', as.cgj!)).json();
    expect(byCode.items.map((f: { code: string }) => f.code)).toEqual([
      'list-a-form',
      'list-b-form',
      'list-c-form',
      'list-d-company',
    ]);
    expect(byCode.items[0]).toMatchObject({ fieldCount: personFields.length, submissions: 0 });
    const page2 = (
      await call('GET', '/api/forms?q=list-&sort=code&order=desc&page=2&pageSize=3', as.cgj!)
    ).json();
    expect(page2).toMatchObject({ total: 4, items: [{ code: 'list-a-form' }] });
    const drafts = (await call('GET', '/api/forms?q=list-&status=draft&audience=person', as.cgj!)).json();
    expect(drafts.items.map((f: { code: string }) => f.code).sort()).toEqual(['list-a-form', 'list-b-form']);
    // Published first whichever way; drafts (no publication time) last.
    const byPublished = (await call('GET', '/api/forms?q=list-&sort=published&order=asc', as.cgj!)).json();
    expect(byPublished.items[0].code).toBe('list-c-form');
    // Title words match too, and center staff see every department's forms.
    expect((await call('GET', '/api/forms?q=返望人员登记 list-a', as.admin!)).json().total).toBe(1);
    expect((await call('GET', '/api/forms?q=list-', as.wjj!)).json().total).toBe(0);
  });

  it('refuses a definition with every problem named by its field', async () => {
    const { call, as, departmentIds: d } = platform;
    const res = await call('POST', '/api/forms', as.wjj!, {
      code: 'Bad code',
      title: '有问题的表单',
      audience: 'person',
      receivingDepartmentIds: [d.WJJ!, d.WJJ!, 999_999],
      fields: [
        {
          key: 'name',
          label: '姓名',
          type: 'text',
          required: true,
          binding: 'person.name',
          reuseKey: 'name',
        },
        { key: 'Name', label: '姓名2', type: 'text', required: true },
        { key: 'name', label: '姓名3', type: 'text', required: true },
        { key: 'firm', label: '企业', type: 'text', required: true, binding: 'company.name' },
        { key: 'again', label: '姓名4', type: 'text', required: true, binding: 'person.name' },
        { key: 'choice', label: '选择', type: 'select', required: true },
        { key: 'choice2', label: '选择2', type: 'select', required: true, options: ['甲', '甲'] },
        { key: 'note', label: '说明', type: 'text', required: false, options: ['甲'] },
        { key: 'code', label: '编号', type: 'text', required: false, pattern: '([a-z' },
        { key: 'day', label: '日期', type: 'date', required: false, pattern: '\\d+' },
        { key: 'city', label: '城市', type: 'text', required: false, reuseKey: '9city' },
        { key: 'city2', label: '城市2', type: 'text', required: false, reuseKey: 'city' },
        { key: 'city3', label: '城市3', type: 'text', required: false, reuseKey: 'city' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_input');
    expect(fieldsOf(res)).toEqual([
      'code:form_code_format',
      'fields.0.reuseKey:form_reuse_bound',
      'fields.1.key:form_key_format',
      'fields.2.key:form_key_twice',
      'fields.3.binding:form_binding_person',
      'fields.4.binding:form_binding_twice',
      'fields.5.options:form_options_required',
      'fields.6.options.1:form_option_twice',
      'fields.7.options:form_options_select_only',
      'fields.8.pattern:form_pattern_invalid',
      'fields.9.pattern:form_pattern_type',
      'fields.10.reuseKey:form_key_format',
      'fields.12.reuseKey:form_reuse_twice',
      'receivingDepartmentIds.1:form_department_twice',
      'receivingDepartmentIds.2:form_unknown_department',
    ]);
    // The texts name the problem in the caller's language.
    const message = res.json().errors.find((e: { field: string }) => e.field === 'fields.3.binding').message;
    expect(message).toContain('company.name');

    // Shapes are checked before the rules: an unknown binding or type names its field.
    const shape = await call('POST', '/api/forms', as.wjj!, {
      ...personForm('shape-form', [d.WJJ!]),
      fields: [{ key: 'x', label: 'X', type: 'colour', required: true, binding: 'person.shoe_size' }],
    });
    expect(shape.statusCode).toBe(400);
    expect(fieldsOf(shape).map((f) => f.split(':')[0])).toEqual(
      expect.arrayContaining(['fields.0.type', 'fields.0.binding']),
    );

    // A company's form binds the company's items and its filer's (the legal representative's).
    const firm = await call('POST', '/api/forms', as.scjgj!, {
      ...personForm('company-binds', [platform.departmentIds.SCJGJ!]),
      audience: 'company',
      fields: [
        { key: 'firm', label: '企业名称', type: 'text', required: true, binding: 'company.name' },
        { key: 'rep_phone', label: '法定代表人电话', type: 'phone', required: true, binding: 'person.phone' },
      ],
    });
    expect(firm.statusCode, firm.body).toBe(201);

    const taken = await call('POST', '/api/forms', as.wjj!, personForm('company-binds', [d.WJJ!]));
    expect(taken.statusCode).toBe(409);
    expect(fieldsOf(taken)).toEqual(['code:duplicate_code']);
  });

  it('makes an edit of a published form its next version, keeping each submission’s version', async () => {
    const { call, as, departmentIds: d, userIds } = platform;
    const form = (await call('POST', '/api/forms', as.wjj!, personForm('versioned-form', [d.WJJ!]))).json();
    // A draft is edited in place.
    const draftEdit = await call('PUT', `/api/forms/${form.id}`, as.wjj!, {
      ...personForm('versioned-form', [d.WJJ!]),
      title: '返望人员登记（草稿改）',
    });
    expect(draftEdit.json()).toMatchObject({ version: 1, title: '返望人员登记（草稿改）' });
    await call('POST', `/api/forms/${form.id}/publish`, as.wjj!);
    const submissionId = await insertSubmission(platform, {
      formId: form.id,
      formVersion: 1,
      userId: userIds.zhang!,
      subjectKey: residents.zhang.idNumber,
      subjectName: residents.zhang.name,
      answers: answersOf(residents.zhang),
      departmentIds: [d.WJJ!],
    });

    const edited = personForm('versioned-form', [d.WJJ!, d.GAFJ!], {
      fields: [
        ...personFields.filter((f) => f.key !== 'people'),
        { key: 'temperature', label: '体温', type: 'number', required: false },
      ],
    });
    const v2 = await call('PUT', `/api/forms/${form.id}`, as.wjj!, edited);
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, status: 'published', submissions: 1 });
    // The same definition again changes nothing.
    expect((await call('PUT', `/api/forms/${form.id}`, as.wjj!, edited)).json().version).toBe(2);
    const detail = (await call('GET', `/api/forms/inbox/${submissionId}`, as.wjj!)).json();
    expect(detail).toMatchObject({ formVersion: 1, form: { version: 2 } });

    // A published form keeps its code and audience, and stays publishable.
    const fixed = await call('PUT', `/api/forms/${form.id}`, as.wjj!, {
      ...edited,
      code: 'renamed-form',
      audience: 'company',
      receivingDepartmentIds: [],
    });
    expect(fixed.statusCode).toBe(400);
    expect(fieldsOf(fixed)).toEqual([
      'code:form_code_fixed',
      'audience:form_audience_fixed',
      'receivingDepartmentIds:form_no_receivers',
    ]);

    const audit = (
      await call('GET', `/api/audit?targetType=form&targetId=${form.id}&sort=oldest`, as.admin!)
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
      'forms.form_create',
      'forms.form_update',
      'forms.form_publish',
      'forms.form_update',
    ]);
    expect(audit.items[3].detail).toMatchObject({ version: { from: 1, to: 2 }, fields: { from: 8, to: 8 } });
  });

  it('publishes only a complete form, closes it, reopens it, and deletes only drafts', async () => {
    const { call, as, departmentIds: d } = platform;
    const form = (
      await call('POST', '/api/forms', as.cgj!, { ...personForm('lifecycle-form', []), fields: [] })
    ).json();
    const early = await call('POST', `/api/forms/${form.id}/publish`, as.cgj!);
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe('form_not_publishable');
    expect(fieldsOf(early)).toEqual(['fields:form_no_fields', 'receivingDepartmentIds:form_no_receivers']);
    await call('PUT', `/api/forms/${form.id}`, as.cgj!, personForm('lifecycle-form', [d.CGJ!]));
    expect((await call('POST', `/api/forms/${form.id}/close`, as.cgj!)).json().code).toBe(
      'form_not_published',
    );
    expect((await call('POST', `/api/forms/${form.id}/publish`, as.cgj!)).statusCode).toBe(200);
    const closed = await call('POST', `/api/forms/${form.id}/close`, as.cgj!);
    expect(closed.json().status).toBe('closed');
    expect(await platform.p.modules.forms.definitions.published('lifecycle-form')).toBeUndefined();
    const removed = await call('DELETE', `/api/forms/${form.id}`, as.cgj!);
    expect(removed.statusCode).toBe(409);
    expect(removed.json().code).toBe('form_not_draft');
    expect((await call('POST', `/api/forms/${form.id}/publish`, as.cgj!)).json().status).toBe('published');

    const draft = (await call('POST', '/api/forms', as.cgj!, personForm('deleted-draft', [d.CGJ!]))).json();
    expect((await call('DELETE', `/api/forms/${draft.id}`, as.cgj!)).statusCode).toBe(204);
    expect((await call('GET', `/api/forms/${draft.id}`, as.cgj!)).statusCode).toBe(404);
  });

  it('refuses another department’s form to a department user (403, audited), residents and anonymous callers', async () => {
    const { call, as, departmentIds: d } = platform;
    const form = (await call('POST', '/api/forms', as.wjj!, personForm('guarded-form', [d.WJJ!]))).json();
    const body = personForm('guarded-form', [d.CGJ!]);
    for (const [method, url, payload] of [
      ['PUT', `/api/forms/${form.id}`, body],
      ['POST', `/api/forms/${form.id}/publish`, undefined],
      ['POST', `/api/forms/${form.id}/close`, undefined],
      ['DELETE', `/api/forms/${form.id}`, undefined],
    ] as const) {
      const res = await call(method, url, as.cgj!, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().code).toBe('not_form_owner');
    }
    const denied = (
      await call('GET', `/api/audit?action=access.denied&targetType=form&targetId=${form.id}`, as.admin!)
    ).json();
    expect(denied.total).toBe(4);
    // A department defines forms for itself only; the center for any department it names.
    const other = await call('POST', '/api/forms', as.cgj!, {
      ...personForm('for-another', [d.CGJ!]),
      ownerDepartmentId: d.WJJ,
    });
    expect(other.statusCode).toBe(403);
    const centre = await call('POST', '/api/forms', as.steward!, personForm('centre-made', [d.CGJ!]));
    expect(centre.statusCode).toBe(400);
    expect(fieldsOf(centre)).toEqual(['ownerDepartmentId:required']);
    const named = await call('POST', '/api/forms', as.steward!, {
      ...personForm('centre-made', [d.CGJ!]),
      ownerDepartmentId: d.CGJ,
    });
    expect(named.json()).toMatchObject({ ownerDepartment: { code: 'CGJ' }, mayEdit: true });
    // The center edits any department's form.
    expect((await call('POST', `/api/forms/${form.id}/publish`, as.admin!)).statusCode).toBe(200);

    for (const who of [as.zhang!, as.leader!, as.operator!]) {
      expect((await call('GET', '/api/forms', who)).statusCode).toBe(403);
      expect((await call('POST', '/api/forms', who, body)).statusCode).toBe(403);
      expect((await call('PUT', `/api/forms/${form.id}`, who, body)).statusCode).toBe(403);
    }
    expect((await call('GET', '/api/forms', null)).statusCode).toBe(401);
  });

  it('seeds the demo’s three forms published, once', async () => {
    const { p, call, as } = platform;
    expect(await seedDemoForms(p.modules.forms)).toEqual({ created: 3, existing: 0 });
    expect(await seedDemoForms(p.modules.forms)).toEqual({ created: 0, existing: 3 });
    const returnees = await p.modules.forms.definitions.published('fhwry-dj');
    expect(returnees).toMatchObject({ title: '返望人员登记', audience: 'person', version: 1 });
    expect(returnees!.fields.filter((f) => f.binding).map((f) => f.binding)).toEqual([
      'person.name',
      'person.id_number',
      'person.phone',
      'person.address',
      'person.subdistrict',
      'person.community',
    ]);
    expect(returnees!.fields.filter((f) => f.reuseKey).map((f) => f.reuseKey)).toEqual([
      'returned_from',
      'return_date',
      'employer',
    ]);
    const firms = (
      await call(
        'GET',
        `/api/forms/${(await p.modules.forms.definitions.published('fgfc-jkdj'))!.id}`,
        as.wjj!,
      )
    ).json();
    expect(firms).toMatchObject({
      audience: 'company',
      status: 'published',
      ownerDepartment: { code: 'SCJGJ' },
      receivingDepartments: [{ code: 'SCJGJ' }, { code: 'WJJ' }, { code: 'RSJ' }],
    });
    const newborn = (await call('GET', '/api/forms?q=xsr-lhyb', as.gafj!)).json().items[0];
    expect(newborn).toMatchObject({
      status: 'published',
      receivingDepartments: [{ code: 'GAFJ' }, { code: 'YBJ' }],
    });
  });
});
