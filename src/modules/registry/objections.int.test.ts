// Objections (数据纠错): raised on an entity item, sent to the department the value came from, answered there,
// closed by the raising department; who may do what, the wrong states, the audit trail, masking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { idNumberCheck } from '../../core/cn-codes.ts';
import { systemCtx } from '../../core/context.ts';

const id = (first17: string) => first17 + idNumberCheck(first17);
const ZHANG = id('43011219900101123');
const LI = id('43011219850505224');

describe.each(databaseKinds)('registry objections on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  const as: Record<'mzj' | 'gafj' | 'jyj' | 'steward' | 'leader', { cookie: string }> = {} as never;
  const departments: Record<string, number> = {};
  const ctx = systemCtx('test');

  const call = (method: 'GET' | 'POST', url: string, who: { cookie: string }, payload?: object) =>
    p.app.inject({ method, url, headers: who, ...(payload && { payload }) });
  const raise = (who: { cookie: string }, payload: object) =>
    call('POST', '/api/registry/objections', who, payload);
  const step = (who: { cookie: string }, objection: number, action: string, payload: object = {}) =>
    call('POST', `/api/registry/objections/${objection}/${action}`, who, payload);

  async function user(username: string, department: string | null, roles: string[]) {
    const departmentId = department
      ? (await p.modules.org.service.findDepartmentByCode(department))!.id
      : null;
    if (department) departments[department] = departmentId!;
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { username, displayName: username, departmentId, roles, password: 'Objection#2026x' },
    });
    expect(created.statusCode, created.body).toBe(201);
    return login(p.app, username, 'Objection#2026x');
  }

  /** The audit entries of an action on an objection. */
  async function audited(action: string, objection: number) {
    const { items } = await p.modules.audit.service.list(ctx, {
      action,
      targetType: 'objection',
      targetId: String(objection),
      page: 1,
      pageSize: 50,
      sort: 'newest',
    });
    return items;
  }

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    as.mzj = await user('mzj.clerk', 'MZJ', ['department_user']);
    as.gafj = await user('gafj.clerk', 'GAFJ', ['department_user']);
    as.jyj = await user('jyj.clerk', 'JYJ', ['department_user']);
    as.steward = await user('center.steward', 'SJZX', ['steward']);
    as.leader = await user('district.leader', null, ['leader']);
    await p.modules.ingest.service.ingestRecords(ctx, 'gafj_household', [
      { 公民身份号码: ZHANG, 姓名: '张三', 性别: '男', 出生日期: '1990-01-01', 联系电话: '13800138000' },
      { 公民身份号码: LI, 姓名: '李四', 性别: '女', 出生日期: '1985-05-05' },
    ]);
    await p.modules.ingest.service.idle();
  });
  afterAll(() => p?.close());

  let first: number;
  /** 张三's ref as the masked search gives it to a department that is not the provider (the entity page's). */
  let zhangRef: string;

  it('records the current value, its source and the source department when a department raises one', async () => {
    const found = await call('GET', '/api/registry/population/entities?q=zs', as.mzj);
    expect(found.json().items).toHaveLength(1);
    zhangRef = found.json().items[0].ref;
    expect(zhangRef).toMatch(/^[1-9]\d*$/);
    // The page has the person masked: it names them by ref, which the server resolves.
    const res = await raise(as.mzj, {
      registry: 'population',
      ref: zhangRef,
      item: 'name',
      proposedValue: '张叁',
      reason: '与婚姻登记材料不一致',
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    first = o.id;
    expect(o).toMatchObject({
      status: 'open',
      source: 'gafj_household',
      sourceName: '户籍人口登记信息',
      sourceDepartmentId: departments.GAFJ,
      raisedByDepartmentId: departments.MZJ,
      raisedBy: 'mzj.clerk',
      itemName: '姓名',
      // The raising department sees the person masked, as on the entity page.
      key: `430112********${ZHANG.slice(-4)}`,
      currentValue: '张*',
      // What it proposed is its own text, shown as written.
      proposedValue: '张叁',
      masked: true,
      ref: zhangRef,
      can: { answer: false, close: false, comment: true },
    });
    expect(o.events.map((e: { action: string }) => e.action)).toEqual(['raised']);
    expect(o.events[0]).toMatchObject({ actor: 'mzj.clerk', note: '与婚姻登记材料不一致' });
    const [entry] = await audited('registry.objection_raise', first);
    expect(entry?.detail).toMatchObject({ registry: 'population', item: 'name', source: 'gafj_household' });
    // The audit log keeps the person's ID number masked too.
    expect(JSON.stringify(entry?.detail)).not.toContain(ZHANG);
  });

  it('shows the source department the raw values only when asked with a reason, audited once per view', async () => {
    const read = (who: { cookie: string }, query = '') =>
      call('GET', `/api/registry/objections/${first}${query}`, who);
    const masked = { key: `430112********${ZHANG.slice(-4)}`, currentValue: '张*', masked: true };
    // Masked by default, for the source department and center staff too.
    for (const who of [as.gafj, as.steward]) expect((await read(who)).json()).toMatchObject(masked);
    // Raw needs a reason.
    const missing = await read(as.gafj, '?raw=true');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('raw_reason_required');
    // The raising department may not see it raw: masked, reason or not (its own proposal stays as written).
    const why = `&reason=${encodeURIComponent('核对异议')}`;
    expect((await read(as.mzj, `?raw=true${why}`)).json()).toMatchObject({
      ...masked,
      proposedValue: '张叁',
    });
    expect(await audited('data.read_personal', first)).toHaveLength(0);

    const res = await read(as.gafj, `?raw=true${why}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      key: ZHANG,
      currentValue: '张三',
      proposedValue: '张叁',
      masked: false,
      can: { answer: true, close: false, comment: true },
    });
    // Read again for the same reason: the same view, one entry, with its reason.
    expect((await read(as.gafj, `?raw=true${why}`)).json().masked).toBe(false);
    const reads = await audited('data.read_personal', first);
    expect(reads).toHaveLength(1);
    expect(reads[0]?.detail).toMatchObject({ reason: '核对异议' });
  });

  it('refuses, and audits, departments that are not a party', async () => {
    for (const [who, url, payload] of [
      [as.jyj, `/api/registry/objections/${first}`, undefined],
      [as.jyj, `/api/registry/objections/${first}/comment`, { note: 'x' }],
      [as.jyj, `/api/registry/objections/${first}/accept`, { answer: 'x' }],
      // The raising department may not answer its own objection, nor the source department close it.
      [as.mzj, `/api/registry/objections/${first}/accept`, { answer: 'x' }],
      [as.mzj, `/api/registry/objections/${first}/reject`, { answer: 'x' }],
    ] as const) {
      const res = await call(payload ? 'POST' : 'GET', url, who, payload);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(403);
    }
    expect((await audited('access.denied', first)).length).toBeGreaterThanOrEqual(5);
    // Leaders read registries but have no part in objections.
    expect((await call('GET', '/api/registry/objections', as.leader)).statusCode).toBe(403);
    expect(
      (await raise(as.leader, { registry: 'population', key: ZHANG, item: 'name', reason: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await raise(as.leader, { registry: 'population', ref: zhangRef, item: 'name', reason: 'x' }))
        .statusCode,
    ).toBe(403);
    // Only center staff list every department's objections.
    const all = await call('GET', '/api/registry/objections?scope=all', as.gafj);
    expect(all.statusCode).toBe(403);
    expect(all.json().code).toBe('objections_all_for_stewards');
  });

  it('refuses a step the status does not allow, naming the status', async () => {
    const early = await step(as.mzj, first, 'close');
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ code: 'objection_not_answered', params: { status: 'open' } });
    expect(early.json().detail).toContain('open');
  });

  it('takes the acceptance without touching the registry, then refuses a second answer', async () => {
    const res = await step(as.gafj, first, 'accept', { answer: '已核实，下次交付更正' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'accepted',
      answer: '已核实，下次交付更正',
      answeredBy: 'gafj.clerk',
      can: { answer: false, close: false, comment: true },
    });
    expect(res.json().answeredAt).toBeTruthy();
    expect(await audited('registry.objection_accept', first)).toHaveLength(1);
    // The fix arrives with the department's next delivery, not from the acceptance.
    expect((await p.modules.registry.service.get('population', ZHANG)).values.name).toBe('张三');
    for (const action of ['accept', 'reject']) {
      const again = await step(as.gafj, first, action, { answer: 'again' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'objection_not_open', params: { status: 'accepted' } });
    }
    // The source department does not close it: that is the raising department's word.
    expect((await step(as.gafj, first, 'close')).statusCode).toBe(403);
  });

  it('lets any party comment at any time, and the raising department close', async () => {
    const comment = await step(as.gafj, first, 'comment', { note: '预计周五交付' });
    expect(comment.statusCode, comment.body).toBe(200);
    const closed = await step(as.mzj, first, 'close', { note: '等待交付' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: 'mzj.clerk' });
    const again = await step(as.mzj, first, 'close');
    expect(again.statusCode).toBe(409);
    expect(again.json().params.status).toBe('closed');
    expect((await step(as.mzj, first, 'comment', { note: '已更正，谢谢' })).statusCode).toBe(200);
    const detail = (await call('GET', `/api/registry/objections/${first}`, as.mzj)).json();
    expect(detail.events.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`)).toEqual([
      'raised:mzj.clerk',
      'accepted:gafj.clerk',
      'commented:gafj.clerk',
      'closed:mzj.clerk',
      'commented:mzj.clerk',
    ]);
    expect(detail.events[3].note).toBe('等待交付');
    expect(await audited('registry.objection_close', first)).toHaveLength(1);
    expect(await audited('registry.objection_comment', first)).toHaveLength(2);
  });

  it('lets a steward act for any department: reject, then close', async () => {
    const raised = await raise(as.mzj, { registry: 'population', key: LI, item: 'sex', reason: '性别有误' });
    expect(raised.statusCode, raised.body).toBe(201);
    const o = raised.json().id;
    const rejected = await step(as.steward, o, 'reject', { answer: '经核实原值正确' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', answeredBy: 'center.steward' });
    expect(await audited('registry.objection_reject', o)).toHaveLength(1);
    expect((await step(as.jyj, o, 'close')).statusCode).toBe(403);
    expect((await step(as.steward, o, 'close')).json()).toMatchObject({ status: 'closed' });
  });

  it('sends an objection to an empty item to the registry’s own provider', async () => {
    const res = await raise(as.gafj, {
      registry: 'population',
      key: LI,
      item: 'marital_status',
      proposedValue: '已婚',
      reason: '缺少婚姻状况',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      currentValue: null,
      source: 'population',
      sourceDepartmentId: departments.SJZX,
    });
  });

  it('lists by scope, status and registry, a page at a time', async () => {
    const list = async (who: { cookie: string }, query: string) => {
      const res = await call('GET', `/api/registry/objections?${query}`, who);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { id: number; key: string; status: string }[]; total: number };
    };
    const raisedByMzj = await list(as.mzj, 'scope=raised');
    expect(raisedByMzj.total).toBe(2);
    // Lists are masked even for the source department; the detail unmasks.
    expect(raisedByMzj.items.every((i) => i.key.includes('********'))).toBe(true);
    expect((await list(as.mzj, 'scope=assigned')).total).toBe(0);
    expect((await list(as.gafj, 'scope=assigned')).items.map((i) => i.id)).toEqual(
      expect.arrayContaining([first]),
    );
    expect((await list(as.gafj, 'scope=raised')).total).toBe(1);
    const all = await list(as.steward, 'scope=all');
    expect(all.total).toBe(3);
    expect((await list(as.steward, '')).total).toBe(3);
    expect((await list(as.steward, 'status=open')).total).toBe(1);
    expect((await list(as.steward, 'status=closed')).total).toBe(2);
    expect((await list(as.steward, 'registry=legal_person')).total).toBe(0);
    const page = await list(as.steward, 'pageSize=1&page=2');
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    // Newest first.
    expect((await list(as.steward, 'pageSize=1')).items[0]!.status).toBe('open');
  });

  it('says which field is wrong, or that the entity is unknown', async () => {
    const base = { registry: 'population', key: ZHANG, item: 'name', reason: 'x' };
    const item = await raise(as.mzj, { ...base, item: 'shoe_size' });
    expect(item.statusCode).toBe(400);
    expect(item.json().errors[0]).toMatchObject({ field: 'item', reason: 'unknown_item' });
    const registry = await raise(as.mzj, { ...base, registry: 'pets' });
    expect(registry.statusCode).toBe(400);
    expect(registry.json().errors[0]).toMatchObject({ field: 'registry' });
    const reason = await raise(as.mzj, { ...base, reason: '  ' });
    expect(reason.statusCode).toBe(400);
    expect(reason.json().errors[0]).toMatchObject({ field: 'reason' });
    const answer = await step(as.gafj, first, 'reject', {});
    expect(answer.statusCode).toBe(400);
    expect((await raise(as.mzj, { ...base, key: id('11010519491231002') })).statusCode).toBe(404);
    // Named by ref instead: exactly one of key and ref, and a ref no person has is an unknown entity.
    const both = await raise(as.mzj, { ...base, ref: zhangRef });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0]).toMatchObject({ field: 'ref', reason: 'key_or_ref' });
    const { key: _, ...neither } = base;
    const none = await raise(as.mzj, neither);
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0]).toMatchObject({ field: 'key', reason: 'key_or_ref' });
    for (const ref of ['99999999', ZHANG, Buffer.from(ZHANG).toString('base64url'), 'x'])
      expect((await raise(as.mzj, { ...neither, ref })).statusCode, ref).toBe(404);
    expect((await call('GET', '/api/registry/objections/99999', as.steward)).statusCode).toBe(404);
  });
});
