// Test support for the ioc tests: a platform with the center, a department, a leader, a screen account and the desk.
import { expect } from 'vitest';
import { ADMIN_PASSWORD, type DatabaseKind, login, startTestPlatform } from '../../../test/databases.ts';

export type Who = { cookie: string };
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const PASSWORD = 'Operations#2026x';

/**
 * A platform with: `admin`, `steward`, `cgj` (城管局 department user), `operator` (12345 desk), `leader`, `screen` (a
 * screen account). `now` is the platform's clock (tests move it).
 */
export async function iocPlatform(kind: DatabaseKind, now?: () => Date, env: Record<string, string> = {}) {
  const p = await startTestPlatform(kind, env, now);
  const admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  const as: Record<string, Who> = { admin };
  const ids: Record<string, number> = {};
  const directory = await p.modules.org.service.departmentDirectory();

  async function user(username: string, department: string | null, roles: string[]) {
    const departmentId = department ? (directory.byCode.get(department)?.id ?? null) : null;
    if (department) ids[department] = departmentId!;
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { username, displayName: username, departmentId, roles, password: PASSWORD },
    });
    expect(created.statusCode, created.body).toBe(201);
    as[username] = await login(p.app, username, PASSWORD);
  }
  await user('steward', 'SJZX', ['steward']);
  await user('cgj', 'CGJ', ['department_user']);
  await user('operator', 'SJZX', ['operator']);
  await user('leader', null, ['leader']);
  await user('screen', null, ['screen']);

  const call = (method: Method, url: string, who: Who | null, payload?: object) =>
    p.app.inject({ method, url, headers: who ?? {}, ...(payload && { payload }) });

  return { p, as, ids, call };
}
