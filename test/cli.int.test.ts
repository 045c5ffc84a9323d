import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../src/core/db.ts';
import { databaseKinds, freshDatabaseConfig } from './databases.ts';
import { envFor, runCli } from './processes.ts';

describe.each(databaseKinds)('the onecity CLI on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabaseConfig>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fresh = await freshDatabaseConfig(kind);
    env = envFor(fresh.config);
  });
  afterAll(() => fresh?.drop());

  it('migrates and reports the migration level', async () => {
    const res = await runCli(['migrate', '--json'], env);
    expect(res.code, res.stderr).toBe(0);
    const level = JSON.parse(res.stdout);
    expect(level.applied).toBe(level.known);
    expect(level.applied).toBeGreaterThanOrEqual(2);
  });

  it('adds users, sets passwords and lists them', async () => {
    const added = await runCli(
      [
        'user',
        'add',
        'wang.fang',
        '--name',
        '王芳',
        '--department',
        'GAFJ',
        '--role',
        'department_user,leader',
        '--json',
      ],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    const { user, password } = JSON.parse(added.stdout);
    expect(user).toMatchObject({ username: 'wang.fang', roles: ['department_user', 'leader'] });
    expect(password).toMatch(/.{16}/);
    const badRole = await runCli(['user', 'add', 'li', '--name', '李', '--role', 'king'], env);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/role: must be one of/);
    const badDept = await runCli(['user', 'add', 'zhao', '--name', '赵', '--department', 'NOPE'], env);
    expect(badDept.stderr).toMatch(/Department NOPE does not exist/);
    const citizen = await runCli(
      [
        'user',
        'add',
        'zhang.san',
        '--name',
        '张三',
        '--role',
        'citizen',
        '--id-number',
        '430112199001011230',
        '--json',
      ],
      env,
    );
    expect(citizen.code, citizen.stderr).toBe(0);
    expect(JSON.parse(citizen.stdout).user.idNumber).toBe('430112********1230');
    const badId = await runCli(
      ['user', 'add', 'li.si', '--name', '李四', '--role', 'citizen', '--id-number', '430112199001011231'],
      env,
    );
    expect(badId.code).toBe(1);
    expect(badId.stderr).toMatch(/idNumber/);
    const passwd = await runCli(['user', 'passwd', 'wang.fang', '--password', 'Chang3d!pw', '--json'], env);
    expect(passwd.code, passwd.stderr).toBe(0);
    expect(JSON.parse(passwd.stdout).password).toBeNull();
    const weak = await runCli(['user', 'passwd', 'wang.fang', '--password', 'weakweak'], env);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password: A password needs/);
    const list = await runCli(['user', 'list', '--json'], env);
    expect(JSON.parse(list.stdout).map((u: { username: string }) => u.username)).toContain('wang.fang');
  });

  it('prints the effective config with secrets hidden, and refuses a bad setting by name', async () => {
    const shown = await runCli(['config', '--json', '--admin-password', 'Secret#123'], env);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ database: kind, adminPassword: '***' });
    const bad = await runCli(['config', '--port', 'http'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/PORT \(--port\)/);
  });

  it('verifies the audit chain, and fails naming the newest entries deleted or the entry edited by hand', async () => {
    const ok = await runCli(['audit', 'verify', '--json'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
    // The verify checkpointed the head, so deleting the newest entries (bypassing the guard) is noticed.
    let database = await openDatabase(fresh.config);
    await database.db.execute(sql`alter table audit.entries disable trigger entries_append_only`);
    await database.db.execute(
      sql`delete from audit.entries where id in (select id from audit.entries order by id desc limit 2)`,
    );
    await database.db.execute(sql`alter table audit.entries enable trigger entries_append_only`);
    const [left] = await queryRows<{ id: number }>(
      database.db,
      sql`select max(id)::int as id from audit.entries`,
    );
    await database.close();
    const truncated = await runCli(['audit', 'verify'], env);
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toMatch(new RegExp(`TRUNCATED after entry ${left!.id}:`));
    database = await openDatabase(fresh.config);
    await database.db.execute(sql`alter table audit.entries disable trigger entries_append_only`);
    await database.db.execute(sql`update audit.entries set actor_name = 'nobody' where id = 2`);
    await database.db.execute(sql`alter table audit.entries enable trigger entries_append_only`);
    await database.close();
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at entry 2/);
  });
});
