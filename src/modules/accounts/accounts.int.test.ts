import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { queryRows } from '../../core/db.ts';

describe.each(databaseKinds)('accounts on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  beforeAll(async () => {
    p = await startTestPlatform(kind, {
      ONECITY_LOGIN_MAX_FAILURES: '3',
      ONECITY_SESSION_IDLE_MINUTES: '30',
    });
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  const call = (method: string, url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    p.app.inject({ method: method as 'GET', url, headers, payload: payload as object });

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

  it('locks an account after repeated failures, and the right password does not get in while locked', async () => {
    await createUser('locky', ['department_user']);
    const tries = [];
    for (let i = 0; i < 3; i++)
      tries.push(
        await call(
          'POST',
          '/api/auth/login',
          { 'accept-language': 'en' },
          { username: 'locky', password: 'bad' },
        ),
      );
    expect(tries.map((r) => r.statusCode)).toEqual([401, 401, 403]);
    expect(tries[2]!.json().code).toBe('account_locked');
    expect(tries[2]!.json().detail).toMatch(/locked until/);
    const right = await call('POST', '/api/auth/login', {}, { username: 'locky', password: 'Passw0rd!x' });
    expect(right.statusCode).toBe(403);
    expect(right.json().detail).toMatch(/已锁定/);
    // When the lock runs out, the right password works again.
    await p.database.db.execute(
      sql`update accounts.users set locked_until = now() - interval '1 minute' where username = 'locky'`,
    );
    expect(
      (await call('POST', '/api/auth/login', {}, { username: 'locky', password: 'Passw0rd!x' })).statusCode,
    ).toBe(200);
    const denied = await queryRows<{ n: number }>(
      p.database.db,
      sql`select count(*)::int as n from audit.entries where action = 'auth.login' and outcome = 'denied' and detail->>'username' = 'locky'`,
    );
    expect(denied[0]!.n).toBe(4);
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
