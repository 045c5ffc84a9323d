import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { eventsPlatform } from './case-test-kit.ts';

describe.each(databaseKinds)('a case from the desk to closing (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof eventsPlatform>>;
  beforeAll(async () => {
    t = await eventsPlatform(kind);
  });
  afterAll(() => t?.p.close());

  const call = {
    content: '高塘岭街道郭亮中路人行道上井盖缺了一块，晚上有人差点掉进去',
    address: '望城区高塘岭街道郭亮中路88号',
    categoryCode: 'city.manhole',
    reporterName: '张三丰',
    reporterPhone: '13812345678',
    urgency: 'urgent',
  };

  it('goes received → dispatched → accepted → replied → reviewed → closed, each step in the history', async () => {
    const c = await t.receive(call);
    expect(c).toMatchObject({ status: 'received', channel: 'hotline', categoryCode: 'city.manhole' });
    expect(c.number).toMatch(/^\d{13}$/);
    expect(c.reporterPhone).toBe('138****5678');
    expect(c.reporterName).not.toBe('张三丰');
    expect(c.dueAt).toMatch(/\+08:00$/);
    // 4 calendar hours for a missing manhole cover.
    expect(new Date(c.dueAt).getTime() - new Date(c.receivedAt).getTime()).toBe(4 * 3600_000);
    expect(c.actions).toContain('dispatch');

    const dispatched = await t.act(c.number, t.as.operator!, { action: 'dispatch' });
    expect(dispatched).toMatchObject({ status: 'dispatched', departmentId: t.ids.CGJ });
    const inbox = (await t.call('GET', '/api/events/cases?inbox=department', t.as.cgj!)).json();
    expect(inbox.items.map((i: { number: string }) => i.number)).toContain(c.number);

    await t.act(c.number, t.as.cgj!, { action: 'accept' });
    await t.act(c.number, t.as.cgj!, { action: 'reply' }, 400);
    const replied = await t.act(c.number, t.as.cgj!, { action: 'reply', reply: '已更换井盖' });
    expect(replied.status).toBe('replied');
    await t.act(c.number, t.as.operator!, { action: 'review', approve: true });
    const closed = await t.act(c.number, t.as.operator!, { action: 'callback', satisfaction: 'satisfied' });
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    expect(closed.steps.map((s: { action: string }) => s.action)).toEqual([
      'receive',
      'dispatch',
      'accept',
      'reply',
      'review',
      'callback',
    ]);
    expect(closed.steps[1]).toMatchObject({
      actorName: 'operator',
      fromStatus: 'received',
      toStatus: 'dispatched',
    });
    expect(await t.audited('events.case_reply', c.number)).toHaveLength(1);
  });

  it('an unsatisfied callback reopens the case once, then sends it back to the center', async () => {
    const c = await t.receive({ ...call, dispatch: true });
    expect(c.status).toBe('dispatched');
    const round = async () => {
      await t.act(c.number, t.as.cgj!, { action: 'accept' });
      await t.act(c.number, t.as.cgj!, { action: 'reply', reply: '已处理' });
      await t.act(c.number, t.as.operator!, { action: 'review', approve: true });
      return t.act(c.number, t.as.operator!, { action: 'callback', satisfaction: 'unsatisfied' });
    };
    expect(await round()).toMatchObject({ status: 'dispatched', reopenCount: 1 });
    expect(await round()).toMatchObject({ status: 'received', escalated: true });
    const closed = await t.act(c.number, t.as.operator!, {
      action: 'close',
      reason: '已解释政策，诉求不合理',
    });
    expect(closed.status).toBe('closed');
  });

  it('a department returns a case with a reason; the desk re-dispatches it elsewhere', async () => {
    const c = await t.receive({
      ...call,
      categoryCode: 'env.noise',
      content: '楼下KTV晚上太吵',
      dispatch: true,
    });
    expect(c.departmentId).toBe(t.ids.HBJ);
    await t.act(c.number, t.as.hbj!, { action: 'return' }, 400);
    expect((await t.act(c.number, t.as.hbj!, { action: 'return', reason: '属公安职责' })).status).toBe(
      'returned',
    );
    const again = await t.act(c.number, t.as.operator!, {
      action: 'dispatch',
      categoryCode: 'security.order',
      departmentId: t.ids.GAFJ,
      assistDepartmentIds: [t.ids.HBJ],
    });
    expect(again).toMatchObject({
      status: 'dispatched',
      departmentId: t.ids.GAFJ,
      categoryCode: 'security.order',
    });
    // The co-handling department sees it but does not act on it.
    expect((await t.call('GET', `/api/events/cases/${c.number}`, t.as.hbj!)).statusCode).toBe(200);
    await t.act(c.number, t.as.hbj!, { action: 'accept' }, 403);
  });

  it('extensions move the due time only when the desk approves them', async () => {
    const c = await t.receive({ ...call, categoryCode: 'city.road', content: '路面塌陷', dispatch: true });
    await t.act(c.number, t.as.cgj!, { action: 'accept' });
    const asked = await t.act(c.number, t.as.cgj!, {
      action: 'request_extension',
      limit: '2wd',
      reason: '需采购材料',
    });
    expect(asked.extensionRequest).toMatchObject({ limit: '2wd', reason: '需采购材料', by: 'cgj' });
    await t.act(c.number, t.as.cgj!, { action: 'request_extension', limit: '2wd', reason: '再次' }, 409);
    const approved = await t.act(c.number, t.as.operator!, { action: 'decide_extension', approve: true });
    expect(new Date(approved.dueAt).getTime()).toBeGreaterThan(new Date(c.dueAt).getTime());
    expect(approved.extensionRequest).toBeNull();
  });

  it('refuses the forbidden paths: another department, the wrong role, the wrong status', async () => {
    const c = await t.receive({ ...call, dispatch: true });
    // Another department neither sees nor acts on it (404: it does not learn the case exists).
    expect((await t.call('GET', `/api/events/cases/${c.number}`, t.as.hbj!)).statusCode).toBe(404);
    await t.act(c.number, t.as.hbj!, { action: 'accept' }, 404);
    // A department cannot dispatch; the desk cannot accept for the department.
    await t.act(c.number, t.as.cgj!, { action: 'dispatch' }, 403);
    await t.act(c.number, t.as.operator!, { action: 'accept' }, 403);
    expect(await t.audited('access.denied', c.number)).toHaveLength(2);
    // Not signed in; a leader reads but does not open cases.
    expect((await t.call('GET', '/api/events/cases', null)).statusCode).toBe(401);
    expect((await t.call('POST', '/api/events/cases', t.as.leader!, call)).statusCode).toBe(403);
    // Replying before accepting is out of order.
    await t.act(c.number, t.as.cgj!, { action: 'reply', reply: 'x' }, 409);
  });

  it("shows the reporter's contact to the lead department and the desk only, and audits each read", async () => {
    const c = await t.receive({ ...call, dispatch: true });
    const url = `/api/events/cases/${c.number}/contact`;
    const read = await t.call('GET', url, t.as.cgj!);
    expect(read.json()).toMatchObject({ reporterName: '张三丰', reporterPhone: '13812345678' });
    expect((await t.call('GET', url, t.as.leader!)).statusCode).toBe(403);
    expect((await t.call('GET', url, t.as.hbj!)).statusCode).toBe(404);
    expect(await t.audited('events.read_contact', c.number)).toHaveLength(1);
    const list = (await t.call('GET', `/api/events/cases?q=${c.number}`, t.as.leader!)).json();
    expect(JSON.stringify(list)).not.toContain('13812345678');
  });

  it('merges a second call into the open case (并案) instead of opening another', async () => {
    const first = await t.receive(call);
    const second = await t.receive({ ...call, reporterName: '李四', mergeInto: first.number });
    expect(second).toMatchObject({ status: 'merged', mergedInto: first.number });
    const after = (await t.call('GET', `/api/events/cases/${first.number}`, t.as.operator!)).json();
    expect(after.steps.at(-1)).toMatchObject({ action: 'merged_in', detail: { from: second.number } });
  });

  it('a grid inspector reports from patrol and sees only their own reports', async () => {
    const res = await t.call('POST', '/api/events/reports', t.as.inspector!, {
      content: '小区门口垃圾堆放三天无人清运',
      categoryCode: 'city.garbage',
      lng: 112.82,
      lat: 28.36,
      mediaUrls: ['/api/events/media/abc.jpg'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'grid', status: 'dispatched', departmentId: t.ids.CGJ });
    const mine = (await t.call('GET', '/api/events/cases', t.as.inspector!)).json();
    expect(mine.items.every((i: { channel: string }) => i.channel === 'grid')).toBe(true);
    expect(mine.total).toBe(1);
    expect((await t.call('POST', '/api/events/reports', t.as.cgj!, { content: 'x' })).statusCode).toBe(403);
  });

  it('suggests categories as the operator types, and classifies a report that names none', async () => {
    const q = encodeURIComponent('我们小区门口的井盖被人偷了，晚上黑乎乎的很危险');
    const res = await t.call('GET', `/api/events/suggestions?content=${q}`, t.as.operator!);
    expect(res.statusCode, res.body).toBe(200);
    const { top } = res.json();
    expect(top).toHaveLength(3);
    expect(top[0]).toMatchObject({
      category: 'city.manhole',
      name: '井盖缺失或破损',
      departmentName: '城管局',
    });
    const report = await t.call('POST', '/api/events/reports', t.as.inspector!, {
      content: '工地晚上十二点还在打桩施工，噪音很大，居民无法休息',
      lng: 112.82,
      lat: 28.36,
    });
    expect(report.json()).toMatchObject({ categoryCode: 'construction.site', status: 'dispatched' });
    expect((await t.call('GET', `/api/events/suggestions?content=${q}`, t.as.leader!)).statusCode).toBe(403);
  });

  it('places a call by its address and dispatches by the rule for its subdistrict to the subdistrict office', async () => {
    const office = t.subdistrictOffice;
    const rule = await t.call('PUT', '/api/events/dispatch-rules', t.as.admin!, {
      categoryCode: 'city.vending',
      subdistrictCode: office.code,
      departmentId: office.id,
      note: '高塘岭街道的占道经营由街道综合执法队处理',
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const c = await t.receive({
      content: '郭亮中路步行街门口每天晚上都有流动摊贩占道摆摊',
      address: '湖南省长沙市望城区高塘岭街道郭亮中路123号',
      categoryCode: 'city.vending',
      dispatch: true,
    });
    expect(c).toMatchObject({ subdistrictCode: office.code, departmentId: office.id, status: 'dispatched' });
    expect(c.lng).toBeGreaterThan(112);
    // The same category elsewhere still goes to 城管局.
    const elsewhere = await t.receive({
      content: '金山桥街道金山桥路路口有人摆摊卖水果占道',
      address: '望城区金山桥街道金山桥路8号',
      categoryCode: 'city.vending',
      dispatch: true,
    });
    expect(elsewhere.departmentId).toBe(t.ids.CGJ);
    expect(elsewhere.subdistrictCode).not.toBe(office.code);
    // Only the center edits rules.
    const refused = await t.call('PUT', '/api/events/dispatch-rules', t.as.cgj!, {
      categoryCode: 'city.vending',
      subdistrictCode: null,
      departmentId: t.ids.CGJ,
    });
    expect(refused.statusCode).toBe(403);
  });

  it('finds cases by any part of their text or address, by number, and nothing for a miss', async () => {
    const c = await t.receive({
      ...call,
      content: '雷锋大道东侧人行道护栏被撞歪了',
      address: '望城区雷锋街道雷锋大道66号',
    });
    const find = async (q: string) =>
      (await t.call('GET', `/api/events/cases?q=${encodeURIComponent(q)}`, t.as.operator!))
        .json()
        .items.map((i: { number: string }) => i.number);
    expect(await find('护栏被撞')).toContain(c.number);
    expect(await find('雷锋大道66')).toContain(c.number);
    expect(await find('歪')).toContain(c.number);
    expect(await find(c.number)).toEqual([c.number]);
    expect(await find('护栏被拆')).not.toContain(c.number);
  });
});
