// Separation of duties in approving applications (申请与审批分离): the applicant never decides, nobody decides two
// stages, an administrator deciding for a department says so (recorded in the timeline and the audit log), and
// 待我审批 lists only what the caller may decide; on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { applicationBody, sharingPlatform } from './application-test-kit.ts';

describe.each(databaseKinds)('separation of duties in sharing applications on %s', (kind) => {
  let t: Awaited<ReturnType<typeof sharingPlatform>>;
  const users = { 'mzj.clerk': 'MZJ', 'gafj.clerk': 'GAFJ', 'gafj.other': 'GAFJ' };
  const apply = async (who: string, body: object) => {
    const res = await t.call('POST', '/api/sharing/applications', t.as[who]!, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const decide = (who: string, id: number, body: object) =>
    t.call('POST', `/api/sharing/applications/${id}/decide`, t.as[who]!, body);
  const read = async (who: string, id: number) =>
    (await t.call('GET', `/api/sharing/applications/${id}`, t.as[who]!)).json();
  const inbox = async (who: string) =>
    (await t.call('GET', '/api/sharing/applications?scope=inbox&pageSize=100', t.as[who]!))
      .json()
      .items.map((a: { id: number }) => a.id);
  /** The applications a user was told wait for their decision. */
  const toldWaiting = async (who: string) =>
    (await t.call('GET', '/api/sharing/notifications?pageSize=100', t.as[who]!))
      .json()
      .items.filter((n: { kind: string }) => n.kind === 'application_waiting')
      .map((n: { applicationId: number }) => n.applicationId);
  const deniedCodes = async (id: number) =>
    (await t.audited('access.denied', 'application', id)).map((e) => e.detail.code);

  beforeAll(async () => {
    t = await sharingPlatform(kind, users);
  });
  afterAll(() => t?.p.close());

  it('never lets the applicant decide their own application, and leaves it out of their inbox', async () => {
    const id = await apply('gafj.clerk', applicationBody('gafj_household', { items: ['name'] }));
    expect((await read('gafj.clerk', id)).onBehalf).toBe(false);
    const own = await decide('gafj.clerk', id, { decision: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'own_application' });
    expect(own.json().detail).toContain('不能审批本人提交的申请');
    expect(await deniedCodes(id)).toEqual(['own_application']);
    expect((await read('gafj.clerk', id)).can).toMatchObject({
      decide: false,
      decideRefusal: 'own_application',
    });
    expect(await inbox('gafj.clerk')).not.toContain(id);
    expect(await toldWaiting('gafj.clerk')).not.toContain(id);
    // A colleague of the same department decides it.
    expect(await inbox('gafj.other')).toContain(id);
    expect(await toldWaiting('gafj.other')).toContain(id);
    expect((await read('gafj.other', id)).can).toMatchObject({ decide: true, decideRefusal: null });
    expect((await decide('gafj.other', id, { decision: 'approve' })).statusCode).toBe(200);
  });

  it('never lets center staff decide an application they made for a department', async () => {
    const id = await apply(
      'admin',
      applicationBody('gafj_household', { items: ['name'], applicantDepartmentId: t.ids.MZJ }),
    );
    // Said in the application, where its timeline shows it, and in the audit entry.
    expect((await read('admin', id)).onBehalf).toBe(true);
    expect((await read('mzj.clerk', id)).applicantDepartmentId).toBe(t.ids.MZJ);
    const [applied] = await t.audited('sharing.apply', 'application', id);
    expect(applied?.detail).toMatchObject({ onBehalfOf: t.ids.MZJ, onBehalfOfName: '民政局' });
    const own = await decide('admin', id, { decision: 'approve', onBehalfOf: t.ids.GAFJ });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('own_application');
    expect(await inbox('admin')).not.toContain(id);
    expect((await decide('gafj.clerk', id, { decision: 'approve' })).statusCode).toBe(200);
    // At the center stage too.
    const center = await decide('admin', id, { decision: 'approve' });
    expect(center.json().code).toBe('own_application');
    expect(await inbox('admin')).not.toContain(id);
    expect(await inbox('center.steward')).toContain(id);
  });

  it('makes an administrator deciding for the providing department say so, and records it', async () => {
    const id = await apply('mzj.clerk', applicationBody('gafj_household'));
    expect((await read('admin', id)).can).toMatchObject({ decide: true, onBehalfOf: t.ids.GAFJ });
    expect((await read('gafj.clerk', id)).can).toMatchObject({ decide: true, onBehalfOf: null });
    const silent = await decide('admin', id, { decision: 'approve' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json()).toMatchObject({
      code: 'on_behalf_required',
      errors: [{ field: 'onBehalfOf', reason: 'on_behalf_required' }],
    });
    expect(silent.json().detail).toContain('公安分局');
    const wrong = await decide('admin', id, { decision: 'approve', onBehalfOf: t.ids.MZJ });
    expect(wrong.json().errors).toMatchObject([{ field: 'onBehalfOf', reason: 'on_behalf_required' }]);
    // Those deciding as themselves name no department.
    const member = await decide('gafj.clerk', id, { decision: 'approve', onBehalfOf: t.ids.GAFJ });
    expect(member.json().errors).toMatchObject([{ field: 'onBehalfOf', reason: 'not_on_behalf' }]);

    const res = await decide('admin', id, { decision: 'approve', onBehalfOf: t.ids.GAFJ });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().decisions).toMatchObject([
      { stage: 'provider', decidedBy: 'admin', onBehalfOf: t.ids.GAFJ, onBehalfOfName: '公安分局' },
    ]);
    // The audit page names the application by its resource and applicant, in the entry the admin is named in.
    const page = await t.call('GET', `/api/audit?action=sharing.approve&targetId=${id}`, t.as.admin!);
    expect(page.json().items).toMatchObject([{ targetName: '户籍人口登记信息 · 民政局' }]);
    const [entry] = await t.audited('sharing.approve', 'application', id);
    expect(entry?.detail).toMatchObject({
      stage: 'provider',
      onBehalfOf: t.ids.GAFJ,
      onBehalfOfName: '公安分局',
    });
  });

  it('never lets the decider of the provider stage decide the center stage', async () => {
    const id = await apply('mzj.clerk', applicationBody('gafj_household'));
    expect((await decide('admin', id, { decision: 'approve', onBehalfOf: t.ids.GAFJ })).statusCode).toBe(200);
    const twice = await decide('admin', id, { decision: 'reject', reason: '再审' });
    expect(twice.statusCode).toBe(403);
    expect(twice.json().code).toBe('already_decided_earlier_stage');
    expect(await deniedCodes(id)).toEqual(['already_decided_earlier_stage']);
    expect((await read('admin', id)).can).toMatchObject({
      decide: false,
      decideRefusal: 'already_decided_earlier_stage',
    });
    expect(await inbox('admin')).not.toContain(id);
    expect(await inbox('center.steward')).toContain(id);
    expect(await toldWaiting('admin')).not.toContain(id);
    expect(await toldWaiting('center.steward')).toContain(id);
    const center = await decide('center.steward', id, { decision: 'approve' });
    expect(center.statusCode, center.body).toBe(200);
    expect(center.json().decisions.map((d: { decidedBy: string }) => d.decidedBy)).toEqual([
      'admin',
      'center.steward',
    ]);
    const grant = await t.call(
      'GET',
      `/api/audit?action=sharing.grant_create&targetId=${center.json().grant.id}`,
      t.as.admin!,
    );
    expect(grant.json().items).toMatchObject([
      { targetType: 'grant', targetName: '户籍人口登记信息 · 民政局' },
    ]);
  });
});
