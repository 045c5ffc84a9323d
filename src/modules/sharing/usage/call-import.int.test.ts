import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { queryRows } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { insertGrant } from '../api/share-test-fixture.ts';
import type { PastCall } from './import.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ctx = systemCtx('test');

describe.each(databaseKinds)('past calls imported into the call log on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  let grantId: number;
  let mzj: number;
  const now = Date.now();
  // Ten days of calls, five a day an hour apart, the last an hour ago; one key a day not found.
  const calls: PastCall[] = Array.from({ length: 50 }, (_, i) => {
    const found = i % 5 !== 4;
    return {
      at: new Date(now - Math.floor(i / 5) * DAY - (1 + (i % 5)) * HOUR),
      endpoint: 'get',
      query: { key: '430112199001011234' },
      rows: found ? 1 : 0,
      outcome: found ? 'ok' : 'not_found',
      status: found ? 200 : 404,
      ms: 4.2,
    };
  });
  const get = async (url: string) => {
    const res = await p.app.inject({ method: 'GET', url, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    mzj = (await p.modules.org.service.findDepartmentByCode('MZJ'))!.id;
    grantId = await insertGrant(p.database, {
      resourceId: (await p.modules.catalog.service.get(ctx, 'gafj_household')).id,
      consumerDepartmentId: mzj,
      items: ['id_number', 'name'],
      validFrom: new Date(now - 12 * DAY),
    });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('logs them under the grant, so usage shows them by day, consumer and outcome', async () => {
    const done = await p.modules.sharing.history.importCalls(ctx, grantId, calls);
    const days = new Set(calls.map((c) => todayInShanghai(c.at)));
    expect(done).toEqual({ imported: 50, skipped: 0, days: days.size });

    const daily = await get('/api/sharing/usage/daily?days=30&by=consumer');
    const series = daily.series.find((s: { id: number }) => s.id === mzj);
    expect(series.calls.reduce((a: number, b: number) => a + b, 0)).toBe(50);
    expect(series.calls.filter((n: number) => n > 0)).toHaveLength(days.size);
    const outcomes = await get('/api/sharing/usage/outcomes?days=30');
    expect(outcomes.items).toEqual(
      expect.arrayContaining([
        { outcome: 'ok', calls: 40 },
        { outcome: 'not_found', calls: 10 },
      ]),
    );
    const recent = await get('/api/sharing/usage/calls?pageSize=1');
    expect(recent.items[0]).toMatchObject({
      keyId: null,
      resource: 'gafj_household',
      endpoint: 'get',
      items: ['id_number', 'name'],
      // Logged as sent, shown masked.
      query: { key: expect.stringMatching(/\*/) },
    });
    // Today's calls count against today's quota (a key not found was admitted, so it counts).
    const today = todayInShanghai(new Date(now));
    const [window] = await queryRows<{ calls: number }>(
      p.database.db,
      sql`select calls from sharing.usage where grant_id = ${grantId} and period = 'day'
          and starts_at = ${new Date(`${today}T00:00:00+08:00`).toISOString()}::timestamptz`,
    );
    expect(window?.calls).toBe(calls.filter((c) => todayInShanghai(c.at) === today).length);
    const audit = await get('/api/audit?action=sharing.calls_import');
    expect(audit.items).toContainEqual(expect.objectContaining({ targetId: String(grantId) }));
  });

  it('adds nothing on a day the grant has calls already', async () => {
    const again = await p.modules.sharing.history.importCalls(ctx, grantId, calls);
    expect(again).toEqual({ imported: 0, skipped: 50, days: 0 });
    const earlier = { ...calls[0]!, at: new Date(now - 11 * DAY) };
    expect(await p.modules.sharing.history.importCalls(ctx, grantId, [earlier, calls[0]!])).toEqual({
      imported: 1,
      skipped: 1,
      days: 1,
    });
  });

  it('refuses calls outside the grant period or of an unknown shape, logging none of them', async () => {
    const reason = async (bad: Partial<PastCall>) => {
      const error = await p.modules.sharing.history
        .importCalls(ctx, grantId, [{ ...calls[0]!, at: new Date(now - 2 * HOUR), ...bad }])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).fields[0]!.reason;
    };
    expect(await reason({ at: new Date(now - 13 * DAY) })).toBe('outside_grant_period');
    expect(await reason({ at: new Date(now + HOUR) })).toBe('outside_grant_period');
    expect(await reason({ outcome: 'ok', status: 404 })).toBe('invalid');
    expect(await reason({ endpoint: 'delete' as PastCall['endpoint'] })).toBe('invalid');
    expect(await reason({ rows: -1 })).toBe('invalid');
    const error = await p.modules.sharing.history.importCalls(ctx, 999_999, calls).catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('not_found');
    const outcomes = await get('/api/sharing/usage/outcomes?days=30');
    expect(outcomes.total).toBe(51);
  });
});
