import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../../../test/databases.ts';
import { idNumberCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';
import { openPlatform } from '../../../server/platform.ts';
import { grantWithCredential } from './share-test-fixture.ts';

const PERSON = `43011219900101123${idNumberCheck('43011219900101123')}`;

/** A platform with one person delivered, a way to call the sharing API for them, and a grant to copy. */
function setUp(kind: (typeof databaseKinds)[number]) {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  const ctx = systemCtx('test');
  let grant: Parameters<typeof grantWithCredential>[1];

  const call = async (authorization: string) => {
    const res = await p.app.inject({
      method: 'GET',
      url: `/api/share/v1/gafj_household/${PERSON}`,
      headers: { authorization },
    });
    return { status: res.statusCode, code: res.json().code as string | undefined };
  };
  const credentialId = async (keyId: string) =>
    (
      await p.database.query<{ id: number }>('select id from sharing.credentials where key_id = $1', [keyId])
    )[0]!.id;

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    await p.modules.ingest.service.ingestRecords(ctx, 'gafj_household', [
      { id_number: PERSON, name: '张三', sex: '男', subdistrict: '高塘岭街道' },
    ]);
    await p.modules.ingest.service.idle();
    grant = {
      resourceId: (await p.modules.catalog.service.get(ctx, 'gafj_household')).id,
      consumerDepartmentId: (await p.modules.org.service.findDepartmentByCode('MZJ'))!.id,
      items: ['id_number', 'name'],
    };
  });
  afterAll(() => p.close());
  return { platform: () => p, call, credentialId, grant: () => grant, ctx };
}

// Calls cache the credential and its grant (credential-cache.ts); these tests fail if a change of either
// does not reach the cache at once.
describe.each(databaseKinds)('cached sharing credentials on %s', (kind) => {
  const { platform, call, credentialId, grant, ctx } = setUp(kind);

  it('refuses a revoked credential on the very next call', async () => {
    const p = platform();
    const credential = await grantWithCredential(p.database, grant());
    expect(await call(credential.authorization)).toEqual({ status: 200, code: undefined });
    await p.modules.sharing.credentials.revoke(ctx, await credentialId(credential.keyId));
    expect(await call(credential.authorization)).toMatchObject({ status: 401, code: 'revoked' });
  });

  it('applies a lowered rate limit on the very next call', async () => {
    const p = platform();
    const credential = await grantWithCredential(p.database, grant());
    expect((await call(credential.authorization)).status).toBe(200);
    await p.modules.sharing.grants.setLimits(ctx, credential.grantId, { ratePerMinute: 1 });
    expect(await call(credential.authorization)).toMatchObject({ status: 429, code: 'rate_limited' });
  });
});

describe('cached sharing credentials across processes on postgres', () => {
  const { platform, call, grant, ctx } = setUp('postgres');

  it('refuses a grant another process revoked, within moments', async () => {
    const p = platform();
    const credential = await grantWithCredential(p.database, grant());
    expect((await call(credential.authorization)).status).toBe(200);
    const other = await openPlatform(p.config);
    try {
      await other.modules.sharing.grants.revoke(ctx, credential.grantId, '业务系统下线');
    } finally {
      await other.database.close();
    }
    // The notification travels through the server after the commit: allow it a second, far below the cache's age.
    let answer = await call(credential.authorization);
    for (let waited = 0; answer.status === 200 && waited < 1000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await call(credential.authorization);
    }
    expect(answer).toMatchObject({ status: 403, code: 'grant_revoked' });
  });
});
