// Test support: a fresh real database of each kind (PGlite in a temp dir, a new database on the PostgreSQL server).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { type Config, loadConfig } from '../src/core/config.ts';
import { lookupCtx } from '../src/core/context.ts';
import { createLogger } from '../src/core/logger.ts';
import { createApp } from '../src/server/app.ts';
import { openPlatform } from '../src/server/platform.ts';

export const databaseKinds = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

/** The PostgreSQL server the tests create their databases on. */
export const serverUrl = process.env.ONECITY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A config pointing at a brand-new, empty database of the given kind; `drop` removes it. */
export async function freshDatabaseConfig(kind: DatabaseKind, env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-test-'));
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (kind === 'postgres') {
    dbName = `onecity_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const config: Config = loadConfig({
    ONECITY_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const drop = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  };
  return { config, drop };
}

/** A migrated, seeded platform with its HTTP app (use app.inject), on a fresh database. */
export async function startTestPlatform(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  /** A clock the test moves, for rate limits and lockouts (no sleeps). */
  now?: () => Date,
) {
  const { config, drop } = await freshDatabaseConfig(kind, {
    ONECITY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // Tests call from one address far faster than a person: no limits unless a test sets them (and tests them).
    ...noRateLimits,
    ...env,
  });
  return openTestPlatform(config, drop, now);
}

async function openTestPlatform(config: Config, drop: () => Promise<void>, now?: () => Date) {
  const { database, modules } = await openPlatform(config, createLogger(config.logLevel), { now });
  await modules.accounts.users.ensureAdmin(lookupCtx, config.adminPassword);
  const app = await createApp(config, createLogger('silent'), database, modules, now);
  await app.ready();
  return {
    config,
    database,
    modules,
    app,
    drop,
    async close() {
      await modules.iot.stop(); // a test may have started device intake
      await app.close();
      await database.close().catch(() => {}); // a test may have closed it already to let a child process in
      await drop();
    },
  };
}

/** Opens the same database again (after a test closed it to let another process use it). */
export async function reopenTestPlatform(p: Awaited<ReturnType<typeof startTestPlatform>>) {
  await p.app.close();
  return openTestPlatform(p.config, p.drop);
}

export const ADMIN_PASSWORD = 'Admin#2026x';

/** Every route limit off (0), for test servers that call from one address as fast as they can. */
export const noRateLimits = {
  ONECITY_RATE_LIMIT_VERIFY: '0',
  ONECITY_RATE_LIMIT_CKAN: '0',
  ONECITY_RATE_LIMIT_DOWNLOAD: '0',
  ONECITY_RATE_LIMIT_LOGIN: '0',
  ONECITY_RATE_LIMIT_LOGIN_TOTAL: '0',
};

/** A user a test platform is given: user name, department code (null: none) and roles. */
export type TestUser = readonly [username: string, department: string | null, roles: readonly string[]];
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * A platform with `users` created (each with `password`) and signed in beside the admin: `as` holds each one's
 * session, `ids` the departments' ids by code, `call` makes a request as one of them (null: nobody).
 */
export async function startPlatformWithUsers(
  kind: DatabaseKind,
  users: readonly TestUser[],
  password: string,
  env: Record<string, string> = {},
  now?: () => Date,
) {
  const p = await startTestPlatform(kind, env, now);
  const as: Record<string, { cookie: string }> = { admin: await login(p.app, 'admin', ADMIN_PASSWORD) };
  const ids: Record<string, number> = {};
  const directory = await p.modules.org.service.departmentDirectory();
  for (const [username, department, roles] of users) {
    const departmentId = department ? (directory.byCode.get(department)?.id ?? null) : null;
    if (department) ids[department] = departmentId!;
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as.admin,
      payload: { username, displayName: username, departmentId, roles, password },
    });
    if (created.statusCode !== 201)
      throw new Error(`creating ${username}: ${created.statusCode} ${created.body}`);
    as[username] = await login(p.app, username, password);
  }
  const call = (method: Method, url: string, who: { cookie: string } | null, payload?: object) =>
    p.app.inject({ method, url, headers: who ?? {}, ...(payload && { payload }) });
  return { p, as, ids, call, directory };
}

/** Signs in through the API and returns the session cookie header. */
export async function login(
  app: Awaited<ReturnType<typeof startTestPlatform>>['app'],
  username: string,
  password: string,
) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'onecity_session');
  return { cookie: `onecity_session=${cookie!.value}` };
}
