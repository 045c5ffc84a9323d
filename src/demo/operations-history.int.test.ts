import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../test/databases.ts';
import { systemCtx } from '../core/context.ts';
import type { Modules } from '../server/modules.ts';
import { casesNow } from './case-history-load.ts';
import { type GeneratedDemo, generateDemo } from './generate.ts';
import { chinaDayOf, type HistoryWindow, historyWindow } from './history-window.ts';
import { type LoadedDemo, loadDemo } from './load-demo.ts';
import { loadOperationsHistory } from './operations-history.ts';

type Alarm = Awaited<ReturnType<Modules['iot']['alarms']['list']>>['items'][number];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-history-int-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// What the operations center's screen reads, read as it will: through the modules' services, by the center.
describe.each(databaseKinds)('the demo district’s month of operations on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let generated: GeneratedDemo;
  let loaded: LoadedDemo;
  let window: HistoryWindow;
  const ctx = systemCtx('test');
  /** How many of the window's days the instants fall on. */
  const daysOf = (instants: (string | Date)[]) => {
    const days = new Set(instants.map((at) => chinaDayOf(new Date(at))));
    return window.days.filter((d) => days.has(d)).length;
  };
  const codes = async (profile?: string) => {
    const found: string[] = [];
    for (let page = 1; ; page++) {
      const { items, total } = await p.modules.iot.devices.list(ctx, {
        page,
        pageSize: 500,
        sort: 'code',
        profile,
      });
      found.push(...items.map((d) => d.code));
      if (page * 500 >= total) return found;
    }
  };

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    generated = await generateDemo({
      dir: path.join(tmp, kind),
      sizes: { people: 800, companies: 120, components: 400, licenses: 20, cases: 3_000 },
    });
    loaded = await loadDemo(p.modules, generated);
    window = historyWindow(casesNow(generated.dir));
  }, 300_000);
  afterAll(async () => {
    await p?.close();
  });

  it('has the departments call the sharing API on most days, each under its grant', async () => {
    expect(loaded.history.calls.imported).toBeGreaterThan(1000);
    const daily = await p.modules.sharing.usage.daily(ctx, { days: 30, by: 'consumer' });
    expect(daily.days).toEqual(window.days);
    const perDay = daily.days.map((_, i) => daily.series.reduce((n, s) => n + s.calls[i]!, 0));
    expect(perDay.filter((n) => n > 0).length).toBeGreaterThanOrEqual(25);
    const top = await p.modules.sharing.usage.topConsumers(ctx, { days: 30, limit: 10 });
    expect(top.items.map((c) => c.department)).toEqual(
      expect.arrayContaining(['卫健局', '公安分局', '民政局', '交通运输局']),
    );
    const outcomes = await p.modules.sharing.usage.outcomes(ctx, { days: 30 });
    expect(outcomes.items.map((o) => o.outcome)).toEqual(expect.arrayContaining(['ok', 'not_found']));
  });

  it('has deliveries on most days, a few rows rejected, each batch with its quality', async () => {
    const { items } = await p.modules.ingest.service.list(ctx, { page: 1, pageSize: 200 });
    const month = items.filter((b) => new Date(b.startedAt) >= window.start);
    expect(month.length).toBe(loaded.history.deliveries.batches);
    expect(daysOf(month.map((b) => b.startedAt))).toBeGreaterThanOrEqual(25);
    expect(month.every((b) => b.status === 'done' && b.quality !== null)).toBe(true);
    expect(month.reduce((n, b) => n + b.rejected, 0)).toBeGreaterThan(0);
    // The first full files came the day before the month; the batches list newest first.
    const first = items.filter((b) => new Date(b.startedAt) < window.start);
    expect(first.map((b) => b.fileName).sort()).toEqual(generated.files.map((f) => f.fileName).sort());
    const starts = items.map((b) => new Date(b.startedAt).getTime());
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const quality = await p.modules.ingest.service.qualityHistory(ctx, 'gafj_household');
    expect(daysOf(quality.map((q) => q.at))).toBeGreaterThanOrEqual(25);
  });

  it('has every device report on most days, rolled up by minute, hour and day', async () => {
    for (const [profile, key] of [
      ['lamppost', 'pm25'],
      ['manhole', 'tilt'],
      ['water_level', 'level'],
      ['dust', 'pm10'],
      ['wim', 'gross_weight'],
    ] as const) {
      const [code] = await codes(profile);
      const device = (await p.modules.iot.devices.byCode(code!))!;
      const series = async (interval: '1h' | '1d' | '1m', from: Date) =>
        (
          await p.modules.iot.telemetry.timeseries(device, {
            keys: key,
            from: from.toISOString(),
            to: window.now.toISOString(),
            interval,
          })
        ).series[key]!;
      const hours = await series('1h', window.start);
      expect(daysOf(hours.map((b) => b.ts)), `${profile} ${code}`).toBeGreaterThanOrEqual(25);
      expect((await series('1d', window.start)).length, profile).toBeGreaterThanOrEqual(29);
      expect(
        (await series('1m', new Date(window.now.getTime() - 86_400_000))).length,
        profile,
      ).toBeGreaterThan(10);
      const latest = await p.modules.iot.telemetry.latest(device);
      expect(Object.keys(latest.values), profile).toContain(key);
    }
    expect(loaded.history.readings.points).toBeGreaterThan(300_000);
  });

  it('has a few alarms a day, mostly cleared, some acknowledged, a few active, with cases where the rule opens them', async () => {
    const all: Alarm[] = [];
    for (let page = 1; ; page++) {
      const { items, total } = await p.modules.iot.alarms.list(ctx, { status: 'all', page, pageSize: 200 });
      all.push(...items);
      if (page * 200 >= total) break;
    }
    const month = all.filter((a) => new Date(a.startedAt) >= window.start);
    expect(month.length).toBe(loaded.history.alarms.imported);
    expect(daysOf(month.map((a) => a.startedAt))).toBeGreaterThanOrEqual(25);
    expect(month.length / 30).toBeLessThan(15);
    expect(month.filter((a) => a.clearedAt).length / month.length).toBeGreaterThan(0.7);
    expect(month.filter((a) => a.acknowledgedAt).length).toBeGreaterThan(month.length / 3);
    expect(month.filter((a) => !a.clearedAt).length).toBeGreaterThan(0);
    const kinds = new Set(month.map((a) => a.ruleName));
    for (const rule of ['井盖倾斜', '超警戒水位', '扬尘超标', '车辆超限'])
      expect(kinds, rule).toContain(rule);
    const withCases = month.filter((a) => a.caseNumber);
    expect(withCases.length).toBe(loaded.history.alarms.cases);
    for (const a of withCases.slice(0, 5)) {
      const c = await p.modules.events.cases.get(ctx, a.caseNumber!);
      expect(c).toMatchObject({ channel: 'sensor' });
      expect(new Date(c.receivedAt).getTime()).toBe(new Date(a.startedAt).getTime());
    }
  });

  it('has cases every day of the month, some of them open and overdue', async () => {
    const stats = await p.modules.events.stats.statistics(ctx, {
      from: window.days[0],
      to: window.days.at(-1),
    });
    expect(stats.granularity).toBe('day');
    const received = stats.trend.filter((t) => t.received > 0).map((t) => t.period);
    // Every day before today, whatever the hour the demo was loaded at.
    expect(received).toEqual(expect.arrayContaining(window.days.slice(0, -1)));
    const overdue = await p.modules.events.cases.list(ctx, {
      page: 1,
      pageSize: 1,
      clock: 'overdue',
      sort: 'receivedAt',
      order: 'desc',
    });
    expect(overdue.total).toBeGreaterThan(0);
  });

  it('adds nothing when the month is loaded again', async () => {
    const all = await codes();
    expect(all).toHaveLength(loaded.devices.planned);
    const again = await loadOperationsHistory(p.modules, generated, { codes: all });
    expect(again).toMatchObject({
      calls: { imported: 0 },
      deliveries: { batches: 0 },
      readings: { points: 0 },
      alarms: { imported: 0, cases: 0 },
    });
  });
});
