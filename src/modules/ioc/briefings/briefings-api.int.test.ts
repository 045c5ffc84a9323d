import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { createLogger } from '../../../core/logger.ts';
import { openPlatform } from '../../../server/platform.ts';
import { iocPlatform, type Who } from '../ioc-test-kit.ts';
import { periodAt } from './period.ts';

// The briefings' API: generating on demand, the archive, the documents, and who may do what.

describe.each(databaseKinds)('operations briefings API (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iocPlatform>>;
  let citizen: Who;
  const lastWeek = periodAt('weekly', new Date()).previous;
  const thisWeek = periodAt('weekly', new Date()).code;
  const lastMonth = periodAt('monthly', new Date()).previous;
  beforeAll(async () => {
    t = await iocPlatform(kind);
    const created = await t.call('POST', '/api/users', t.as.admin!, {
      username: 'citizen1',
      displayName: '市民',
      departmentId: null,
      roles: ['citizen'],
      password: 'Citizen#2026x',
    });
    expect(created.statusCode, created.body).toBe(201);
    const login = await t.p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'citizen1', password: 'Citizen#2026x' },
    });
    citizen = { cookie: `onecity_session=${login.cookies.find((c) => c.name === 'onecity_session')!.value}` };
  });
  afterAll(() => t?.p.close());

  /** The audit entries of an action on briefings. */
  async function audited(action: string) {
    const { items } = await t.p.modules.audit.service.list(systemCtx('test'), {
      action,
      targetType: 'briefing',
      page: 1,
      pageSize: 100,
      sort: 'newest',
    });
    return items;
  }

  it('generates a briefing on demand, keeps it in the archive and serves its documents, audited', async () => {
    const made = await t.call('POST', '/api/ioc/briefings', t.as.steward!, { period: lastWeek });
    expect(made.statusCode, made.body).toBe(201);
    const briefing = made.json();
    expect(briefing).toMatchObject({
      period: lastWeek,
      kind: 'weekly',
      trigger: 'manual',
      generatedByName: 'steward',
    });
    expect(briefing.docxBytes).toBeGreaterThan(10_000);
    expect(briefing.pdfBytes).toBeGreaterThan(10_000);
    const monthly = await t.call('POST', '/api/ioc/briefings', t.as.admin!, { period: lastMonth });
    expect(monthly.statusCode, monthly.body).toBe(201);
    expect(monthly.json().number).toMatch(/^望数运月〔\d{4}〕第\d{1,2}期$/);

    const all = (await t.call('GET', '/api/ioc/briefings', t.as.leader!)).json();
    expect(all.total).toBe(2);
    const weekly = (await t.call('GET', '/api/ioc/briefings?kind=weekly&pageSize=1', t.as.leader!)).json();
    expect(weekly).toMatchObject({ total: 1, items: [{ id: briefing.id }] });
    const page2 = (await t.call('GET', '/api/ioc/briefings?page=2&pageSize=1', t.as.admin!)).json();
    expect(page2.items).toHaveLength(1);

    const detail = (await t.call('GET', `/api/ioc/briefings/${briefing.id}`, t.as.leader!)).json();
    expect(detail).toMatchObject({ id: briefing.id, number: briefing.number, figures: { period: lastWeek } });
    expect(detail.title).toMatch(/^\d{4}年第\d{1,2}周（/);

    const docx = await t.call('GET', `/api/ioc/briefings/${briefing.id}/docx`, t.as.leader!);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers['content-disposition']).toBe(
      `attachment; filename="briefing-${lastWeek}.docx"; filename*=UTF-8''${encodeURIComponent(`运营管理简报_${briefing.number}.docx`)}`,
    );
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(docx.rawPayload.length).toBe(briefing.docxBytes);
    const pdf = await t.call('GET', `/api/ioc/briefings/${briefing.id}/pdf`, t.as.admin!);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    expect(await audited('ioc.briefing_generate')).toHaveLength(2);
    const downloads = await audited('ioc.briefing_download');
    expect(downloads.map((d) => [d.actorName, d.detail])).toEqual([
      ['admin', { format: 'pdf', period: lastWeek }],
      ['leader', { format: 'docx', period: lastWeek }],
    ]);
    expect((await t.call('GET', '/api/ioc/briefings/999999', t.as.admin!)).statusCode).toBe(404);
    expect((await t.call('GET', '/api/ioc/briefings/999999/pdf', t.as.admin!)).statusCode).toBe(404);
  });

  it("answers a period's figures without keeping a briefing, a running period's too", async () => {
    const before = (await t.call('GET', '/api/ioc/briefings', t.as.admin!)).json().total;
    const running = await t.call('GET', `/api/ioc/briefings/figures?period=${thisWeek}`, t.as.leader!);
    expect(running.statusCode, running.body).toBe(200);
    expect(running.json()).toMatchObject({
      period: thisWeek,
      complete: false,
      cases: { received: { value: 0 } },
    });
    expect((await t.call('GET', '/api/ioc/briefings', t.as.admin!)).json().total).toBe(before);
  });

  it('refuses a bad period, one not over or not begun, on the field', async () => {
    const refused = async (period: string, reason: string) => {
      const res = await t.call('POST', '/api/ioc/briefings', t.as.admin!, { period });
      expect(res.statusCode, period).toBe(400);
      expect(res.json().errors.map((e: { field: string; reason: string }) => [e.field, e.reason])).toEqual([
        ['period', reason],
      ]);
      return res.json();
    };
    await refused('2026-13', 'invalid_format');
    await refused('2026/11', 'invalid_format');
    expect((await refused('2025-W53', 'briefing_no_such_week')).detail).toContain('2025 年只有 52 周');
    await refused(thisWeek, 'briefing_period_not_over');
    await refused('2099-01', 'briefing_period_not_started');
    const future = await t.call('GET', '/api/ioc/briefings/figures?period=2099-W01', t.as.admin!);
    expect(future.json().errors[0]).toMatchObject({ field: 'period', reason: 'briefing_period_not_started' });
  });

  it('lets leaders read but not generate, and refuses departments, screens and citizens', async () => {
    const [first] = (await t.call('GET', '/api/ioc/briefings', t.as.admin!)).json().items;
    expect((await t.call('POST', '/api/ioc/briefings', t.as.leader!, { period: lastWeek })).statusCode).toBe(
      403,
    );
    for (const who of [t.as.cgj!, t.as.operator!, t.as.screen!, citizen]) {
      for (const url of [
        '/api/ioc/briefings',
        `/api/ioc/briefings/${first.id}`,
        `/api/ioc/briefings/${first.id}/docx`,
        `/api/ioc/briefings/${first.id}/pdf`,
        `/api/ioc/briefings/figures?period=${lastWeek}`,
      ])
        expect((await t.call('GET', url, who)).statusCode, url).toBe(403);
      expect((await t.call('POST', '/api/ioc/briefings', who, { period: lastWeek })).statusCode).toBe(403);
    }
    expect((await t.call('GET', '/api/ioc/briefings', null)).statusCode).toBe(401);
    // None of those refusals made a briefing or a download.
    expect((await t.call('GET', '/api/ioc/briefings', t.as.admin!)).json().total).toBe(2);
    expect(await audited('ioc.briefing_download')).toHaveLength(2);
  });
});

