import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { queryRows } from '../../core/db.ts';

describe.each(databaseKinds)('accounts on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  // The clock of lockouts and of the tally of refused names; tests move it instead of waiting.
  let offset = 0;
  beforeAll(async () => {
    p = await startTestPlatform(
      kind,
      {
        ONECITY_LOGIN_MAX_FAILURES: '3',
        ONECITY_LOCKOUT_MINUTES: '2',
        ONECITY_SESSION_IDLE_MINUTES: '30',
      },
      () => new Date(Date.now() + offset),
    );
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  const call = (method: string, url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    p.app.inject({ method: method as 'GET', url, headers, payload: payload as object });
  /** A sign-in attempt from a given client address. */
  const signIn = (username: string, password: string, remoteAddress = '127.0.0.1', lang = 'en') =>
    p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      headers: { 'accept-language': lang },
      payload: { username, password },
    });
  /** What a refusal looks like, to compare refusals with. */
  const answer = (res: { statusCode: number; json: () => Record<string, unknown> }) => ({
    status: res.statusCode,
    ...res.json(),
  });

  async function createUser(username: string, roles: string[], password = 'Passw0rd!x') {
    const res = await call('POST', '/api/users', admin, {
      username,
      displayName: username,
      departmentId: 2,
      roles,
      password,
    });
    expect(res.statusCode).toBe(201);
    // A password set by an admin must be changed at first sign-in.
    expect(res.json().user.mustChangePassword).toBe(true);
    return res.json().user as { id: number };
  }

  it('signs in with the right password and refuses a wrong one or an unknown user alike', async () => {
    const me = await call('GET', '/api/auth/me', admin);
    expect(me.json()).toMatchObject({ username: 'admin', roles: ['admin'] });
    const wrong = await call('POST', '/api/auth/login', {}, { username: 'admin', password: 'nope' });
    const unknown = await call('POST', '/api/auth/login', {}, { username: 'ghost', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('bad_credentials');
    expect(unknown.json().detail).toBe(wrong.json().detail);
    const cookie = (
      await call('POST', '/api/auth/login', {}, { username: 'admin', password: ADMIN_PASSWORD })
    ).headers['set-cookie'];
    expect(String(cookie)).toMatch(/HttpOnly/);
    expect(String(cookie)).toMatch(/SameSite=Lax/);
  });

  it('locks an account for the address that failed only, with the same answer as a wrong password or an unknown name', async () => {
    await createUser('locky', ['department_user']);
    const tries = [];
    for (let i = 0; i < 3; i++) tries.push(await signIn('locky', 'bad', '10.1.0.1'));
    const unknown = await signIn('nobody-here', 'bad', '10.1.0.9');
    // No one learns from the answer whether a name exists or is locked: one status, code and text for all.
    expect(tries.map((r) => r.statusCode)).toEqual([401, 401, 401]);
    for (const res of [...tries, unknown]) expect(answer(res)).toEqual(answer(tries[0]!));
    expect(tries[0]!.json().code).toBe('bad_credentials');
    // Locked for this address: even the right password gets the same answer (or the lock would be a
    // password oracle), in either language.
    const right = await signIn('locky', 'Passw0rd!x', '10.1.0.1');
    expect(answer(right)).toEqual(answer(tries[0]!));
    const rightZh = await signIn('locky', 'Passw0rd!x', '10.1.0.1', 'zh-CN');
    expect(rightZh.json().detail).toBe(
      (await signIn('nobody-here', 'bad', '10.1.0.9', 'zh-CN')).json().detail,
    );
    // From another address the owner signs in: nobody can keep an account locked from elsewhere.
    expect((await signIn('locky', 'Passw0rd!x', '10.1.0.2')).statusCode).toBe(200);
    // When the lock runs out, the right password works from the first address too.
    offset += 2 * 60_000;
    expect((await signIn('locky', 'Passw0rd!x', '10.1.0.1')).statusCode).toBe(200);
    // Every refusal of a real account is in the audit log, one entry each.
    const denied = await queryRows<{ reason: string }>(
      p.database.db,
      sql`select detail->>'reason' as reason from audit.entries where action = 'auth.login' and outcome = 'denied' and detail->>'username' = 'locky' order by id`,
    );
    expect(denied.map((r) => r.reason)).toEqual([
      'bad_password',
      'bad_password',
      'account_locked',
      'account_locked',
      'account_locked',
    ]);
  });

  it('does not let failures from elsewhere keep admin locked', async () => {
    for (let i = 0; i < 5; i++) await signIn('admin', 'guess', '10.2.0.1');
    expect((await signIn('admin', ADMIN_PASSWORD, '10.2.0.1')).statusCode).toBe(401);
    expect((await signIn('admin', ADMIN_PASSWORD, '127.0.0.1')).statusCode).toBe(200);
  });

  it('logs refused unknown names as one entry per address and minute with a count, not one per attempt', async () => {
    offset += 60_000; // a fresh minute
    for (let i = 0; i < 5; i++) await signIn(`ghost${i}`, 'x', '10.3.0.1');
    await signIn('ghost', 'x', '10.3.0.2');
    await signIn('ghost', 'x', '10.3.0.2');
    const unknownEntries = () =>
      queryRows<{ ip: string; attempts: number; username: string | null }>(
        p.database.db,
        sql`select client_ip as ip, (detail->>'attempts')::int as attempts, detail->>'username' as username from audit.entries
            where action = 'auth.login' and detail->>'reason' = 'unknown_user' and client_ip like '10.3.%' order by client_ip`,
      );
    expect(await unknownEntries()).toEqual([]);
    // The minute ends; the next sign-in writes the tallies.
    offset += 60_000;
    await signIn('ghost', 'x', '10.3.0.3');
    expect(await unknownEntries()).toEqual([
      { ip: '10.3.0.1', attempts: 5, username: null },
      { ip: '10.3.0.2', attempts: 2, username: null },
    ]);
    // At shutdown the tally of the minute under way is written too.
    await p.modules.accounts.auth.flushRefusals(true);
    expect((await unknownEntries()).map((e) => e.attempts)).toEqual([5, 2, 1]);
  });

  it('lets an admin unlock an account before the lock runs out', async () => {
    const user = await createUser('unlockme', ['department_user']);
    for (let i = 0; i < 3; i++)
      await call('POST', '/api/auth/login', {}, { username: 'unlockme', password: 'bad' });
    const listed = await call('GET', '/api/users?q=unlockme', admin);
    expect(listed.json().items[0].locked).toBe(true);
    expect((await call('POST', `/api/users/${user.id}/unlock`, admin)).statusCode).toBe(200);
    expect(
      (await call('POST', '/api/auth/login', {}, { username: 'unlockme', password: 'Passw0rd!x' }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a session idle past the timeout, and one past its maximum age', async () => {
    await createUser('idler', ['leader']);
    const idle = await login(p.app, 'idler', 'Passw0rd!x');
    expect((await call('GET', '/api/auth/me', idle)).statusCode).toBe(200);
    await p.database.db.execute(
      sql`update accounts.sessions set last_seen_at = now() - interval '31 minutes'`,
    );
    const expired = await call('GET', '/api/auth/me', idle);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('session_expired');
    // The expired session stays dead even if it is "fresh" again.
    expect((await call('GET', '/api/auth/me', idle)).statusCode).toBe(401);

    const old = await login(p.app, 'idler', 'Passw0rd!x');
    await p.database.db.execute(
      sql`update accounts.sessions set expires_at = now() - interval '1 second' where user_id = (select id from accounts.users where username = 'idler')`,
    );
    expect((await call('GET', '/api/auth/me', old)).statusCode).toBe(401);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });

  it('changes a password: checks the current one and the policy, and signs out other sessions', async () => {
    await createUser('changer', ['steward']);
    const a = await login(p.app, 'changer', 'Passw0rd!x');
    const b = await login(p.app, 'changer', 'Passw0rd!x');
    const wrong = await call('POST', '/api/auth/password', a, {
      currentPassword: 'x',
      newPassword: 'N3w-Passw0rd',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    const weak = await call('POST', '/api/auth/password', a, {
      currentPassword: 'Passw0rd!x',
      newPassword: 'aaaaaaaa',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password', errors: [{ field: 'newPassword' }] });
    const ok = await call('POST', '/api/auth/password', a, {
      currentPassword: 'Passw0rd!x',
      newPassword: 'N3w-Passw0rd',
    });
    expect(ok.statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', a)).json().mustChangePassword).toBe(false);
    expect((await call('GET', '/api/auth/me', b)).statusCode).toBe(401);
    expect(
      (await call('POST', '/api/auth/login', {}, { username: 'changer', password: 'Passw0rd!x' })).statusCode,
    ).toBe(401);
    expect(
      (await call('POST', '/api/auth/login', {}, { username: 'changer', password: 'N3w-Passw0rd' }))
        .statusCode,
    ).toBe(200);
  });

  it('issues personal API tokens that are stored hashed, work as bearer tokens and stop when revoked', async () => {
    const created = await call('POST', '/api/auth/tokens', admin, {
      name: 'nightly export',
      expiresInDays: 30,
    });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^oc_/);
    const stored = await queryRows<{ token_hash: string }>(
      p.database.db,
      sql`select token_hash from accounts.api_tokens where id = ${apiToken.id}`,
    );
    expect(stored[0]!.token_hash).not.toContain(token.slice(3));
    const bearer = { authorization: `Bearer ${token}` };
    expect((await call('GET', '/api/auth/me', bearer)).json().username).toBe('admin');
    expect(
      (await call('GET', '/api/auth/tokens', admin)).json().map((t: { name: string }) => t.name),
    ).toContain('nightly export');
    expect((await call('DELETE', `/api/auth/tokens/${apiToken.id}`, admin)).statusCode).toBe(204);
    const after = await call('GET', '/api/auth/me', bearer);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('bad_token');
    expect((await call('GET', '/api/auth/me', { authorization: 'Bearer oc_forged' })).statusCode).toBe(401);
  });

  it('administers accounts: generated passwords, duplicates, disabling, and never the last admin', async () => {
    const created = await call('POST', '/api/users', admin, {
      username: 'gen',
      displayName: '生成',
      departmentId: 3,
      roles: ['department_user'],
    });
    expect(created.statusCode).toBe(201);
    const { user, password } = created.json();
    expect(password).toMatch(/.{16}/);
    expect((await call('POST', '/api/auth/login', {}, { username: 'gen', password })).statusCode).toBe(200);
    const dup = await call('POST', '/api/users', admin, {
      username: 'gen',
      displayName: 'x',
      departmentId: 3,
      roles: ['leader'],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('duplicate_username');
    const badDept = await call('POST', '/api/users', admin, {
      username: 'nodept',
      displayName: 'x',
      departmentId: 9999,
      roles: ['leader'],
    });
    expect(badDept.json()).toMatchObject({ code: 'unknown_department', errors: [{ field: 'departmentId' }] });

    const session = await login(p.app, 'gen', password);
    expect((await call('PATCH', `/api/users/${user.id}`, admin, { active: false })).statusCode).toBe(200);
    expect((await call('GET', '/api/auth/me', session)).statusCode).toBe(401);
    expect((await call('POST', '/api/auth/login', {}, { username: 'gen', password })).json().code).toBe(
      'account_disabled',
    );

    const me = (await call('GET', '/api/auth/me', admin)).json();
    const lastAdmin = await call('PATCH', `/api/users/${me.id}`, admin, { roles: ['steward'] });
    expect(lastAdmin.statusCode).toBe(409);
    expect(lastAdmin.json().code).toBe('last_admin');

    const reset = await call('POST', `/api/users/${user.id}/password`, admin, {});
    expect(reset.json().password).toMatch(/.{16}/);
    const list = await call('GET', '/api/users?role=department_user&active=false&pageSize=5', admin);
    expect(list.json().items.map((u: { username: string }) => u.username)).toEqual(['gen']);
  });

  it('refuses account administration to a non-admin and audits the refusal', async () => {
    await createUser('plain', ['department_user']);
    const plain = await login(p.app, 'plain', 'Passw0rd!x');
    const res = await call('GET', '/api/users', plain);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('admin');
    const create = await call('POST', '/api/users', plain, {
      username: 'sneaky',
      displayName: 'x',
      departmentId: 2,
      roles: ['admin'],
    });
    expect(create.statusCode).toBe(403);
    const rows = await queryRows<{ target_id: string }>(
      p.database.db,
      sql`select target_id from audit.entries where action = 'access.denied' and actor_name = 'plain' order by id`,
    );
    expect(rows.map((r) => r.target_id)).toEqual(['GET /api/users', 'POST /api/users']);
  });
});
