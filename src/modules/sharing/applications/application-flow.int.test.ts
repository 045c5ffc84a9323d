// Applying and approving (共享申请与审批): 不予共享 refused citing its basis, 无条件共享 granted at once, 有条件共享
// through the provider's then the center's approval with narrowing; wrong deciders, double decisions,
// withdrawal, lists and notifications; on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { applicationBody, sharingPlatform } from './application-test-kit.ts';
import { findApplication, moveApplication } from './repository.ts';
import { addYears } from './rules.ts';

describe.each(databaseKinds)('sharing applications on %s', (kind) => {
  let t: Awaited<ReturnType<typeof sharingPlatform>>;
  const users = { 'mzj.clerk': 'MZJ', 'mzj.other': 'MZJ', 'gafj.clerk': 'GAFJ', 'jyj.clerk': 'JYJ' };
  const apply = (who: string, body: object) => t.call('POST', '/api/sharing/applications', t.as[who]!, body);
  const decide = (who: string, id: number, body: object) =>
    t.call('POST', `/api/sharing/applications/${id}/decide`, t.as[who]!, body);
  const notificationsOf = async (who: string) =>
    (await t.call('GET', '/api/sharing/notifications?pageSize=100', t.as[who]!)).json();

  beforeAll(async () => {
    t = await sharingPlatform(kind, users);
  });
  afterAll(() => t?.p.close());

  it('refuses to take an application for a 不予共享 resource, citing the basis, and audits the refusal', async () => {
    const res = await apply('mzj.clerk', applicationBody('wjj_birth', { items: ['child_name'] }));
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('not_shareable');
    expect(res.json().detail).toContain('个人信息保护法');
    const [denied] = await t.audited('access.denied', 'resource');
    expect(denied).toMatchObject({
      outcome: 'denied',
      actorName: 'mzj.clerk',
      detail: { code: 'not_shareable' },
    });
    const list = await t.call('GET', '/api/sharing/applications', t.as['mzj.clerk']!);
    expect(list.json().total).toBe(0);
  });

  it('names each bad field of an application', async () => {
    const today = todayInShanghai();
    const res = await apply(
      'mzj.clerk',
      applicationBody('gafj_household', {
        items: ['id_number', 'no_such_item'],
        rawItems: ['id_number', 'subdistrict'],
        rowFilter: { district: '望城' },
        periodFrom: today,
        periodTo: addYears(today, 3),
      }),
    );
    expect(res.statusCode, res.body).toBe(400);
    const fields = res.json().errors.map((e: { field: string; reason: string }) => `${e.field}:${e.reason}`);
    expect(fields.sort()).toEqual(
      [
        'items.1:unknown_item',
        'rawItems.1:raw_not_asked',
        'rowFilter.district:unknown_item',
        'periodTo:period_too_long',
      ].sort(),
    );
    const order = await apply(
      'mzj.clerk',
      applicationBody('gafj_household', { periodFrom: today, periodTo: '2020-01-01' }),
    );
    expect(order.json().errors).toMatchObject([{ field: 'periodTo', reason: 'period_order' }]);
    const past = await apply(
      'mzj.clerk',
      applicationBody('gafj_household', { periodFrom: '2020-01-01', periodTo: '2020-06-30' }),
    );
    expect(past.json().errors).toMatchObject([{ field: 'periodTo', reason: 'period_past' }]);
    const notPersonal = await apply(
      'mzj.clerk',
      applicationBody('gafj_household', { rawItems: ['subdistrict'] }),
    );
    expect(notPersonal.json().errors).toMatchObject([{ field: 'rawItems.0', reason: 'raw_not_personal' }]);
    const volume = await apply('mzj.clerk', applicationBody('gafj_household', { expectedDailyCalls: 0 }));
    expect(volume.statusCode).toBe(400);
    expect(volume.json().errors[0].field).toBe('expectedDailyCalls');
    const unknown = await apply('mzj.clerk', applicationBody('no_such_resource'));
    expect(unknown.statusCode).toBe(404);
  });

  it('lets a department user apply for its own department only', async () => {
    const res = await apply(
      'mzj.clerk',
      applicationBody('gafj_household', { applicantDepartmentId: t.ids.JYJ }),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('not_for_other_department');
    expect((await t.audited('access.denied', 'application'))[0]?.actorName).toBe('mzj.clerk');
  });

  it('approves a 无条件共享 application at once, with an automatic decision and the grant', async () => {
    const res = await apply(
      'mzj.clerk',
      applicationBody('scjgj_entities', {
        items: ['credit_code', 'name', 'legal_rep_name'],
        rawItems: ['legal_rep_name'],
        expectedDailyCalls: 2000,
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      status: 'approved',
      resourceAlias: 'scjgj_entities',
      applicantDepartmentId: t.ids.MZJ,
    });
    expect(a.decisions).toMatchObject([{ stage: 'auto', decision: 'approved', decidedBy: 'system' }]);
    expect(a.grant).toMatchObject({
      items: ['credit_code', 'name', 'legal_rep_name'],
      // No approver decided on raw personal items: they are served masked.
      rawItems: [],
      ratePerMinute: 600,
      dailyQuota: 4000,
      status: 'active',
      consumerDepartmentId: t.ids.MZJ,
    });
    // The period is whole Shanghai days: from midnight of the first to midnight after the last.
    expect(a.grant.validFrom).toBe(new Date(`${a.periodFrom}T00:00:00+08:00`).toISOString());
    const end = new Date(`${a.periodTo}T00:00:00+08:00`);
    end.setUTCDate(end.getUTCDate() + 1);
    expect(a.grant.expiresAt).toBe(end.toISOString());
    expect((await t.audited('sharing.apply', 'application', a.id))[0]?.detail).toMatchObject({
      status: 'approved',
    });
    expect(await t.audited('sharing.grant_create', 'grant', a.grant.id)).toHaveLength(1);
    // A small expected volume still gets the minimum quota.
    const small = await apply(
      'mzj.clerk',
      applicationBody('scjgj_entities', { items: ['name'], expectedDailyCalls: 10 }),
    );
    expect(small.json().grant.dailyQuota).toBe(1000);
  });

  let conditional: number;

  it('sends a 有条件共享 application to the providing department and tells its users', async () => {
    const res = await apply(
      'mzj.clerk',
      applicationBody('gafj_household', {
        items: ['id_number', 'name', 'phone', 'subdistrict'],
        rawItems: ['name', 'phone'],
        rowFilter: { subdistrict: '高塘岭街道' },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    conditional = res.json().id;
    expect(res.json()).toMatchObject({ status: 'pending_provider', grant: null, decisions: [] });
    const told = await notificationsOf('gafj.clerk');
    expect(told.unread).toBe(1);
    expect(told.items[0]).toMatchObject({
      kind: 'application_waiting',
      applicationId: conditional,
      params: { resource: '户籍人口登记信息', department: '民政局', stage: 'provider' },
    });
    expect((await notificationsOf('jyj.clerk')).total).toBe(0);
    expect((await notificationsOf('center.steward')).total).toBe(0);
  });

  it('keeps other departments out of the application, audited', async () => {
    const read = await t.call('GET', `/api/sharing/applications/${conditional}`, t.as['jyj.clerk']!);
    expect(read.statusCode).toBe(403);
    const decided = await decide('jyj.clerk', conditional, { decision: 'approve' });
    expect(decided.statusCode).toBe(403);
    expect(decided.json().code).toBe('not_provider_approver');
    // The applicant and the center may not decide the provider's stage either.
    expect((await decide('mzj.clerk', conditional, { decision: 'approve' })).statusCode).toBe(403);
    expect((await decide('center.steward', conditional, { decision: 'approve' })).statusCode).toBe(403);
    const denied = await t.audited('access.denied', 'application', conditional);
    expect(denied.map((d) => d.actorName).sort()).toEqual([
      'center.steward',
      'jyj.clerk',
      'jyj.clerk',
      'mzj.clerk',
    ]);
    // The applicant and the provider read it.
    expect(
      (await t.call('GET', `/api/sharing/applications/${conditional}`, t.as['mzj.other']!)).statusCode,
    ).toBe(200);
    const provider = await t.call('GET', `/api/sharing/applications/${conditional}`, t.as['gafj.clerk']!);
    expect(provider.json().can).toEqual({
      decide: true,
      withdraw: false,
      decideRefusal: null,
      onBehalfOf: null,
    });
  });

  it('lets the provider approve fewer items, never more, and needs a reason to reject', async () => {
    const wider = await decide('gafj.clerk', conditional, {
      decision: 'approve',
      items: ['id_number', 'address'],
    });
    expect(wider.statusCode).toBe(400);
    expect(wider.json().errors).toMatchObject([{ field: 'items.1', reason: 'item_widened' }]);
    const moreRaw = await decide('gafj.clerk', conditional, { decision: 'approve', rawItems: ['id_number'] });
    expect(moreRaw.json().errors).toMatchObject([{ field: 'rawItems.0', reason: 'item_widened' }]);
    const looser = await decide('gafj.clerk', conditional, { decision: 'approve', rowFilter: {} });
    expect(looser.json().errors).toMatchObject([
      { field: 'rowFilter.subdistrict', reason: 'filter_widened' },
    ]);
    const bare = await decide('gafj.clerk', conditional, { decision: 'reject' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors).toMatchObject([{ field: 'reason', reason: 'reason_required' }]);

    const res = await decide('gafj.clerk', conditional, {
      decision: 'approve',
      items: ['id_number', 'name', 'subdistrict'],
      rowFilter: { subdistrict: '高塘岭街道', community: '郭亮村' },
      reason: '联系电话不予提供',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'pending_center',
      // The phone was dropped, so its raw request goes with it.
      rawItems: ['name'],
      rowFilter: { subdistrict: '高塘岭街道', community: '郭亮村' },
      decisions: [
        {
          stage: 'provider',
          decision: 'approved',
          items: ['id_number', 'name', 'subdistrict'],
          decidedBy: 'gafj.clerk',
        },
      ],
    });
    const [entry] = await t.audited('sharing.approve', 'application', conditional);
    expect(entry?.detail).toMatchObject({ stage: 'provider', narrowed: ['phone'] });
    expect((await notificationsOf('mzj.clerk')).items[0]).toMatchObject({
      kind: 'application_forwarded',
      applicationId: conditional,
    });
    expect((await notificationsOf('center.steward')).items[0]).toMatchObject({
      kind: 'application_waiting',
      params: { stage: 'center' },
    });
  });

  it('keeps the center stage for the center, and takes one of two simultaneous decisions (409)', async () => {
    const provider = await decide('gafj.clerk', conditional, { decision: 'approve' });
    expect(provider.statusCode).toBe(403);
    expect(provider.json().code).toBe('not_center_approver');
    // Items the provider dropped cannot come back at the center.
    const back = await decide('center.steward', conditional, { decision: 'approve', items: ['phone'] });
    expect(back.json().errors).toMatchObject([{ field: 'items.0', reason: 'item_widened' }]);

    const [a, b] = await Promise.all([
      decide('center.steward', conditional, { decision: 'approve', items: ['id_number', 'name'] }),
      decide('admin', conditional, { decision: 'reject', reason: '不同意' }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a : b;
    const loser = a.statusCode === 200 ? b : a;
    expect(loser.json().code).toBe('application_not_pending');
    const detail = (
      await t.call('GET', `/api/sharing/applications/${conditional}`, t.as['mzj.clerk']!)
    ).json();
    expect(detail.decisions).toHaveLength(2);
    if (winner === a) {
      expect(detail).toMatchObject({ status: 'approved' });
      expect(detail.grant).toMatchObject({
        items: ['id_number', 'name'],
        rawItems: ['name'],
        rowFilter: { subdistrict: '高塘岭街道', community: '郭亮村' },
        dailyQuota: 1000,
        status: 'active',
      });
      expect((await notificationsOf('mzj.clerk')).items[0]).toMatchObject({ kind: 'application_approved' });
    } else {
      expect(detail).toMatchObject({ status: 'rejected', grant: null });
      expect((await notificationsOf('mzj.clerk')).items[0]).toMatchObject({
        kind: 'application_rejected',
        params: { reason: '不同意' },
      });
    }
    // A decision on a decided application is a conflict, whoever sends it.
    const again = await decide('admin', conditional, { decision: 'approve' });
    expect(again.statusCode).toBe(409);
  });

  it('moves an application only from the status its decider read, so a decision racing another loses', async () => {
    // Two deciders both read pending_center; the first moved it on. The second's update must find nothing.
    const db = t.p.database.db;
    const before = await findApplication(db, conditional);
    expect(before!.status).not.toBe('pending_center');
    expect(
      await moveApplication(db, conditional, ['pending_center'], { status: 'rejected' }),
    ).toBeUndefined();
    expect((await findApplication(db, conditional))!.status).toBe(before!.status);
  });

  it('grants at the center stage with the items approved there', async () => {
    const id = (await apply('mzj.clerk', applicationBody('gafj_household'))).json().id;
    expect((await decide('gafj.clerk', id, { decision: 'approve' })).statusCode).toBe(200);
    const res = await decide('admin', id, { decision: 'approve', items: ['id_number', 'subdistrict'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      grant: { items: ['id_number', 'subdistrict'], rawItems: [] },
    });
    expect(res.json().decisions.map((d: { stage: string }) => d.stage)).toEqual(['provider', 'center']);
  });

  it('rejects at the provider stage with the reason told to the applicant', async () => {
    const id = (await apply('mzj.clerk', applicationBody('gafj_household'))).json().id;
    const res = await decide('gafj.clerk', id, { decision: 'reject', reason: '用途不属于法定职责' });
    expect(res.json()).toMatchObject({
      status: 'rejected',
      decisions: [{ decision: 'rejected', reason: '用途不属于法定职责' }],
    });
    expect((await notificationsOf('mzj.clerk')).items[0]).toMatchObject({
      kind: 'application_rejected',
      applicationId: id,
      params: { reason: '用途不属于法定职责' },
    });
    expect(await t.audited('sharing.reject', 'application', id)).toHaveLength(1);
  });

  it('lets the applying department withdraw while pending, and nobody else', async () => {
    const id = (await apply('mzj.clerk', applicationBody('gafj_household'))).json().id;
    const other = await t.call('POST', `/api/sharing/applications/${id}/withdraw`, t.as['gafj.clerk']!, {});
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('not_applicant');
    const res = await t.call('POST', `/api/sharing/applications/${id}/withdraw`, t.as['mzj.other']!, {
      reason: '重复申请',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'withdrawn',
      decisions: [{ stage: 'applicant', decision: 'withdrawn' }],
    });
    expect((await decide('gafj.clerk', id, { decision: 'approve' })).statusCode).toBe(409);
    const twice = await t.call('POST', `/api/sharing/applications/${id}/withdraw`, t.as['mzj.clerk']!, {});
    expect(twice.statusCode).toBe(409);
  });

  it('lists mine, my inbox and (for the center) all, with filters, search and pages', async () => {
    const pending = (
      await apply('mzj.clerk', applicationBody('gafj_household', { consumingSystem: '低保核对系统' }))
    ).json().id;
    const mine = (
      await t.call('GET', '/api/sharing/applications?scope=mine&pageSize=100', t.as['mzj.other']!)
    ).json();
    expect(
      mine.items.every((a: { applicantDepartmentId: number }) => a.applicantDepartmentId === t.ids.MZJ),
    ).toBe(true);
    expect(mine.total).toBeGreaterThanOrEqual(7);
    const inbox = (await t.call('GET', '/api/sharing/applications?scope=inbox', t.as['gafj.clerk']!)).json();
    expect(inbox.items.map((a: { id: number }) => a.id)).toEqual([pending]);
    expect(
      (await t.call('GET', '/api/sharing/applications?scope=inbox', t.as['jyj.clerk']!)).json().total,
    ).toBe(0);
    expect(
      (await t.call('GET', '/api/sharing/applications?scope=mine', t.as['jyj.clerk']!)).json().total,
    ).toBe(0);
    const all = await t.call('GET', '/api/sharing/applications?scope=all', t.as['mzj.clerk']!);
    expect(all.statusCode).toBe(403);

    const steward = t.as['center.steward']!;
    const everything = (
      await t.call('GET', '/api/sharing/applications?scope=all&pageSize=2', steward)
    ).json();
    expect(everything.items).toHaveLength(2);
    expect(everything.total).toBe(mine.total);
    const byStatus = (await t.call('GET', '/api/sharing/applications?status=withdrawn', steward)).json();
    expect(byStatus.items.map((a: { status: string }) => a.status)).toEqual(['withdrawn']);
    const byResource = (
      await t.call('GET', '/api/sharing/applications?resource=scjgj_entities', steward)
    ).json();
    expect(byResource.total).toBe(2);
    const searched = (
      await t.call('GET', `/api/sharing/applications?q=${encodeURIComponent('低保')}`, steward)
    ).json();
    expect(searched.items.map((a: { id: number }) => a.id)).toEqual([pending]);
    const byName = (
      await t.call('GET', `/api/sharing/applications?q=${encodeURIComponent('市场主体')}`, steward)
    ).json();
    expect(byName.total).toBe(2);
    const oldest = (await t.call('GET', '/api/sharing/applications?sort=oldest&pageSize=1', steward)).json();
    expect(oldest.items[0].resourceAlias).toBe('scjgj_entities');
  });

  it("lists a user's notifications unread first and marks them read, only their own", async () => {
    const mine = await notificationsOf('mzj.clerk');
    expect(mine.unread).toBeGreaterThan(1);
    const someone = await notificationsOf('gafj.clerk');
    const foreign = await t.call(
      'POST',
      `/api/sharing/notifications/${someone.items[0].id}/read`,
      t.as['mzj.clerk']!,
    );
    expect(foreign.statusCode).toBe(404);
    const last = mine.items.at(-1);
    const marked = await t.call('POST', `/api/sharing/notifications/${last.id}/read`, t.as['mzj.clerk']!);
    expect(marked.json()).toMatchObject({ id: last.id, read: true });
    const after = await notificationsOf('mzj.clerk');
    expect(after.unread).toBe(mine.unread - 1);
    // Unread come first, the one just read goes to the end.
    expect(after.items.at(-1).id).toBe(last.id);
    expect(after.items.findIndex((n: { read: boolean }) => n.read)).toBe(after.unread);
    const count = await t.call('GET', '/api/sharing/notifications/unread-count', t.as['mzj.clerk']!);
    expect(count.json()).toEqual({ unread: mine.unread - 1 });
    const all = await t.call('POST', '/api/sharing/notifications/read-all', t.as['mzj.clerk']!);
    expect(all.json()).toEqual({ marked: mine.unread - 1 });
    expect((await notificationsOf('mzj.clerk')).unread).toBe(0);
    // Another user's unread notifications are untouched.
    expect((await notificationsOf('gafj.clerk')).unread).toBe(someone.unread);
  });
  it('lets center staff apply on behalf of a department, and asks one without a department to name it', async () => {
    const res = await apply(
      'center.steward',
      applicationBody('scjgj_entities', { items: ['name'], applicantDepartmentId: t.ids.JYJ }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ applicantDepartmentId: t.ids.JYJ, applicantName: 'center.steward' });
    expect(res.json().grant.consumerDepartmentId).toBe(t.ids.JYJ);
    // A steward in no department must name the department it applies for.
    const none = await apply('loose.steward', applicationBody('scjgj_entities', { items: ['name'] }));
    expect(none.statusCode).toBe(400);
    expect(none.json().errors).toMatchObject([{ field: 'applicantDepartmentId', reason: 'required' }]);
    // The grant is the department's: it sees it, the steward's own department does not hold it.
    expect((await t.call('GET', '/api/sharing/grants', t.as['jyj.clerk']!)).json().total).toBe(1);
  });

  it('lets a department apply for its own resource, but never lets the applicant decide it', async () => {
    const res = await apply('gafj.clerk', applicationBody('gafj_household', { items: ['name'] }));
    expect(res.json()).toMatchObject({ status: 'pending_provider', applicantDepartmentId: t.ids.GAFJ });
    const decided = await decide('gafj.clerk', res.json().id, {
      decision: 'reject',
      reason: '本部门可直接查询',
    });
    expect(decided.statusCode).toBe(403);
    expect(decided.json().code).toBe('own_application');
  });
});