describe.each(databaseKinds)('the briefing schedule (%s)', (kind) => {
  let clock = new Date('2027-01-03T23:59:00Z'); // Monday 2027-01-04 07:59 China time
  let t: Awaited<ReturnType<typeof iocPlatform>>;
  beforeAll(async () => {
    t = await iocPlatform(kind, () => clock);
  });
  afterAll(() => t?.p.close());

  const archive = async () =>
    (await t.p.modules.ioc.briefings.list(systemCtx('test'), { page: 1, pageSize: 100 })).items
      .map((b) => `${b.period} ${b.trigger} ${b.generatedByName}`)
      .sort();

  it("makes last week's briefing from Monday 08:00 and last month's from the 1st, once each", async () => {
    // Before 08:00 on Monday the week before last and last month are owed (none yet in the archive).
    expect((await t.p.modules.ioc.briefings.runSchedule()).map((b) => b.period)).toEqual([
      '2026-W52',
      '2026-12',
    ]);
    expect(await t.p.modules.ioc.briefings.runSchedule()).toEqual([]);
    clock = new Date('2027-01-04T00:00:00Z'); // 08:00
    // Two runs at once (the timer and another caller) make it once.
    const [a, b] = await Promise.all([
      t.p.modules.ioc.briefings.runSchedule(),
      t.p.modules.ioc.briefings.runSchedule(),
    ]);
    expect([...a, ...b].map((x) => x.period)).toEqual(['2026-W53', '2026-W53']);
    expect(a[0]!.id).toBe(b[0]!.id);
    clock = new Date('2027-01-05T03:00:00Z'); // Tuesday: nothing more is owed
    expect(await t.p.modules.ioc.briefings.runSchedule()).toEqual([]);
    expect(await archive()).toEqual([
      '2026-12 schedule 系统定时任务',
      '2026-W52 schedule 系统定时任务',
      '2026-W53 schedule 系统定时任务',
    ]);
  });

  it('a briefing made on demand counts: the schedule does not make it again', async () => {
    clock = new Date('2027-01-11T00:30:00Z'); // Monday 2027-01-11 08:30
    await t.p.modules.ioc.briefings.generate(systemCtx('test'), '2027-W01');
    expect(await t.p.modules.ioc.briefings.runSchedule()).toEqual([]);
    expect((await archive()).filter((b) => b.startsWith('2027-W01'))).toEqual(['2027-W01 manual test']);
  });

  it('makes each briefing once with several processes on the database', async () => {
    clock = new Date('2027-02-01T00:10:00Z'); // Monday 2027-02-01 08:10: 2027-W04 and January are owed
    // A second process on the same PostgreSQL database; PGlite's data directory admits one process, so there the
    // second caller is this process again.
    const other =
      kind === 'postgres'
        ? await openPlatform(t.p.config, createLogger('silent'), { now: () => clock })
        : t.p;
    try {
      const made = await Promise.all([
        t.p.modules.ioc.briefings.runSchedule(),
        other.modules.ioc.briefings.runSchedule(),
      ]);
      expect(new Set(made.flat().map((b) => b.period))).toEqual(new Set(['2027-W04', '2027-01']));
    } finally {
      if (other !== t.p) await other.database.close();
    }
    const archived = await archive();
    expect(archived.filter((b) => b.startsWith('2027-W04'))).toHaveLength(1);
    expect(archived.filter((b) => b.startsWith('2027-01'))).toHaveLength(1);
  });
});
