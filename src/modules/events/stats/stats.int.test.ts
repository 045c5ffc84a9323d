import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { eventsPlatform } from '../cases/case-test-kit.ts';

// The figures on a small known set of cases, made through the API on a test clock (all on 10 June 2026, China
// time, except one in May), with the rates worked out by hand below.
const PASSWORD = 'Events#2026x';
const T0 = Date.parse('2026-06-10T10:00:00+08:00');
const hours = (h: number) => new Date(T0 + h * 3_600_000);

describe.each(databaseKinds)('case statistics (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof eventsPlatform>>;
  let now = new Date('2026-05-20T09:00:00+08:00');
  const n: Record<string, string> = {};
  let subdistrict: string;

  /** Moves the clock and signs everyone in again (sessions idle out after 30 minutes). */
  async function at(when: Date) {
    now = when;
    t.as.admin = await login(t.p.app, 'admin', ADMIN_PASSWORD);
    for (const user of ['operator', 'cgj', 'gafj', 'hbj', 'leader', 'inspector'])
      t.as[user] = await login(t.p.app, user, PASSWORD);
  }
  const get = (url: string, who: string | null) => t.call('GET', url, who ? t.as[who]! : null);
  const round = async (number: string, dept: string, satisfaction?: string) => {
    await t.act(number, t.as[dept]!, { action: 'reply', reply: '已处理' });
    await t.act(number, t.as.operator!, { action: 'review', approve: true });
    if (satisfaction) await t.act(number, t.as.operator!, { action: 'callback', satisfaction });
  };

  beforeAll(async () => {
    t = await eventsPlatform(kind, () => now);
    subdistrict = t.subdistrictOffice.divisionCode!;
    const manhole = { content: '井盖缺失', categoryCode: 'city.manhole', dispatch: true };
    const parking = { content: '违法停车堵住消防通道', categoryCode: 'traffic.parking', dispatch: true };
    // H: in May, outside June's figures.
    await at(new Date('2026-05-20T09:00:00+08:00'));
    n.H = (await t.receive(manhole)).number;
    await at(hours(0));
    n.A = (await t.receive({ ...manhole, lng: 112.82, lat: 28.36 })).number;
    n.B = (await t.receive({ ...manhole, lng: 112.821, lat: 28.361 })).number;
    n.C = (await t.receive({ ...manhole, lng: 112.9, lat: 28.4 })).number;
    n.D = (await t.receive(manhole)).number;
    n.E = (await t.receive(parking)).number;
    n.F = (await t.receive(parking)).number;
    n.I = (await t.receive(parking)).number;
    // G: a second call about E, merged: not counted.
    n.G = (await t.receive({ ...parking, mergeInto: n.E })).number;
    for (const c of ['A', 'B', 'C']) await t.act(n[c]!, t.as.cgj!, { action: 'accept' });
    for (const c of ['E', 'I']) await t.act(n[c]!, t.as.gafj!, { action: 'accept' });
    await t.act(n.F!, t.as.gafj!, { action: 'return', reason: '非本单位职责' });
    // The subdistrict is set by the place resolver in production; here, directly.
    await t.p.database.db.execute(
      `update events.cases set subdistrict_code = '${subdistrict}', updated_at = now() where number in ('${n.A}', '${n.B}', '${n.E}')` as never,
    );
    await at(hours(1));
    await round(n.A!, 'cgj', 'satisfied'); // on time (1 h of 4)
    await round(n.I!, 'gafj', 'unsatisfied'); // reopened, still open
    await at(hours(2));
    await round(n.C!, 'cgj', 'unsatisfied'); // reopened: due again 4 h from now (hours(6))
    await at(hours(3));
    await round(n.E!, 'gafj', 'satisfied'); // on time
    await t.act(n.C!, t.as.cgj!, { action: 'accept' });
    await at(hours(5));
    await round(n.B!, 'cgj', 'basically_satisfied'); // late (5 h of 4)
    await round(n.C!, 'cgj', 'satisfied'); // on time against its new due time
    await at(hours(6));
    await t.act(n.F!, t.as.operator!, { action: 'close', reason: '已向诉求人解释' }); // never replied: late
    await at(new Date('2026-06-30T09:00:00+08:00'));
  }, 120_000);
  afterAll(() => t?.p.close());

  const june = '/api/events/statistics?from=2026-06-01&to=2026-06-30';

  it('gives the three rates, counts and handling time, overall and per department and subdistrict', async () => {
    const res = await get(june, 'operator');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ from: '2026-06-01', to: '2026-06-30', granularity: 'day', scope: 'all' });
    // A B C D E F I received (G merged, H in May); A B C E F closed; on time A C E; called back A B C E I,
    // satisfied A B C E; reopened and closed: C; handling 1 + 5 + 5 + 3 + 6 hours over 5.
    expect(s.totals).toEqual({
      received: 7,
      closed: 5,
      onTime: 3,
      onTimeRate: 0.6,
      calledBack: 5,
      satisfied: 4,
      satisfactionRate: 0.8,
      reopened: 1,
      reopenRate: 0.2,
      meanHandlingHours: 4,
    });
    const cgj = s.byDepartment.find((d: { departmentId: number }) => d.departmentId === t.ids.CGJ);
    expect(cgj).toMatchObject({
      departmentName: '城管局',
      received: 4,
      closed: 3,
      onTimeRate: 0.6667,
      satisfactionRate: 1,
      reopenRate: 0.3333,
      meanHandlingHours: 3.7,
    });
    const gafj = s.byDepartment.find((d: { departmentId: number }) => d.departmentId === t.ids.GAFJ);
    expect(gafj).toMatchObject({
      received: 3,
      closed: 2,
      onTimeRate: 0.5,
      satisfactionRate: 0.5,
      reopenRate: 0,
    });
    expect(gafj.meanHandlingHours).toBe(4.5);
    const here = s.bySubdistrict.find((d: { subdistrictCode: string }) => d.subdistrictCode === subdistrict);
    expect(here).toMatchObject({ received: 3, closed: 3, onTime: 2, subdistrictName: expect.any(String) });
    // D, F and I have no place; C is placed by the resolver from its point, in another subdistrict.
    expect(s.bySubdistrict.find((d: { subdistrictCode: null }) => d.subdistrictCode === null).received).toBe(
      3,
    );
    expect(s.bySubdistrict.reduce((sum: number, d: { received: number }) => sum + d.received, 0)).toBe(7);
    expect(s.trend).toHaveLength(30);
    expect(s.trend.find((p: { period: string }) => p.period === '2026-06-10')).toEqual({
      period: '2026-06-10',
      received: 7,
      closed: 5,
    });
    expect(s.topCategories[0]).toMatchObject({
      categoryCode: 'city.manhole',
      categoryName: '井盖缺失或破损',
      count: 4,
    });
  });

  it('sums months from the monthly rollup and the days at either end from the daily one', async () => {
    const year = (await get('/api/events/statistics?from=2026-01-01&to=2026-12-31', 'leader')).json();
    expect(year.granularity).toBe('month');
    expect(year.totals.received).toBe(8);
    expect(year.trend).toHaveLength(12);
    expect(year.trend.find((p: { period: string }) => p.period === '2026-05-01').received).toBe(1);
    const odd = (await get('/api/events/statistics?from=2026-03-15&to=2026-06-10', 'leader')).json();
    expect(odd.totals).toMatchObject({ received: 8, closed: 5 });
    const cut = (await get('/api/events/statistics?from=2026-05-21&to=2026-08-09', 'leader')).json();
    expect(cut.totals.received).toBe(7);
    // Filters: a category, a channel.
    const parking = (await get(`${june}&category=traffic.parking`, 'operator')).json();
    expect(parking.totals.received).toBe(3);
    expect((await get(`${june}&channel=grid`, 'operator')).json().totals.received).toBe(0);
  });

  it("shows a department its own figures only, and refuses another department's", async () => {
    const own = (await get(june, 'cgj')).json();
    expect(own.scope).toBe('department');
    expect(own.byDepartment.map((d: { departmentId: number }) => d.departmentId)).toEqual([t.ids.CGJ]);
    expect(own.totals.received).toBe(4);
    expect((await get(`${june}&departmentId=${t.ids.GAFJ}`, 'cgj')).statusCode).toBe(403);
    expect((await get(`/api/events/statistics/export?departmentId=${t.ids.GAFJ}`, 'cgj')).statusCode).toBe(
      403,
    );
    expect((await get(`${june}&departmentId=${t.ids.CGJ}`, 'cgj')).statusCode).toBe(200);
    // The center may look at one department.
    const one = (await get(`${june}&departmentId=${t.ids.GAFJ}`, 'operator')).json();
    expect(one.totals.received).toBe(3);
    expect((await get(june, 'inspector')).statusCode).toBe(403);
    expect((await get(june, null)).statusCode).toBe(401);
    const bad = await get('/api/events/statistics?from=2026-06-30&to=2026-06-01', 'operator');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('from');
  });

  it('exports the department and subdistrict tables as XLSX, audited', async () => {
    const res = await get('/api/events/statistics/export?from=2026-06-01&to=2026-06-30', 'operator');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as never);
    const byDepartment = workbook.getWorksheet('按部门')!;
    expect((byDepartment.getRow(2).values as unknown[]).slice(1, 5)).toEqual([
      '部门',
      '受理量',
      '办结量',
      '按时办结量',
    ]);
    const rows = new Map<string, unknown[]>();
    byDepartment.eachRow((row, i) => {
      if (i > 2) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    expect(rows.get('城管局')!.slice(0, 5)).toEqual(['城管局', 4, 3, 2, 0.6667]);
    expect(rows.get('合计')![1]).toBe(7);
    expect(workbook.getWorksheet('按街道')!.getRow(2).getCell(1).value).toBe('街道（镇）');
    const { items } = await t.p.modules.audit.service.list(systemCtx('test'), {
      action: 'events.statistics_export',
      page: 1,
      pageSize: 10,
      sort: 'newest',
    });
    expect(items).toHaveLength(1);
  });

  it('maps the placed cases as points and heat cells', async () => {
    const map = (await get('/api/events/statistics/map?from=2026-06-01&to=2026-06-30', 'leader')).json();
    expect(map).toMatchObject({ placed: 3, sampleShare: 1 });
    // A small district's year is counted whole too (sampling is for ranges of more than 100,000 cases).
    const year = (await get('/api/events/statistics/map?from=2026-01-01&to=2026-12-31', 'leader')).json();
    expect(year).toMatchObject({ placed: 3, sampleShare: 1 });
    expect(map.points.map((p: { number: string }) => p.number).sort()).toEqual([n.A, n.B, n.C].sort());
    // A and B are about 140 m apart: one or two 200 m cells; C is far away.
    expect(map.heat.reduce((sum: number, c: number[]) => sum + c[2]!, 0)).toBe(3);
    expect(map.heat.length).toBeGreaterThanOrEqual(2);
    const own = (await get('/api/events/statistics/map?from=2026-06-01&to=2026-06-30', 'gafj')).json();
    expect(own.placed).toBe(0);
  });
  // Last: it changes the set the tests above count.
  it('sees a change made after the last read (the rollup is refreshed for its day)', async () => {
    await t.act(n.D!, t.as.cgj!, { action: 'accept' });
    await round(n.D!, 'cgj', 'satisfied');
    const s = (await get(june, 'operator')).json();
    expect(s.totals).toMatchObject({ received: 7, closed: 6, calledBack: 6, satisfied: 5 });
  });
});
