// Test support for the events tests: a platform with the desk, departments, an inspector and a leader, and calls
// as each of them.
import { expect } from 'vitest';
import { ADMIN_PASSWORD, type DatabaseKind, login, startTestPlatform } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';

export type Who = { cookie: string };
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const PASSWORD = 'Events#2026x';

/**
 * A platform with: `operator` (12345 desk of the center), `cgj` and `cgj2` (城管局), `hbj` (生态环境分局), `gafj`
 * (公安分局), `inspector` (grid inspector of 高塘岭街道's office), `leader`, and `admin`. `now` is the platform's
 * clock (tests move it).
 */
export async function eventsPlatform(kind: DatabaseKind, now?: () => Date) {
  const p = await startTestPlatform(kind, {}, now);
  const admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  const as: Record<string, Who> = { admin };
  const ids: Record<string, number> = {};
  const userIds: Record<string, number> = {};
  const directory = await p.modules.org.service.departmentDirectory();
  const gaotangling = directory.all.find((d) => d.kind === 'subdistrict' && d.name.startsWith('高塘岭'))!;

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
    userIds[username] = created.json().user.id;
    as[username] = await login(p.app, username, PASSWORD);
  }
  await user('operator', 'SJZX', ['operator']);
  await user('cgj', 'CGJ', ['department_user']);
  await user('cgj2', 'CGJ', ['department_user']);
  await user('hbj', 'HBJ', ['department_user']);
  await user('gafj', 'GAFJ', ['department_user']);
  await user('inspector', gaotangling.code, ['inspector']);
  await user('leader', null, ['leader']);

  const call = (method: Method, url: string, who: Who | null, payload?: object) =>
    p.app.inject({ method, url, headers: who ?? {}, ...(payload && { payload }) });

  /** Opens a case at the desk; returns its detail. */
  async function receive(body: Record<string, unknown>) {
    const res = await call('POST', '/api/events/cases', as.operator!, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  /** Takes an action on a case; expects `status` (200 by default) and returns the answer. */
  async function act(number: string, who: Who, body: Record<string, unknown>, status = 200) {
    const res = await call('POST', `/api/events/cases/${number}/actions`, who, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  }

  /** The audit entries of an action on a target. */
  async function audited(action: string, targetId?: string) {
    const { items } = await p.modules.audit.service.list(systemCtx('test'), {
      action,
      targetType: 'case',
      ...(targetId !== undefined && { targetId }),
      page: 1,
      pageSize: 100,
      sort: 'newest',
    });
    return items;
  }

  return { p, as, ids, userIds, call, receive, act, audited, subdistrictOffice: gaotangling };
}
