import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../../../test/databases.ts';
import { idNumberCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';
import type { Logger } from '../../../core/logger.ts';
import { createCallLog } from './call-log.ts';
import { createShareLimits } from './limits.ts';
import { type CallRow, createShareRepository } from './repository.ts';
import { grantWithCredential } from './share-test-fixture.ts';

// The sharing API's guards against what anyone can send: text the database cannot take (issue 14 item 3), floods
// of calls without a credential (item 6) and filters that would confirm guesses of masked values (item 11).

const ZHANG = `43011219900101123${idNumberCheck('43011219900101123')}`;

describe.each(databaseKinds)('sharing API guards on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  const ctx = systemCtx('test');
  let population: number;
  let consumer: number;
  let masked: string;
  let raw: string;
  let rawGrant: number;

  const call = async (authorization: string | undefined, url: string) => {
    const res = await p.app.inject({
      method: 'GET',
      url,
      headers: authorization ? { authorization, 'accept-language': 'en' } : { 'accept-language': 'en' },
    });
    return { status: res.statusCode, body: res.json(), raw: res.body };
  };
  const count = async (text: string, params: unknown[] = []) =>
    (await p.database.query<{ n: number }>(text, params))[0]!.n;

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    population = (await p.modules.catalog.service.get(ctx, 'population')).id;
    consumer = (await p.modules.org.service.findDepartmentByCode('MZJ'))!.id;
    const batch = await p.modules.ingest.service.ingestRecords(ctx, 'gafj_household', [
      { id_number: ZHANG, name: '张三', sex: '男', phone: '13812341234', subdistrict: '高塘岭街道' },
    ]);
    await p.modules.ingest.service.idle();
    expect(batch.rejected).toBe(0);
    const items = ['id_number', 'name', 'sex', 'phone', 'subdistrict'];
    const base = { resourceId: population, consumerDepartmentId: consumer, items };
    masked = (await grantWithCredential(p.database, base)).authorization;
    const rawOne = await grantWithCredential(p.database, { ...base, rawItems: ['name'] });
    raw = rawOne.authorization;
    rawGrant = rawOne.grantId;
  });
  afterAll(() => p?.close());

  describe('text the database cannot take', () => {
    it('refuses NUL, control characters, invalid UTF-8, lone surrogates and over-long values with 400', async () => {
      // A NUL is refused by core's guard before any route (invalid_input); the rest by the sharing API (bad_filter).
      const cases: [string, string, string][] = [
        ['/api/share/v1/population/x%00', 'key', 'invalid_input'],
        ['/api/share/v1/population/x%01y', 'key', 'bad_filter'],
        ['/api/share/v1/population?subdistrict=a%00b', 'subdistrict', 'invalid_input'],
        ['/api/share/v1/population?subdistrict=%EF%BF%BD', 'subdistrict', 'bad_filter'],
        [`/api/share/v1/population?subdistrict=${'街'.repeat(201)}`, 'subdistrict', 'bad_filter'],
        ['/api/share/v1/population/changes?since=%00', 'since', 'invalid_input'],
        ['/api/share/v1/population/changes?since=%01', 'since', 'bad_filter'],
        [`/api/share/v1/population/${ZHANG}?items=name%00`, 'items', 'invalid_input'],
        [`/api/share/v1/population/${ZHANG}?items=name%01`, 'items', 'bad_filter'],
      ];
      for (const [url, field, code] of cases) {
        const res = await call(raw, url);
        expect(res.status, `${url}: ${res.raw}`).toBe(400);
        expect(res.body.code, url).toBe(code);
        expect(
          res.body.errors.map((e: { field: string }) => e.field),
          url,
        ).toContain(field);
        expect(res.raw).not.toContain('\\u0000');
      }
      // Invalid UTF-8 in the path never reaches the service: the router refuses it.
      expect((await call(raw, '/api/share/v1/population/%C3%28')).status).toBe(400);
    });

    it('refuses a key with a control character while the good calls of the same flush are served and logged', async () => {
      const outcomes = async () =>
        Object.fromEntries(
          (
            await p.database.query<{ outcome: string; n: number }>(
              'select outcome, count(*)::int as n from sharing.calls where grant_id = $1 group by outcome',
              [rawGrant],
            )
          ).map((r) => [r.outcome, r.n]),
        );
      const before = await outcomes();
      // Fired together: the first starts a flush and the others queue behind it, so they share the next one.
      const urls = Array.from({ length: 12 }, (_, i) =>
        i % 4 === 1 ? '/api/share/v1/population/x%01' : `/api/share/v1/population/${ZHANG}`,
      );
      const results = await Promise.all(urls.map((url) => call(raw, url)));
      expect(results.map((r) => r.status)).toEqual(urls.map((url) => (url.endsWith('%01') ? 400 : 200)));
      expect(results.find((r) => r.status === 200)!.body.values.name).toBe('张三');
      expect(await outcomes()).toEqual({
        ...before,
        bad_filter: (before.bad_filter ?? 0) + 3,
        ok: (before.ok ?? 0) + 9,
      });
      const [logged] = await p.database.query<{ query: { key: string } }>(
        "select query from sharing.calls where grant_id = $1 and outcome = 'bad_filter' order by id desc limit 1",
        [rawGrant],
      );
      // The refused key is logged with the control character replaced, never as sent.
      expect(logged!.query.key).toBe('x\ufffd');
    });

    it('writes a refused flush row by row: the good calls are stored, the bad row alone stripped and reported', async () => {
      const repo = createShareRepository(p.database);
      const limits = createShareLimits(repo.usageWindows);
      const reported: string[] = [];
      const logger = {
        warn: (_: unknown, text: string) => reported.push(text),
        error: (_: unknown, text: string) => reported.push(text),
      } as unknown as Logger;
      const log = createCallLog({ repo, limits, logger });
      const marker = `poison-${kind}-${Date.now()}`;
      const row = (query: Record<string, unknown>): CallRow => ({
        at: new Date(),
        keyId: marker,
        grantId: null,
        consumerDepartmentId: null,
        resourceId: population,
        endpoint: 'get',
        items: null,
        query,
        rows: 0,
        outcome: 'ok',
        status: 200,
        ms: 1,
        ip: '192.0.2.1',
      });
      // The first call starts a flush alone; the next six queue behind it and go as one batch, with the row
      // PostgreSQL refuses (NUL in jsonb) among them.
      const first = log.record(row({ key: 'first' }), []);
      const batch = [
        log.record(row({ key: 'a' }), []),
        log.record(row({ key: 'b' }), []),
        log.record(row({ key: 'bad\u0000' }), []),
        log.record(row({ key: 'c' }), []),
        log.record(row({ key: 'd' }), []),
      ];
      await Promise.all([first, ...batch]);
      const stored = await p.database.query<{ key_id: string | null; query: Record<string, unknown> }>(
        "select key_id, query from sharing.calls where ip = '192.0.2.1' and (key_id = $1 or query ? 'unstorable') order by id",
        [marker],
      );
      expect(stored.map((r) => r.query)).toEqual([
        { key: 'first' },
        { key: 'a' },
        { key: 'b' },
        { unstorable: true },
        { key: 'c' },
        { key: 'd' },
      ]);
      expect(reported.some((text) => text.includes('stored it without its query'))).toBe(true);
    });
  });

  describe('calls without a credential', () => {
    it('counts them per address, reason and minute instead of logging each', async () => {
      const calls = await count('select count(*)::int as n from sharing.calls');
      const refusedBefore = await count(
        "select coalesce(sum(calls), 0)::int as n from sharing.refusals where outcome = 'no_credential'",
      );
      const results = await Promise.all([
        ...Array.from({ length: 20 }, () => call(undefined, `/api/share/v1/population/${ZHANG}`)),
        ...Array.from({ length: 5 }, () => call('Bearer ak_00000000deadbeef.x', '/api/share/v1/population')),
        call(undefined, '/api/share/v1/population/x%01'),
      ]);
      expect(results.slice(0, 25).every((r) => r.status === 401 && r.body.code === 'no_credential')).toBe(
        true,
      );
      expect(results[25]!.status).toBe(400);
      expect(await count('select count(*)::int as n from sharing.calls')).toBe(calls);
      expect(
        await count(
          "select coalesce(sum(calls), 0)::int as n from sharing.refusals where outcome = 'no_credential'",
        ),
      ).toBe(refusedBefore + 25);
      // One row per address, reason and minute, however many calls.
      const rows = await p.database.query<{ ip: string; outcome: string; status: number }>(
        'select ip, outcome, status from sharing.refusals',
      );
      expect(rows.length).toBeLessThanOrEqual(6);
      expect(rows.every((r) => r.ip !== '')).toBe(true);
      expect(rows.map((r) => r.outcome)).toContain('bad_filter');
    });

    it('keeps the per-call record of refusals of a live credential', async () => {
      expect((await call(raw, '/api/share/v1/legal_person')).status).toBe(403);
      expect((await call(raw, '/api/share/v1/population?items=marital_status')).status).toBe(403);
      expect((await call(raw, '/api/share/v1/population?nope=1')).status).toBe(400);
      const last = await p.database.query<{ outcome: string; query: unknown }>(
        'select outcome, query from sharing.calls where grant_id = $1 order by id desc limit 3',
        [rawGrant],
      );
      expect(last).toEqual([
        { outcome: 'bad_filter', query: { nope: '1' } },
        { outcome: 'item_not_granted', query: { items: 'marital_status' } },
        { outcome: 'no_grant', query: {} },
      ]);
    });
  });

  describe('filters on masked items', () => {
    it('refuses a filter on an item the grant serves masked, naming the field', async () => {
      for (const [url, field] of [
        ['/api/share/v1/population?phone=13812341234', 'phone'],
        [`/api/share/v1/population?name=${encodeURIComponent('张三')}`, 'name'],
        [`/api/share/v1/population?id_number=${ZHANG}`, 'id_number'],
        [`/api/share/v1/population/changes?phone=13812341234`, 'phone'],
      ] as const) {
        const res = await call(masked, url);
        expect(res.status, `${url}: ${res.raw}`).toBe(403);
        expect(res.body.code).toBe('masked_filter');
        expect(res.body.errors).toEqual([expect.objectContaining({ field, reason: 'masked_item' })]);
        expect(res.raw).not.toContain('13812341234');
      }
    });

    it('filters on items the grant serves raw, and on items that are not personal', async () => {
      const byName = await call(raw, `/api/share/v1/population?name=${encodeURIComponent('张三')}`);
      expect(byName.status).toBe(200);
      expect(byName.body.total).toBe(1);
      const bySubdistrict = await call(
        masked,
        `/api/share/v1/population?subdistrict=${encodeURIComponent('高塘岭街道')}`,
      );
      expect(bySubdistrict.status).toBe(200);
      expect(bySubdistrict.body.total).toBe(1);
      // Raw name but masked phone: the phone filter is still refused.
      expect((await call(raw, '/api/share/v1/population?phone=13812341234')).status).toBe(403);
    });
  });
});
