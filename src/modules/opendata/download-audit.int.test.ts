import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { systemCtx } from '../../core/context.ts';

// Anonymous downloads are audited as one entry per address, dataset, format and minute with a count, so one
// client cannot write unbounded rows; a signed-in user's download keeps its own entry.

describe.each(databaseKinds)('open-data download audit on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  const ctx = systemCtx('test');
  // A clock the test moves: one second into a minute, so the twenty downloads below share it.
  let t = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
  let admin: { cookie: string };

  beforeAll(async () => {
    p = await startTestPlatform(kind, {}, () => new Date(t));
    const batch = await p.modules.ingest.service.ingestRecords(ctx, 'jyj_schools', [
      {
        school_code: 'S001',
        name: '望城区第一中学',
        level: '高中',
        address: '',
        subdistrict: '乌山街道',
        students: '1',
      },
    ]);
    await p.modules.ingest.service.idle();
    expect(batch.rejected).toBe(0);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  const url = '/api/open/resources/jyj_schools/data.csv';
  const download = (remoteAddress: string, headers: Record<string, string> = {}) =>
    p.app.inject({ method: 'GET', url, remoteAddress, headers });
  const entries = async () =>
    (
      await p.modules.audit.service.list(ctx, {
        action: 'opendata.download',
        page: 1,
        pageSize: 100,
        sort: 'oldest',
      })
    ).items.map((e) => ({ actor: e.actorName, ip: e.clientIp, count: e.detail.count ?? null }));
  const downloads = async () =>
    (await p.app.inject({ method: 'GET', url: '/api/open/resources/jyj_schools' })).json().downloads.csv;

  it('logs twenty anonymous downloads in a minute as one entry with count 20, a signed-in one on its own', async () => {
    for (let i = 0; i < 20; i++) expect((await download('10.9.0.1')).statusCode).toBe(200);
    expect((await download('10.9.0.9', admin)).statusCode).toBe(200);
    // The signed-in download is logged at once; the anonymous ones wait for their minute to end.
    expect(await entries()).toEqual([{ actor: 'admin', ip: '10.9.0.9', count: null }]);
    expect(await downloads()).toBe(21);

    // The minute ends: the next anonymous download writes the tally of the one before.
    t += 60_000;
    expect((await download('10.9.0.2')).statusCode).toBe(200);
    expect(await entries()).toEqual([
      { actor: 'admin', ip: '10.9.0.9', count: null },
      { actor: 'anonymous', ip: '10.9.0.1', count: 20 },
    ]);
    // At shutdown the tally of the minute under way is written too; the dataset's count stays the same.
    await p.modules.opendata.service.flushDownloads(true);
    expect((await entries()).slice(2)).toEqual([{ actor: 'anonymous', ip: '10.9.0.2', count: 1 }]);
    expect(await downloads()).toBe(22);
  });
});
