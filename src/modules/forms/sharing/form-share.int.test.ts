// A receiving department's systems fetch its submissions of a form through the sharing API with the department's
// sharing credential: paged by a cursor, logged in the sharing call log, audited; refused to other departments.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { citizenPlatform, residents } from '../../citizen/citizen-test-kit.ts';
import { grantWithCredential } from '../../sharing/api/share-test-fixture.ts';
import {
  answersOf,
  type FormsPlatform,
  insertSubmission,
  personForm,
  withFormsIds,
} from '../console-test-kit.ts';

describe.each(databaseKinds)('form submissions through the sharing API on %s', (kind) => {
  let platform: FormsPlatform;
  let formId: number;
  let submitted: number[];
  let wjjKey: string;
  let cgjKey: string;
  let slowKey: string;
  beforeAll(async () => {
    platform = await withFormsIds(await citizenPlatform(kind));
    const { p, call, as, departmentIds: d, userIds } = platform;
    formId = (await call('POST', '/api/forms', as.wjj!, personForm('shared-form', [d.WJJ!, d.GAFJ!]))).json()
      .id;
    await call('POST', `/api/forms/${formId}/publish`, as.wjj!);
    await call('POST', '/api/forms', as.wjj!, personForm('shared-draft', [d.WJJ!]));
    submitted = [];
    for (const [i, who] of (['zhang', 'li', 'zhang'] as const).entries())
      submitted.push(
        await insertSubmission(platform, {
          formId,
          formVersion: 1,
          userId: userIds[who]!,
          subjectKey: residents[who].idNumber,
          subjectName: residents[who].name,
          answers: answersOf(residents.zhang, {
            name: residents[who].name,
            return_date: `2020-02-0${i + 1}`,
          }),
          // The last went to GAFJ only.
          departmentIds: i === 2 ? [d.GAFJ!] : [d.WJJ!, d.GAFJ!],
        }),
      );
    // Credentials are a department's grants' (any resource): a department's systems hold one already.
    const population = (await p.modules.catalog.service.get(systemCtx('test'), 'population')).id;
    const grant = (department: number, more = {}) =>
      grantWithCredential(p.database, {
        resourceId: population,
        consumerDepartmentId: department,
        items: ['name'],
        ...more,
      });
    wjjKey = (await grant(d.WJJ!)).authorization;
    cgjKey = (await grant(d.CGJ!)).authorization;
    slowKey = (await grant(d.GAFJ!, { ratePerMinute: 2 })).authorization;
  });
  afterAll(() => platform?.p.close());

  const fetch = (authorization: string | null, query = '', code = 'shared-form') =>
    platform.p.app.inject({
      method: 'GET',
      url: `/api/share/forms/${code}/submissions${query}`,
      headers: authorization ? { authorization } : {},
    });

  it('serves a receiving department its submissions oldest first, unmasked, page by page with a cursor', async () => {
    const first = await fetch(wjjKey, '?limit=1');
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1).toMatchObject({ form: 'shared-form', version: 1, hasMore: true });
    expect(page1.fields.map((f: { key: string }) => f.key)).toContain('returned_from');
    expect(page1.items).toEqual([
      expect.objectContaining({
        id: submitted[0],
        formVersion: 1,
        subjectKind: 'person',
        subjectKey: residents.zhang.idNumber,
        subjectName: '张三',
        answers: expect.objectContaining({ id_number: residents.zhang.idNumber, return_date: '2020-02-01' }),
      }),
    ]);
    const second = (await fetch(wjjKey, `?limit=1&since=${page1.next}`)).json();
    expect(second.items.map((i: { id: number }) => i.id)).toEqual([submitted[1]]);
    // The third submission went to GAFJ only: WJJ's feed ends here, and its cursor stays.
    const end = (await fetch(wjjKey, `?since=${second.next}`)).json();
    expect(end).toMatchObject({ items: [], hasMore: false, next: second.next });
    expect((await fetch(wjjKey)).json().items.map((i: { id: number }) => i.id)).toEqual(
      submitted.slice(0, 2),
    );

    // What arrives later follows from the cursor.
    const later = await insertSubmission(platform, {
      formId,
      formVersion: 1,
      userId: platform.userIds.li!,
      subjectKey: residents.li.idNumber,
      subjectName: residents.li.name,
      answers: answersOf(residents.zhang, { name: residents.li.name }),
      departmentIds: [platform.departmentIds.WJJ!],
    });
    expect(
      (await fetch(wjjKey, `?since=${second.next}`)).json().items.map((i: { id: number }) => i.id),
    ).toEqual([later]);
  });

  it('logs each call in the sharing call log and audits each served page as a personal-data read', async () => {
    const { call, as, departmentIds: d } = platform;
    const calls = (
      await call('GET', `/api/sharing/usage/calls?consumer=${d.WJJ}&pageSize=100`, as.admin!)
    ).json();
    const ours = calls.items.filter((c: { endpoint: string }) => c.endpoint === 'form_submissions');
    expect(ours.length).toBeGreaterThanOrEqual(4);
    expect(ours.at(-1)).toMatchObject({
      department: '卫健局',
      resource: null,
      outcome: 'ok',
      status: 200,
      rows: 1,
      query: { form: 'shared-form', limit: '1' },
      items: expect.arrayContaining(['id_number', 'returned_from']),
    });
    const audit = (
      await call('GET', `/api/audit?action=forms.submissions_share&targetId=${formId}&sort=oldest`, as.admin!)
    ).json();
    // Pages with rows are audited; the empty end of the feed read nothing.
    expect(audit.total).toBe(4);
    expect(audit.items[0]).toMatchObject({
      actorName: expect.stringMatching(/^api:ak_/),
      detail: { code: 'shared-form', department: d.WJJ, rows: 1, first: submitted[0], last: submitted[0] },
    });
  });

  it('refuses other departments, drafts, unknown forms, bad queries and callers without a credential', async () => {
    const other = await fetch(cgjKey);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('not_receiver');
    expect((await fetch(wjjKey, '', 'shared-draft')).statusCode).toBe(404);
    expect((await fetch(wjjKey, '', 'no-such-form')).statusCode).toBe(404);
    for (const query of ['?since=not-a-cursor', `?since=${Buffer.from('{"f":1}').toString('base64url')}`]) {
      const res = await fetch(wjjKey, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('bad_form_cursor');
    }
    for (const query of ['?limit=0', '?limit=501', '?limit=x', '?limit=1&limit=2', '?name=张三']) {
      const res = await fetch(wjjKey, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('bad_form_query');
    }
    // A cursor of another form is refused.
    const mine = (await fetch(wjjKey, '?limit=1')).json().next;
    const { call, as, departmentIds: d } = platform;
    const another = (await call('POST', '/api/forms', as.wjj!, personForm('shared-other', [d.WJJ!]))).json()
      .id;
    await call('POST', `/api/forms/${another}/publish`, as.wjj!);
    expect((await fetch(wjjKey, `?since=${mine}`, 'shared-other')).json().code).toBe('bad_form_cursor');

    expect((await fetch(null)).statusCode).toBe(401);
    expect((await fetch('Bearer ak_0123456789abcdef.wrong')).statusCode).toBe(401);
    // A session is not a credential.
    const session = await platform.p.app.inject({
      method: 'GET',
      url: '/api/share/forms/shared-form/submissions',
      headers: as.wjj!,
    });
    expect(session.statusCode).toBe(401);

    const refused = (
      await call('GET', `/api/sharing/usage/calls?consumer=${d.CGJ}&outcome=not_receiver`, as.admin!)
    ).json();
    expect(refused.items[0]).toMatchObject({ endpoint: 'form_submissions', status: 403 });
  });

  it('counts the calls it serves against the grant’s rate limit, not those it refuses', async () => {
    expect((await fetch(slowKey, '', 'no-such-form')).statusCode).toBe(404);
    expect((await fetch(slowKey, '?limit=0')).statusCode).toBe(400);
    expect((await fetch(slowKey)).statusCode).toBe(200);
    expect((await fetch(slowKey)).statusCode).toBe(200);
    const third = await fetch(slowKey);
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('rate_limited');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
  });

  // Only a database server has a second session to write while the feed is read (PGlite is one session).
  if (kind === 'postgres')
    it('never skips a submission whose transaction commits after later ones were served', async () => {
      const { departmentIds: d, userIds } = platform;
      const start = (await fetch(wjjKey)).json();
      expect(start.hasMore).toBe(false);
      const other = postgres(platform.p.config.databaseUrl!, { max: 1, onnotice: () => {} });
      try {
        let late = 0;
        let served: number[] = [];
        await other.begin(async (tx) => {
          // Timed by the database: the transaction's start.
          const [row] = await tx`insert into forms.submissions
              (form_id, form_version, user_id, subject_kind, subject_key, subject_name, answers)
            values (${formId}, 1, ${userIds.li!}, 'person', ${residents.li.idNumber}, ${residents.li.name},
              ${tx.json(answersOf(residents.li))})
            returning id`;
          late = row!.id;
          await tx`insert into forms.deliveries (submission_id, department_id) values (${late}, ${d.WJJ!})`;
          // Meanwhile another submission commits, and the department's system reads on from its cursor.
          await insertSubmission(platform, {
            formId,
            formVersion: 1,
            userId: userIds.zhang!,
            subjectKey: residents.zhang.idNumber,
            subjectName: residents.zhang.name,
            answers: answersOf(residents.zhang),
            departmentIds: [d.WJJ!],
          });
          const meanwhile = (await fetch(wjjKey, `?since=${start.next}`)).json();
          served = meanwhile.items.map((i: { id: number }) => i.id);
          expect(meanwhile.next).toBe(start.next);
        });
        expect(served).toEqual([]);
        const after = (await fetch(wjjKey, `?since=${start.next}`)).json();
        expect(after.items.map((i: { id: number }) => i.id)[0]).toBe(late);
        expect(after.items).toHaveLength(2);
      } finally {
        await other.end();
      }
    });
});
