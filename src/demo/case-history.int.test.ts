import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../test/databases.ts';
import { systemCtx } from '../core/context.ts';
import { queryRows } from '../core/db.ts';
import { caseStatuses } from '../modules/events/contract.ts';
import { loadCaseHistory } from './case-history-load.ts';
import { DEMO_SEED, demoScales } from './generate.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-demo-cases-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(databaseKinds)("the demo district's case history on %s", (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let loaded: Awaited<ReturnType<typeof loadCaseHistory>>;
  const demo = { seed: DEMO_SEED, dir: path.join(tmp, kind), cases: demoScales.small.cases };
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    loaded = await loadCaseHistory(p.modules, demo);
  });
  afterAll(() => p?.close());

  const one = async <T>(query: Parameters<typeof queryRows>[1]) =>
    (await queryRows<T>(p.database.db, query))[0]!;

  it('has a year of cases at the small scale, and open cases in every status and flag', async () => {
    expect(loaded.loaded).toBeGreaterThan(30_000);
    const { sql } = await import('drizzle-orm');
    const statuses = await queryRows<{ status: string; n: number }>(
      p.database.db,
      sql`select status, count(*)::int as n from events.cases group by status`,
    );
    const found = new Set(statuses.map((s) => s.status));
    for (const status of caseStatuses) expect(found, status).toContain(status);
    const flags = await one<Record<string, number>>(sql`select
        count(*) filter (where supervised and status <> 'closed')::int as supervised,
        count(*) filter (where escalated)::int as escalated,
        count(*) filter (where extension_request is not null)::int as extension,
        count(*) filter (where status = 'merged' and merged_into is not null)::int as merged,
        count(*) filter (where reopen_count > 0)::int as reopened,
        count(*) filter (where status not in ('closed', 'merged') and due_at < now())::int as overdue,
        count(*) filter (where status not in ('closed', 'merged') and due_at > now())::int as running
      from events.cases`);
    for (const [flag, n] of Object.entries(flags)) expect(n, flag).toBeGreaterThan(0);
    // Open cases have their history as the desk and departments wrote it; closed ones the import step.
    const open = await one<{ number: string }>(
      sql`select number from events.cases where status = 'replied' limit 1`,
    );
    const detail = await p.modules.events.cases.get(systemCtx('test'), open.number);
    expect(detail.steps.map((s) => s.action)).toEqual(['receive', 'dispatch', 'accept', 'start', 'reply']);
    const closed = await one<{ number: string }>(
      sql`select number from events.cases where status = 'closed' limit 1`,
    );
    expect((await p.modules.events.cases.get(systemCtx('test'), closed.number)).steps).toMatchObject([
      { action: 'import', toStatus: 'closed' },
    ]);
  });

  it('has plausible figures: on time, satisfied, channels, places, seasons', async () => {
    const { sql } = await import('drizzle-orm');
    const f = await one<Record<string, number>>(sql`select
        avg((closed_at <= due_at)::int) filter (where status = 'closed')::float as on_time,
        (count(*) filter (where satisfaction in ('satisfied', 'basically_satisfied'))::float
          / nullif(count(*) filter (where satisfaction is not null), 0)) as satisfied,
        avg((channel = 'hotline')::int)::float as hotline,
        avg((channel = 'grid')::int)::float as grid,
        avg((channel = 'open311')::int)::float as open311,
        avg((subdistrict_code is not null and lng is not null)::int)::float as placed,
        avg((reopen_count > 0)::int)::float as reopened,
        count(distinct category_code)::int as categories,
        count(distinct subdistrict_code)::int as subdistricts
      from events.cases`);
    expect(f.on_time).toBeGreaterThan(0.7);
    expect(f.on_time).toBeLessThan(0.98);
    expect(f.satisfied).toBeGreaterThan(0.84);
    expect(f.satisfied).toBeLessThan(0.92);
    expect(f.hotline).toBeGreaterThan(0.6);
    expect(f.grid).toBeGreaterThan(0.05);
    expect(f.grid).toBeLessThan(f.hotline);
    expect(f.open311).toBeGreaterThan(0);
    expect(f.open311).toBeLessThan(0.05);
    expect(f.placed).toBe(1);
    expect(f.reopened).toBeGreaterThan(0.005);
    expect(f.categories).toBe(25);
    expect(f.subdistricts).toBeGreaterThan(10);
    // Floods in the rainy season, more calls on weekdays than at weekends, few calls at 3 a.m.
    const s = await one<Record<string, number>>(sql`select
        count(*) filter (where category_code = 'water.flood' and extract(month from received_at at time zone 'Asia/Shanghai') in (6, 7))::int as flood_summer,
        count(*) filter (where category_code = 'water.flood' and extract(month from received_at at time zone 'Asia/Shanghai') in (12, 1))::int as flood_winter,
        count(*) filter (where extract(isodow from received_at at time zone 'Asia/Shanghai') = 3)::int as wednesday,
        count(*) filter (where extract(isodow from received_at at time zone 'Asia/Shanghai') = 7 and category_code <> 'env.noise')::int as sunday,
        count(*) filter (where extract(hour from received_at at time zone 'Asia/Shanghai') = 10)::int as ten,
        count(*) filter (where extract(hour from received_at at time zone 'Asia/Shanghai') = 3)::int as three
      from events.cases`);
    expect(s.flood_summer).toBeGreaterThan(4 * s.flood_winter);
    expect(s.wednesday).toBeGreaterThan(s.sunday);
    expect(s.ten).toBeGreaterThan(5 * s.three);
  });

  it('loads nothing twice when loaded again', async () => {
    const again = await loadCaseHistory(p.modules, demo);
    expect(again).toMatchObject({ loaded: 0, skipped: loaded.loaded });
  });
});
