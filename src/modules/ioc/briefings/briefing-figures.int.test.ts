import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { idNumberCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';
import type { ImportCase } from '../../events/index.ts';
import { alarmPlatform } from '../../iot/alarms/alarm-test-kit.ts';
import { grantWithCredential } from '../../sharing/api/share-test-fixture.ts';
import { historyCase } from './briefing-test-kit.ts';
import type { BriefingFigures } from './contract.ts';
import { type Period, periodAt } from './period.ts';

// The figures of a briefing against what the test made: cases loaded with their own times around the period,
// alarms raised by the rules, records aggregated into the population registry, sharing API calls. The period is
// the week running now, because aggregation, registry versions and the sharing log are stamped by the clocks of
// the database and the process; every expectation is counted from the times the test reads back, so the test
// holds whenever it runs.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const id = (first17: string) => first17 + idNumberCheck(first17);
const ZHANG = id('43011219900101123');
const LI = id('43011219850505224');

const within = (p: Period, at: Date | string) => {
  const t = new Date(at).getTime();
  return t >= p.start.getTime() && t < p.end.getTime();
};

describe.each(databaseKinds)('operations briefing figures (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof alarmPlatform>>;
  const ctx = systemCtx('test');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-briefing-'));
  const period = periodAt('weekly', new Date());
  /** An instant `days` and `hours` after the period's start (negative: before it). */
  const at = (days: number, hours: number) => new Date(period.start.getTime() + days * DAY + hours * HOUR);
  const expected = {
    alarms: { raised: 0, warning: 0, major: 0, manhole: 0, waterLevel: 0 },
    sharing: { calls: 0, consumer: 0 },
    aggregation: { records: 0, rejected: 0, batches: 0, people: 0 },
  };

  beforeAll(async () => {
    t = await alarmPlatform(kind);
    const categories = await t.p.modules.events.categories.list();
    const [a, b] = categories as [(typeof categories)[number], (typeof categories)[number]];
    const kase = (number: string, over: Partial<ImportCase>) =>
      historyCase(number, a, { receivedAt: at(0, 1), ...over });
    const inB = { categoryCode: b.code, departmentId: b.departmentId };
    const closed = (received: Date, due: Date, replied: Date, closedAt: Date, satisfaction: string) => ({
      status: 'closed' as const,
      receivedAt: received,
      dueAt: due,
      repliedAt: replied,
      closedAt,
      satisfaction: satisfaction as ImportCase['satisfaction'],
    });
    await t.p.modules.events.imports.loadCases(
      ctx,
      [
        // In the period: closed on time; closed late, unsatisfied, reopened once; open and overdue; merged;
        // received in it and closed after it.
        kase('T001', closed(at(1, 1), at(1, 5), at(1, 3), at(1, 4), 'satisfied')),
        kase('T002', { ...closed(at(2, 1), at(2, 2), at(2, 6), at(3, 1), 'unsatisfied'), reopenCount: 1 }),
        kase('T003', { ...inB, receivedAt: at(3, 1), dueAt: at(3, 5) }),
        kase('T004', { status: 'merged', mergedInto: 'T001', receivedAt: at(3, 2), closedAt: at(3, 3) }),
        kase('T005', { ...inB, ...closed(at(4, 1), at(8, 0), at(7, 1), at(7, 2), 'satisfied') }),
        // The week before: received then and closed in the period (replied on time); open and overdue; closed
        // on time; closed late.
        kase('T006', closed(at(-2, 1), at(-1, 1), at(-2, 5), at(1, 2), 'basically_satisfied')),
        kase('T007', { ...inB, receivedAt: at(-3, 1), dueAt: at(-2, 1) }),
        kase('T008', closed(at(-4, 1), at(-4, 6), at(-4, 5), at(-4, 6), 'satisfied')),
        kase('T009', { ...inB, ...closed(at(-5, 1), at(-4, 1), at(-3, 1), at(-3, 1), 'satisfied') }),
        // After the period.
        kase('T010', { receivedAt: at(8, 1) }),
      ],
      { source: 'test' },
    );

    // Alarms: a manhole's battery low twice (cleared between), a water level over its warning level.
    await t.device({ code: 'MH-B1', profile: 'manhole', department: 'CGJ' });
    await t.device({
      code: 'WL-B1',
      profile: 'water_level',
      department: 'SLJ',
      attributes: { warning_level: 30, guarantee_level: 32 },
    });
    await t.store([{ device: 'MH-B1', key: 'battery', value: 5 }]);
    await t.store([{ device: 'MH-B1', key: 'battery', value: 20, minutes: 1 }]);
    await t.store([{ device: 'MH-B1', key: 'battery', value: 4, minutes: 1 }]);
    await t.store([{ device: 'WL-B1', key: 'level', value: 31, minutes: 1 }]);
    for (const [code, profile] of [
      ['MH-B1', 'manhole'],
      ['WL-B1', 'waterLevel'],
    ] as const)
      for (const alarm of await t.alarmsOf(code))
        if (within(period, alarm.startedAt)) {
          expected.alarms.raised++;
          expected.alarms[profile]++;
          expected.alarms[alarm.severity as 'warning' | 'major']++;
        }

    // Aggregation into the population registry: two people and a record refused.
    const batch = await t.p.modules.ingest.service.ingestRecords(ctx, 'gafj_household', [
      { id_number: ZHANG, name: '张三', sex: '男', subdistrict: '高塘岭街道' },
      { id_number: LI, name: '李四', sex: '女', subdistrict: '乌山街道' },
      { id_number: '4301121990', name: '错号', sex: '男', subdistrict: '乌山街道' },
    ]);
    await t.p.modules.ingest.service.idle();
    expect(batch.rejected).toBe(1);
    if (within(period, batch.finishedAt!)) {
      expected.aggregation = { records: batch.accepted, rejected: batch.rejected, batches: 1, people: 2 };
    }

    // Sharing: three calls of 民政局 under a grant (one finds nobody), two refused without a credential.
    const population = (await t.p.modules.catalog.service.get(ctx, 'population')).id;
    const consumer = (await t.p.modules.org.service.findDepartmentByCode('MZJ'))!.id;
    const { authorization } = await grantWithCredential(t.p.database, {
      resourceId: population,
      consumerDepartmentId: consumer,
      items: ['id_number', 'name'],
    });
    for (const [key, auth] of [
      [ZHANG, authorization],
      [LI, authorization],
      [id('43011219700303345'), authorization],
      [ZHANG, undefined],
      [LI, undefined],
    ] as const)
      await t.p.app.inject({
        method: 'GET',
        url: `/api/share/v1/population/${key}`,
        headers: auth ? { authorization: auth } : {},
      });
    const logged = await t.p.modules.sharing.usage.recent(ctx, { page: 1, pageSize: 100 });
    expected.sharing.consumer = logged.items.filter((c) => within(period, c.at)).length;
    expected.sharing.calls = expected.sharing.consumer + (within(period, new Date()) ? 2 : 0);

    // The period is over: the clock moves past its end.
    t.pass((period.end.getTime() - t.now().getTime()) / 60_000 + 60);
  });
  afterAll(async () => {
    await t?.p.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** The figures a document shows should be these; a later reading of the period gives the same. */
  let figures: BriefingFigures;

  it('counts the period from the modules, against the week before', async () => {
    figures = await t.p.modules.ioc.briefings.figures(ctx, period.code);
    expect(figures).toMatchObject({ period: period.code, kind: 'weekly', complete: true });
    expect(figures.number).toBe(`望数运简〔${period.year}〕第${period.index}期`);
    expect(figures.issuer).toBe('望城区数据资源中心');
    const c = figures.cases;
    // Received T001, T002, T003, T005 (T004 merged); closed T001, T002, T006; on time T001, T006.
    expect(c.received).toEqual({ value: 4, previous: 4, change: 0, changeRate: 0 });
    expect(c.closed).toMatchObject({ value: 3, previous: 2, change: 1 });
    expect(c.onTimeRate).toEqual({ value: 0.6667, previous: 0.5, change: 0.1667 });
    expect(c.satisfactionRate.value).toBe(0.6667); // T001 and T006 satisfied, T002 not
    expect(c.reopenRate.value).toBe(0.3333); // T002
    // Open at the end: T003, T005, T007; overdue T003 and T007 (T006, replied on time, was not at the week's end
    // before: it was open then, but its clock had stopped).
    expect(c.openAtEnd).toMatchObject({ value: 3, previous: 2 });
    expect(c.overdueAtEnd).toMatchObject({ value: 2, previous: 1 });
    expect(figures.notable.overdueCases.map((o) => o.number)).toEqual(['T007', 'T003']);
    expect(c.daily).toHaveLength(7);
    expect(c.daily.reduce((sum, d) => sum + d.received, 0)).toBe(4);
    expect(c.daily.reduce((sum, d) => sum + d.closed, 0)).toBe(3);
    expect(c.daily[1]).toMatchObject({ received: 1, closed: 2 }); // T001 in, T001 and T006 closed
    // Two cases of each category in each week.
    expect(c.topCategories.map((x) => [x.count, x.previous])).toEqual([
      [2, 2],
      [2, 2],
    ]);

    expect(figures.alarms.raised.value).toBe(expected.alarms.raised);
    expect(figures.alarms.raised.previous).toBe(0);
    expect(figures.alarms.bySeverity).toMatchObject({
      warning: expected.alarms.warning,
      major: expected.alarms.major,
      critical: 0,
    });
    const byType = Object.fromEntries(figures.alarms.byType.map((x) => [x.profileCode, x.count]));
    expect(byType.manhole ?? 0).toBe(expected.alarms.manhole);
    expect(byType.water_level ?? 0).toBe(expected.alarms.waterLevel);
    if (expected.alarms.manhole === 2)
      expect(figures.notable.repeatedAlarms[0]).toMatchObject({
        deviceCode: 'MH-B1',
        ruleName: '电量低',
        count: 2,
      });
    expect(figures.devices).toMatchObject({ total: 2, online: 2, onlineRate: 1 });

    expect(figures.aggregation.records.value).toBe(expected.aggregation.records);
    expect(figures.aggregation.rejected.value).toBe(expected.aggregation.rejected);
    expect(figures.aggregation.batches.value).toBe(expected.aggregation.batches);
    expect(figures.registries.people).toMatchObject({ value: expected.aggregation.people, previous: 0 });
    expect(figures.sharing.calls.value).toBe(expected.sharing.calls);
    expect(figures.sharing.byDepartment).toEqual(
      expected.sharing.consumer
        ? [{ departmentId: expect.any(Number), name: '民政局', calls: expected.sharing.consumer }]
        : [],
    );
  });

  it('publishes them in a DOCX and a PDF kept in the archive, and gives the same figures again later', async () => {
    const made = await t.p.modules.ioc.briefings.generate(ctx, period.code);
    expect(made).toMatchObject({
      period: period.code,
      kind: 'weekly',
      trigger: 'manual',
      generatedByName: 'test',
    });
    const stored = await t.p.modules.ioc.briefings.get(ctx, made.id);
    const { devices: _now, ...counted } = figures;
    const { devices: _then, ...storedCounted } = stored.figures;
    expect(storedCounted).toEqual(counted);

    const docx = await t.p.modules.ioc.briefings.document(ctx, made.id, 'docx');
    expect(docx.fileName).toBe(`运营管理简报_${figures.number}.docx`);
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('运营管理简报');
    expect(text).toContain(figures.number);
    expect(text).toContain(
      '全区共受理群众诉求工单4件，与上周持平；办结3件，按时办结率66.7%，满意率66.7%，重办率33.3%',
    );
    expect(text).toContain(`产生设备告警${expected.alarms.raised}条`);
    expect(text).toContain('T007');

    const pdf = await t.p.modules.ioc.briefings.document(ctx, made.id, 'pdf');
    const file = path.join(work, 'briefing.pdf');
    fs.writeFileSync(file, pdf.bytes);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toContain('(A4)');
    const shown = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(shown).toContain(figures.number);
    expect(shown).toContain('全区共受理群众诉求工单4件');
    expect(shown).toContain(`共享接口调用${expected.sharing.calls}次`);

    // Later work (a case received and an alarm raised after the period) leaves the period's figures as they were.
    await t.store([{ device: 'WL-B1', key: 'level', value: 29, minutes: 1 }]);
    await t.store([{ device: 'WL-B1', key: 'level', value: 31, minutes: 5 }]);
    t.pass(24 * 60);
    const later = await t.p.modules.ioc.briefings.figures(ctx, period.code);
    const { devices: _later, ...laterCounted } = later;
    expect(laterCounted).toEqual(counted);
  });
});
