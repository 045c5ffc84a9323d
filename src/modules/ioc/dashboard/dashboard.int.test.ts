// The home page's dashboards: each role's to-dos and figures are what the test made (an overdue case of 城管局, failed
// batches, applications waiting, a conflict, an objection, offline devices, calls of a resource), each to-do's count
// is the total of the list its link opens, a department sees only its own, and the screen and citizens get none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, login } from '../../../../test/databases.ts';
import { idNumberCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { grantWithCredential } from '../../sharing/api/share-test-fixture.ts';
import { applicationBody } from '../../sharing/applications/application-test-kit.ts';
import type { Dashboard } from '../contract.ts';
import { iocPlatform, type Who } from '../ioc-test-kit.ts';
import { type TodoKey, todoLinks } from './links.ts';

const ZHANG = `43011219900101123${idNumberCheck('43011219900101123')}`;
const PASSWORD = 'Dashboard#2026x';

/** The API list behind each to-do's console page, with the same filter (the console's `tab=inbox` is `inbox=`). */
const listOf: Record<TodoKey, string> = {
  overdueCases: '/api/events/cases?clock=overdue',
  warningCases: '/api/events/cases?clock=warning',
  caseInbox: '/api/events/cases?inbox=department',
  deskInbox: '/api/events/cases?inbox=desk',
  failedBatches: '/api/ingest/batches?status=failed',
  activeAlarms: '/api/iot/alarms?status=active',
  offlineDevices: '/api/iot/devices?status=offline',
  sharingCenterApprovals: '/api/sharing/applications?scope=inbox&status=pending_center',
  sharingProviderApprovals: '/api/sharing/applications?scope=inbox&status=pending_provider',
  registryConflicts: '/api/registry/conflicts?status=open',
  objectionsOpen: '/api/registry/objections?scope=all&status=open',
  objectionsAssigned: '/api/registry/objections?scope=assigned&status=open',
};

describe.each(databaseKinds)('role dashboards on %s', (kind) => {
  let t: Awaited<ReturnType<typeof iocPlatform>>;
  // Users sign in on the real clock (sessions expire by the database's time); the cases are then made on today's
  // China date at fixed times, so which are overdue or due today does not depend on when the test runs.
  let clock = new Date();
  const today = todayInShanghai();
  const at = (time: string) => new Date(`${today}T${time}:00+08:00`);
  const ctx = systemCtx('test');
  const as: Record<string, Who> = {};
  let resources: { all: number; cgj: number };

  /** A user of the department (by code) with these roles, signed in. */
  async function user(username: string, department: string | null, roles: string[]) {
    const departmentId = department
      ? (await t.p.modules.org.service.findDepartmentByCode(department))!.id
      : null;
    const created = await t.call('POST', '/api/users', t.as.admin!, {
      username,
      displayName: username,
      departmentId,
      roles,
      password: PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    return login(t.p.app, username, PASSWORD);
  }

  /** Opens a case at the desk (or as an inspector's report) at `time`; returns its number. */
  async function caseAt(time: string, body: object, who = t.as.operator!, url = '/api/events/cases') {
    clock = at(time);
    const res = await t.call('POST', url, who, { content: '路面问题需要处理', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { number: string; departmentId: number | null; dueAt: string | null };
  }

  /** A failed batch of the resource: its source (records of `key`) breaks off mid-way. */
  async function failedBatch(resource: string, key: string) {
    async function* breaks() {
      // Past the first rows the delivery reads to see their shape, so the batch starts and then fails.
      for (let i = 0; i < 150; i++) yield { [key]: String(4301120000001000 + i) };
      throw new Error('the departmental system closed the stream');
    }
    const { finished } = await t.p.modules.ingest.service.startRecords(ctx, resource, breaks());
    await expect(finished).rejects.toThrow('closed the stream');
  }

  const dashboardOf = async (who: Who) => {
    const res = await t.call('GET', '/api/ioc/dashboard', who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Dashboard;
  };
  const countsOf = (d: Dashboard) => Object.fromEntries(d.todos.map((todo) => [todo.key, todo.count]));

  beforeAll(async () => {
    t = await iocPlatform(kind, () => clock);
    Object.assign(as, t.as);
    as.gafj = await user('gafj', 'GAFJ', ['department_user']);
    const office = (await t.p.modules.org.service.departmentDirectory()).all.find(
      (d) => d.kind === 'subdistrict' && d.name.startsWith('高塘岭'),
    )!;
    as.inspector = await user('inspector', office.code, ['inspector']);
    as.citizen = await user('citizen', null, ['citizen']);

    // Cases: 城管局 has one overdue (a 4-hour limit from 00:30), one due today, one tomorrow and one next week;
    // 水利局 has one overdue; the desk one not yet dispatched; the inspector reported one for 水利局.
    await caseAt('00:30', { categoryCode: 'city.manhole', dispatch: true });
    await caseAt('00:30', { categoryCode: 'city.vending', dispatch: true });
    await caseAt('00:30', { categoryCode: 'city.illegal_building', dispatch: true });
    await caseAt('00:30', { categoryCode: 'water.flood', dispatch: true });
    await caseAt('00:30', { content: '来电咨询，尚未分类' });
    await caseAt(
      '00:40',
      { categoryCode: 'water.supply', lng: 112.82, lat: 28.36 },
      as.inspector,
      '/api/events/reports',
    );
    await caseAt('04:00', { categoryCode: 'city.manhole', dispatch: true });
    clock = at('05:00');

    // Data: the registries get a conflict (two sources disagree on a phone); 城管局's component batch has one row
    // rejected; a batch of 城管局's and one of 住建局's fail.
    await t.p.modules.ingest.service.ingestRecords(ctx, 'gafj_household', [
      { 公民身份号码: ZHANG, 姓名: '张三', 性别: '男', 出生日期: '1990-01-01', 联系电话: '13800138000' },
      { 公民身份号码: `43011219850505224${idNumberCheck('43011219850505224')}`, 姓名: '李四', 性别: '女' },
    ]);
    await t.p.modules.ingest.service.ingestRecords(ctx, 'mzj_marriage', [
      {
        当事人身份证号: ZHANG,
        当事人姓名: '张叁',
        婚姻状况: '已婚',
        登记日期: '2015-06-01',
        联系电话: '13900139000',
      },
    ]);
    const components = await t.p.modules.ingest.service.ingestRecords(ctx, 'component', [
      { component_code: '4301120000000001', class: '公用设施', subclass: '井盖' },
      { component_code: 'not-a-code', class: '公用设施', subclass: '井盖' },
    ]);
    expect(components).toMatchObject({ total: 2, rejected: 1 });
    await t.p.modules.ingest.service.idle();
    await failedBatch('component', 'component_code');
    await failedBatch('zjj_construction_sites', 'project_code');

    // An objection by 城管局 to a name 公安分局 gave: it waits on 公安分局.
    const found = await t.call('GET', '/api/registry/population/entities?q=zs', as.cgj!);
    const raised = await t.call('POST', '/api/registry/objections', as.cgj!, {
      registry: 'population',
      ref: found.json().items[0].ref,
      item: 'name',
      proposedValue: '张山',
      reason: '与本局登记不一致',
    });
    expect(raised.statusCode, raised.body).toBe(201);

    // 城管局 applies three times for 公安分局's household data: one waits on 公安分局, one (approved there) on the
    // center, one 公安分局 rejected.
    const apply = async () => {
      const res = await t.call(
        'POST',
        '/api/sharing/applications',
        as.cgj!,
        applicationBody('gafj_household'),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('pending_provider');
      return res.json().id as number;
    };
    await apply();
    const forwarded = await apply();
    const rejected = await apply();
    const decide = (id: number, body: object) =>
      t.call('POST', `/api/sharing/applications/${id}/decide`, as.gafj!, body);
    expect((await decide(forwarded, { decision: 'approve' })).json().status).toBe('pending_center');
    expect((await decide(rejected, { decision: 'reject', reason: '超出职责范围' })).json().status).toBe(
      'rejected',
    );

    // 住建局 calls 城管局's components twice through the sharing API.
    const component = await t.p.modules.catalog.service.get(ctx, 'component');
    const zjj = (await t.p.modules.org.service.findDepartmentByCode('ZJJ'))!.id;
    const credential = await grantWithCredential(t.p.database, {
      resourceId: component.id,
      consumerDepartmentId: zjj,
      items: ['component_code', 'class'],
    });
    for (let i = 0; i < 2; i++) {
      const res = await t.p.app.inject({
        method: 'GET',
        url: '/api/share/v1/component/4301120000000001',
        headers: { authorization: credential.authorization },
      });
      expect(res.statusCode, res.body).toBe(200);
    }

    // Devices: 城管局 registers two (one then publishes and comes online); the center one of 水利局's.
    const device = async (who: Who, code: string, departmentId?: number) => {
      const res = await t.call('POST', '/api/iot/devices', who, {
        code,
        profileCode: 'manhole',
        name: `井盖 ${code}`,
        lng: 112.82,
        lat: 28.37,
        ...(departmentId && { departmentId }),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().token as string;
    };
    const online = await device(as.cgj!, 'MH-DASH-1');
    await device(as.cgj!, 'MH-DASH-2');
    await device(as.admin!, 'MH-DASH-3', (await t.p.modules.org.service.findDepartmentByCode('SLJ'))!.id);
    const sent = await t.call('POST', `/api/v1/${online}/telemetry`, null, { tilt: 1 });
    expect(sent.statusCode, sent.body).toBe(200);
    await t.p.modules.iot.telemetry.flush();

    resources = {
      all: await t.p.modules.catalog.service.count(),
      cgj: (
        await t.p.modules.catalog.service.list(ctx, {
          departmentId: t.ids.CGJ,
          page: 1,
          pageSize: 1,
          sort: 'code',
        })
      ).total,
    };
  });
  afterAll(() => t?.p.close());

  it("shows the center the district's to-dos, late ones first, each linked to where it is done", async () => {
    const d = await dashboardOf(as.admin!);
    expect(d).toMatchObject({ scope: 'center', casesByDue: null });
    expect(d.todos).toEqual([
      { key: 'overdueCases', count: 2, tone: 'danger', link: '/events/cases?clock=overdue' },
      { key: 'failedBatches', count: 2, tone: 'danger', link: '/ingest/batches?status=failed' },
      {
        key: 'sharingCenterApprovals',
        count: 1,
        tone: 'warning',
        link: '/sharing/applications?scope=inbox&status=pending_center',
      },
      { key: 'registryConflicts', count: 1, tone: 'warning', link: '/registry/conflicts?status=open' },
      {
        key: 'objectionsOpen',
        count: 1,
        tone: 'warning',
        link: '/registry/objections?scope=all&status=open',
      },
      { key: 'offlineDevices', count: 2, tone: 'warning', link: '/iot/devices?status=offline' },
    ]);
    // A steward of the center has the same to-dos.
    expect(countsOf(await dashboardOf(as.steward!))).toEqual(countsOf(d));
  });

  it("gives the center the district's figures", async () => {
    const d = await dashboardOf(as.admin!);
    expect(d.figures).toEqual({
      casesToday: 7,
      casesOpen: 7,
      casesOverdue: 2,
      devicesOnline: 1,
      devicesOffline: 2,
      alarmsActive: 0,
      // The household (2 rows), marriage (1) and component (2, one rejected) batches; the failed ones do not count.
      batchesToday: 3,
      recordsToday: 4,
      dataQuality: 0.8,
      resources: resources.all,
      sharingCallsToday: 2,
    });
  });

  it('shows 城管局 its own: cases by due time, its applications, its resources, its devices', async () => {
    const d = await dashboardOf(as.cgj!);
    expect(d).toMatchObject({ scope: 'department', departmentId: t.ids.CGJ });
    expect(d.casesByDue).toEqual({ overdue: 1, today: 1, within3Days: 1, later: 1 });
    expect(d.todos).toEqual([
      { key: 'overdueCases', count: 1, tone: 'danger', link: '/events/cases?clock=overdue' },
      { key: 'failedBatches', count: 1, tone: 'danger', link: '/ingest/batches?status=failed' },
      { key: 'caseInbox', count: 4, tone: 'warning', link: '/events/cases?tab=inbox' },
      { key: 'offlineDevices', count: 1, tone: 'warning', link: '/iot/devices?status=offline' },
    ]);
    expect(d.figures).toEqual({
      casesOpen: 4,
      casesOverdue: 1,
      applicationsPending: 2,
      applicationsApproved: 0,
      applicationsRejected: 1,
      resources: resources.cgj,
      resourceQuality: 0.5,
      sharingCallsToday: 2,
      sharingCalls30Days: 2,
      devicesTotal: 2,
      devicesOnline: 1,
      devicesOffline: 1,
      alarmsActive: 0,
    });
  });

  it("shows 公安分局 what waits on it as provider and source, and nothing of 城管局's", async () => {
    const d = await dashboardOf(as.gafj!);
    const gafj = (await t.p.modules.org.service.findDepartmentByCode('GAFJ'))!.id;
    expect(d).toMatchObject({ scope: 'department', departmentId: gafj });
    expect(d.todos).toEqual([
      {
        key: 'sharingProviderApprovals',
        count: 1,
        tone: 'warning',
        link: '/sharing/applications?scope=inbox&status=pending_provider',
      },
      {
        key: 'objectionsAssigned',
        count: 1,
        tone: 'warning',
        link: '/registry/objections?scope=assigned&status=open',
      },
    ]);
    expect(d.casesByDue).toEqual({ overdue: 0, today: 0, within3Days: 0, later: 0 });
    expect(d.figures).toMatchObject({
      casesOpen: 0,
      applicationsPending: 0,
      devicesTotal: 0,
      devicesOffline: 0,
      // Its household batch: both rows accepted.
      resourceQuality: 1,
      sharingCallsToday: 0,
    });
  });

  it('gives a leader the district summary, the overdue cases to press on', async () => {
    const d = await dashboardOf(as.leader!);
    expect(d).toMatchObject({ scope: 'leader', departmentId: null, casesByDue: null });
    expect(d.todos).toEqual([
      { key: 'overdueCases', count: 2, tone: 'danger', link: '/events/cases?clock=overdue' },
    ]);
    const { sharingCallsToday: _, ...district } = (await dashboardOf(as.admin!)).figures;
    expect(d.figures).toEqual(district);
  });

  it('gives the 12345 desk its queue and a grid inspector their reports', async () => {
    const desk = await dashboardOf(as.operator!);
    expect(desk.scope).toBe('other');
    expect(desk.todos).toEqual([
      { key: 'overdueCases', count: 2, tone: 'danger', link: '/events/cases?clock=overdue' },
      { key: 'deskInbox', count: 1, tone: 'warning', link: '/events/cases?tab=inbox' },
    ]);
    expect(desk.figures).toEqual({ casesToday: 7, casesOpen: 7, casesOverdue: 2, alarmsActive: 0 });
    const inspector = await dashboardOf(as.inspector!);
    expect(inspector).toMatchObject({ scope: 'other', todos: [], casesByDue: null });
    expect(inspector.figures).toEqual({ reportsToday: 1, reportsOpen: 1, reportsClosed: 0 });
  });

  it('counts each to-do as the list its link opens counts it, for whoever sees it', async () => {
    for (const who of ['admin', 'steward', 'cgj', 'gafj', 'leader', 'operator']) {
      const d = await dashboardOf(as[who]!);
      expect(d.todos.length, who).toBeGreaterThan(0);
      for (const todo of d.todos) {
        expect(todo.link).toBe(todoLinks[todo.key as TodoKey].link);
        const list = await t.call('GET', listOf[todo.key as TodoKey], as[who]!);
        expect(list.statusCode, `${who} ${todo.key}`).toBe(200);
        expect(list.json().total, `${who} ${todo.key}`).toBe(todo.count);
      }
    }
  });

  it('refuses the screen account, a citizen and anyone not signed in', async () => {
    expect((await t.call('GET', '/api/ioc/dashboard', as.screen!)).statusCode).toBe(403);
    expect((await t.call('GET', '/api/ioc/dashboard', as.citizen!)).statusCode).toBe(403);
    expect((await t.call('GET', '/api/ioc/dashboard', null)).statusCode).toBe(401);
  });
});
