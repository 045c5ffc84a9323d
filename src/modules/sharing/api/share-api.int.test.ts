import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../../../test/databases.ts';
import { idNumberCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';
import { grantWithCredential, insertCredential, insertGrant } from './share-test-fixture.ts';

const id = (first17: string) => first17 + idNumberCheck(first17);
const ZHANG = id('43011219900101123'); // 张三, 高塘岭街道
const OUYANG = id('43011219850202234'); // 欧阳娜娜, 高塘岭街道
const LI = id('43011219700303345'); // 李四, 乌山街道 (outside the row filter)
/** Twenty more people of 高塘岭街道, for pages. */
const MORE = Array.from({ length: 20 }, (_, i) => id(`430112200001${i + 10}556`));
const HOUR = 3_600_000;

describe.each(databaseKinds)('sharing API on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  const ctx = systemCtx('test');
  let population: number;
  let household: number;
  let consumer: number;
  /** Requests made through `call`, to compare with the call log. */
  let requests = 0;
  let auth: Record<string, string> = {};

  const call = async (authorization: string | undefined, url: string) => {
    requests += 1;
    const res = await p.app.inject({
      method: 'GET',
      url,
      headers: authorization ? { authorization, 'accept-language': 'en' } : { 'accept-language': 'en' },
    });
    return { status: res.statusCode, body: res.json(), headers: res.headers, raw: res.body };
  };
  /** Calls logged one by one plus refusals without a credential, counted per address and minute. */
  const callCount = async () =>
    (
      await p.database.query<{ n: number }>(
        'select ((select count(*) from sharing.calls) + (select coalesce(sum(calls), 0) from sharing.refusals))::int as n',
      )
    )[0]!.n;

  async function deliver(records: Record<string, unknown>[]) {
    const batch = await p.modules.ingest.service.ingestRecords(ctx, 'gafj_household', records);
    await p.modules.ingest.service.idle();
    if (batch.rejected) expect.fail(`rejected: ${JSON.stringify(batch.rejectedByReason)}`);
  }

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    population = (await p.modules.catalog.service.get(ctx, 'population')).id;
    household = (await p.modules.catalog.service.get(ctx, 'gafj_household')).id;
    consumer = (await p.modules.org.service.findDepartmentByCode('MZJ'))!.id;
    await deliver([
      {
        id_number: ZHANG,
        name: '张三',
        sex: '男',
        phone: '13812341234',
        address: '望城区高塘岭街道雷锋大道18号3栋',
        subdistrict: '高塘岭街道',
      },
      { id_number: OUYANG, name: '欧阳娜娜', sex: '女', phone: '13987654321', subdistrict: '高塘岭街道' },
      { id_number: LI, name: '李四', sex: '男', phone: '13700001111', subdistrict: '乌山街道' },
      ...MORE.map((n, i) => ({ id_number: n, name: `王${i}`, sex: '女', subdistrict: '高塘岭街道' })),
    ]);
    const items = ['id_number', 'name', 'sex', 'phone', 'address', 'subdistrict'];
    const base = { resourceId: population, consumerDepartmentId: consumer, items };
    const only = { rowFilter: { subdistrict: '高塘岭街道' } };
    auth = {
      masked: (await grantWithCredential(p.database, { ...base, ...only })).authorization,
      raw: (await grantWithCredential(p.database, { ...base, rawItems: ['name', 'id_number'] }))
        .authorization,
      household: (await grantWithCredential(p.database, { ...base, resourceId: household, ...only }))
        .authorization,
      expired: (
        await grantWithCredential(p.database, {
          ...base,
          validFrom: new Date(Date.now() - 48 * HOUR),
          expiresAt: new Date(Date.now() - HOUR),
        })
      ).authorization,
      notYet: (await grantWithCredential(p.database, { ...base, validFrom: new Date(Date.now() + HOUR) }))
        .authorization,
      grantRevoked: (await grantWithCredential(p.database, { ...base, revokedAt: new Date() })).authorization,
      quota: (await grantWithCredential(p.database, { ...base, dailyQuota: 3 })).authorization,
      rate: (await grantWithCredential(p.database, { ...base, ratePerMinute: 3 })).authorization,
      probe: (await grantWithCredential(p.database, { ...base, ratePerMinute: 5 })).authorization,
    };
    const rotated = await insertGrant(p.database, base);
    auth.revoked = (await insertCredential(p.database, rotated, { revokedAt: new Date() })).authorization;
    auth.rotatedOut = (
      await insertCredential(p.database, rotated, { expiresAt: new Date(Date.now() - 1000) })
    ).authorization;
    auth.rotatedIn = (
      await insertCredential(p.database, rotated, { expiresAt: new Date(Date.now() + HOUR) })
    ).authorization;
    auth.successor = (await insertCredential(p.database, rotated)).authorization;
  });
  afterAll(() => p?.close());

  describe('serving', () => {
    it('serves one row with personal items masked and the key masked', async () => {
      const res = await call(auth.masked, `/api/share/v1/population/${ZHANG}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        resource: 'population',
        key: `430112********${ZHANG.slice(-4)}`,
        values: {
          id_number: `430112********${ZHANG.slice(-4)}`,
          name: '张*',
          // Sex is digit 17 of the masked ID number: masked with it.
          sex: '*',
          phone: '138****1234',
          address: '望城区高塘岭街道雷锋大道**',
          subdistrict: '高塘岭街道',
        },
      });
      expect(Object.keys(res.body.values).sort()).toEqual(
        ['address', 'id_number', 'name', 'phone', 'sex', 'subdistrict'].sort(),
      );
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.now() - HOUR);
      expect(res.raw).not.toContain(ZHANG);
      expect(res.raw).not.toContain('男');
      const compound = await call(auth.masked, `/api/share/v1/population/${OUYANG}?items=name`);
      expect(compound.body.values).toEqual({ name: '欧阳**' });
    });

    it('serves raw only the items the grant has raw', async () => {
      const res = await call(auth.raw, `/api/share/v1/population/${ZHANG}`);
      expect(res.status).toBe(200);
      expect(res.body.key).toBe(ZHANG);
      expect(res.body.values).toMatchObject({
        id_number: ZHANG,
        name: '张三',
        sex: '男',
        phone: '138****1234',
      });
    });

    it('reads other resources from their loaded data table, masked the same way', async () => {
      const res = await call(auth.household, `/api/share/v1/gafj_household/${ZHANG}`);
      expect(res.status).toBe(200);
      expect(res.body.values).toMatchObject({ name: '张*', phone: '138****1234' });
      const outside = await call(auth.household, `/api/share/v1/gafj_household/${LI}`);
      expect(outside.status).toBe(404);
      const list = await call(auth.household, '/api/share/v1/gafj_household?pageSize=500');
      expect(list.body.total).toBe(22);
      expect(list.body.items.every((r: any) => r.values.subdistrict === '高塘岭街道')).toBe(true);
    });

    it('answers a row outside the row filter exactly as a missing key', async () => {
      const outside = await call(auth.masked, `/api/share/v1/population/${LI}`);
      // Same first six and last four characters, so the masked key the answer names is the same too.
      const missing = await call(auth.masked, `/api/share/v1/population/43011219991231${LI.slice(-4)}`);
      expect(outside.status).toBe(404);
      expect(outside.body.code).toBe('not_found');
      expect(outside.body).toEqual(missing.body);
      expect(outside.raw).not.toContain('李');
      expect(outside.raw).not.toContain(LI);
    });

    it('lists rows meeting the filters, paged with the total', async () => {
      const first = await call(
        auth.masked,
        '/api/share/v1/population?page=1&pageSize=10&items=id_number,sex',
      );
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 22, page: 1, pageSize: 10 });
      expect(first.body.items).toHaveLength(10);
      expect(Object.keys(first.body.items[0].values).sort()).toEqual(['id_number', 'sex']);
      const seen = new Set<string>();
      for (let page = 1; page <= 3; page++) {
        const res = await call(auth.masked, `/api/share/v1/population?page=${page}&pageSize=10&items=name`);
        expect(res.body.total).toBe(22);
        for (const row of res.body.items) seen.add(row.key + row.values.name);
      }
      expect(seen.size).toBe(22);
      // Sex derives from the ID number: a grant that has it masked may not filter on it (it would confirm digit 17).
      const womenMasked = await call(auth.masked, '/api/share/v1/population?sex=%E5%A5%B3&pageSize=500');
      expect(womenMasked.status).toBe(403);
      expect(womenMasked.body).toMatchObject({ code: 'masked_filter', errors: [{ field: 'sex' }] });
      const women = await call(auth.raw, '/api/share/v1/population?sex=%E5%A5%B3&pageSize=500');
      expect(women.body.total).toBe(21);
      // The caller's filter cannot widen the grant's row filter.
      const wushan = await call(
        auth.masked,
        `/api/share/v1/population?subdistrict=${encodeURIComponent('乌山街道')}`,
      );
      expect(wushan.status).toBe(200);
      expect(wushan.body).toMatchObject({ total: 0, items: [] });
      const big = await call(auth.masked, '/api/share/v1/population?pageSize=501');
      expect(big.status).toBe(400);
      expect(big.body.code).toBe('bad_filter');
    });
  });

  describe('refusals', () => {
    const refused = async (who: string, url: string, status: number, code: string) => {
      const res = await call(auth[who], url);
      expect(res.status, `${who} ${url}: ${res.raw}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe(code);
      expect(res.body.values).toBeUndefined();
      expect(res.body.items).toBeUndefined();
      // A refusal never carries data: no name, ID number or phone of anyone.
      for (const secret of ['张', '欧阳', '13812341234', ZHANG.slice(6, 14)])
        expect(res.raw).not.toContain(secret);
      return res;
    };

    it('refuses a credential of another resource (wrong department data)', async () => {
      await refused('household', `/api/share/v1/population/${ZHANG}`, 403, 'no_grant');
      await refused('masked', `/api/share/v1/gafj_household/${ZHANG}`, 403, 'no_grant');
      await refused('masked', '/api/share/v1/legal_person', 403, 'no_grant');
      await refused('masked', '/api/share/v1/no_such_resource/1', 403, 'no_grant');
    });

    it('refuses expired, not yet valid and revoked grants', async () => {
      await refused('expired', `/api/share/v1/population/${ZHANG}`, 403, 'grant_expired');
      await refused('notYet', `/api/share/v1/population/${ZHANG}`, 403, 'grant_expired');
      await refused('grantRevoked', '/api/share/v1/population', 403, 'grant_revoked');
    });

    it('refuses revoked credentials and rotated ones past their overlap, and serves during it', async () => {
      await refused('revoked', `/api/share/v1/population/${ZHANG}`, 401, 'revoked');
      await refused('rotatedOut', `/api/share/v1/population/${ZHANG}`, 401, 'expired_credential');
      expect((await call(auth.rotatedIn, `/api/share/v1/population/${ZHANG}`)).status).toBe(200);
      expect((await call(auth.successor, `/api/share/v1/population/${ZHANG}`)).status).toBe(200);
    });

    it('refuses a tampered secret, an unknown key and a missing header', async () => {
      const [keyId, secret] = auth.masked!.slice('Bearer '.length).split('.') as [string, string];
      const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
      auth.tampered = `Bearer ${keyId}.${flipped}`;
      auth.unknown = `Bearer ak_00000000deadbeef.${secret}`;
      await refused('tampered', `/api/share/v1/population/${ZHANG}`, 401, 'bad_signature');
      await refused('unknown', `/api/share/v1/population/${ZHANG}`, 401, 'no_credential');
      await refused('none', `/api/share/v1/population/${ZHANG}`, 401, 'no_credential');
      auth.garbage = 'Basic YWRtaW46YWRtaW4=';
      await refused('garbage', '/api/share/v1/population', 401, 'no_credential');
    });

    it('refuses items and filters the grant does not hold', async () => {
      await refused(
        'masked',
        `/api/share/v1/population/${ZHANG}?items=name,marital_status`,
        403,
        'item_not_granted',
      );
      await refused(
        'masked',
        '/api/share/v1/population?marital_status=%E5%B7%B2%E5%A9%9A',
        403,
        'item_not_granted',
      );
      await refused('masked', '/api/share/v1/population/changes?items=household_id', 403, 'item_not_granted');
      await refused('masked', '/api/share/v1/population?no_such_item=1', 400, 'bad_filter');
      await refused('masked', '/api/share/v1/population?sex=a&sex=b', 400, 'bad_filter');
    });

    it('treats SQL in filter values as values and refuses SQL in item names', async () => {
      for (const value of ["' or 1=1 --", "张三' or '1'='1", "x'); drop table registry.entities; --"]) {
        // Filtering on name needs it raw (a masked item's filter would confirm guesses).
        const res = await call(auth.raw, `/api/share/v1/population?name=${encodeURIComponent(value)}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ total: 0, items: [] });
      }
      await refused(
        'masked',
        `/api/share/v1/population?items=${encodeURIComponent('name);drop table sharing.calls;--')}`,
        400,
        'bad_filter',
      );
      await refused(
        'masked',
        `/api/share/v1/population?${encodeURIComponent("name' or 1=1 --")}=x`,
        400,
        'bad_filter',
      );
      await refused(
        'household',
        `/api/share/v1/gafj_household?${encodeURIComponent('"name" is not null or "name"')}=x`,
        400,
        'bad_filter',
      );
      const key = await call(auth.masked, `/api/share/v1/population/${encodeURIComponent("' or ''='")}`);
      expect(key.status).toBe(404);
      const [{ n }] = await p.database.query<{ n: number }>(
        "select count(*)::int as n from registry.entities where registry = 'population'",
      );
      expect(n).toBe(23);
      expect(await callCount()).toBeGreaterThan(0);
    });

    it('refuses calls over the daily quota, logging them without counting them', async () => {
      for (let i = 0; i < 3; i++)
        expect((await call(auth.quota, `/api/share/v1/population/${ZHANG}`)).status).toBe(200);
      const res = await refused('quota', `/api/share/v1/population/${ZHANG}`, 429, 'over_quota');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await refused('quota', '/api/share/v1/population', 429, 'over_quota');
      const usage = await p.database.query<{ period: string; calls: number }>(
        `select u.period, u.calls from sharing.usage u join sharing.credentials c on c.grant_id = u.grant_id
         where c.key_id = $1 order by u.period`,
        [auth.quota!.slice(7, 26)],
      );
      expect(usage).toEqual([
        { period: 'day', calls: 3 },
        { period: 'minute', calls: 3 },
      ]);
    });

    it('refuses calls over the rate limit with Retry-After', async () => {
      for (let i = 0; i < 3; i++)
        expect((await call(auth.rate, '/api/share/v1/population')).status).toBe(200);
      const res = await refused('rate', '/api/share/v1/population', 429, 'rate_limited');
      const wait = Number(res.headers['retry-after']);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
    });

    it('answers probes of random keys with 404 only, counted toward the rate limit', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const guess = id(`4301121990${String(1000000 + i * 7919).slice(1)}`);
        const res = await call(auth.probe, `/api/share/v1/population/${guess}`);
        statuses.push(res.status);
        expect(res.body.values).toBeUndefined();
      }
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    });
  });

  describe('change feed', () => {
    it('returns rows changed after the cursor, each once, in order', async () => {
      const seen: string[] = [];
      let since: string | null = null;
      for (let round = 0; round < 10; round++) {
        const url: string = `/api/share/v1/population/changes?limit=5&items=name${since ? `&since=${since}` : ''}`;
        const res = await call(auth.raw, url);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((r: any) => r.key));
        since = res.body.next;
        if (!res.body.hasMore) break;
      }
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
      const idle = await call(auth.raw, `/api/share/v1/population/changes?since=${since}`);
      expect(idle.body).toMatchObject({ items: [], hasMore: false, next: since });

      await deliver([
        { id_number: LI, name: '李四', sex: '男', phone: '13700002222', subdistrict: '乌山街道' },
      ]);
      const after = await call(auth.raw, `/api/share/v1/population/changes?since=${since}&items=phone`);
      expect(after.body.items.map((r: any) => r.key)).toEqual([LI]);
      expect(after.body.items[0].values).toEqual({ phone: '137****2222' });
      const again = await call(auth.raw, `/api/share/v1/population/changes?since=${after.body.next}`);
      expect(again.body.items).toEqual([]);
    });

    it('applies the row filter and masks keys without putting them in the cursor', async () => {
      const res = await call(auth.masked, '/api/share/v1/population/changes?limit=100');
      expect(res.body.items).toHaveLength(22);
      expect(res.body.items.every((r: any) => r.values.subdistrict === '高塘岭街道')).toBe(true);
      const last = res.body.items.at(-1).key as string;
      expect(last).toMatch(/^430112\*{8}\d{3}[\dX]$/);
      const decoded = Buffer.from(res.body.next, 'base64url').toString('latin1');
      for (const n of [ZHANG, OUYANG, ...MORE]) expect(decoded).not.toContain(n.slice(6, 14));
    });

    it('refuses a bad cursor and a cursor of another resource', async () => {
      await call(auth.masked, '/api/share/v1/population/changes?since=not-a-cursor').then((res) => {
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('bad_cursor');
      });
      const other = await call(auth.household, '/api/share/v1/gafj_household/changes?limit=1');
      const crossed = await call(auth.masked, `/api/share/v1/population/changes?since=${other.body.next}`);
      expect(crossed.status).toBe(400);
      expect(crossed.body.code).toBe('bad_cursor');
      const tampered = `${other.body.next.slice(0, -2)}${other.body.next.endsWith('AA') ? 'BB' : 'AA'}`;
      const bad = await call(auth.household, `/api/share/v1/gafj_household/changes?since=${tampered}`);
      expect(bad.body.code).toBe('bad_cursor');
    });
  });

  describe('call log', () => {
    it('logs many concurrent calls, each once, and counts them in the usage windows', async () => {
      const { grantId, authorization } = await grantWithCredential(p.database, {
        resourceId: population,
        consumerDepartmentId: consumer,
        items: ['name'],
      });
      const results = await Promise.all(
        Array.from({ length: 60 }, () => call(authorization, `/api/share/v1/population/${ZHANG}`)),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      const [logged] = await p.database.query<{ n: number; rows: number }>(
        "select count(*)::int as n, sum(rows)::int as rows from sharing.calls where grant_id = $1 and outcome = 'ok'",
        [grantId],
      );
      expect(logged).toEqual({ n: 60, rows: 60 });
      const usage = await p.database.query<{ calls: number }>(
        'select calls from sharing.usage where grant_id = $1 order by period',
        [grantId],
      );
      expect(usage.map((u) => u.calls)).toEqual([60, 60]);
    });

    it('records who, what and the outcome of a call', async () => {
      await call(auth.raw, `/api/share/v1/population?sex=${encodeURIComponent('男')}&items=name`);
      const [row] = await p.database.query<Record<string, any>>(
        'select key_id, grant_id, consumer_department_id, resource_id, endpoint, items, query, rows, outcome, status, ms, ip from sharing.calls order by id desc limit 1',
      );
      expect(row).toMatchObject({
        key_id: auth.raw!.slice(7, 26),
        consumer_department_id: consumer,
        resource_id: population,
        endpoint: 'list',
        items: ['name'],
        query: { sex: '男', items: 'name' },
        // The raw grant has no row filter: 张三 and 李四.
        rows: 2,
        outcome: 'ok',
        status: 200,
      });
      expect(row!.ms).toBeGreaterThan(0);
      expect(row!.ip).toBeTruthy();
    });

    it('has exactly one row per call made, refusals included (those without a credential counted)', async () => {
      expect(await callCount()).toBe(requests);
      const [{ n }] = await p.database.query<{ n: number }>(
        "select count(*)::int as n from sharing.calls where outcome in ('no_credential', 'bad_signature', 'revoked', 'expired_credential', 'grant_expired', 'grant_revoked', 'no_grant', 'item_not_granted', 'bad_filter', 'bad_cursor', 'over_quota', 'rate_limited', 'not_found')",
      );
      expect(n).toBeGreaterThan(30);
    });

    it('serves nothing when the log cannot be written (503), and resumes when it can', async () => {
      await p.database.query('alter table sharing.calls rename to calls_away');
      try {
        const res = await p.app.inject({
          method: 'GET',
          url: `/api/share/v1/population/${ZHANG}`,
          headers: { authorization: auth.raw! },
        });
        expect(res.statusCode).toBe(503);
        expect(res.json().code).toBe('log_unavailable');
        expect(res.body).not.toContain('张三');
      } finally {
        await p.database.query('alter table sharing.calls_away rename to calls');
      }
      expect((await call(auth.raw, `/api/share/v1/population/${ZHANG}`)).status).toBe(200);
    });
  });
});
