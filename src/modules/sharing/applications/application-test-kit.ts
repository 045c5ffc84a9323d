// Test support for the sharing integration tests: a platform, users of several departments, and calls as them.
import { expect } from 'vitest';
import { ADMIN_PASSWORD, type DatabaseKind, login, startTestPlatform } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { addYears } from './rules.ts';

export type Who = { cookie: string };
type Method = 'GET' | 'POST' | 'PATCH';

/** A platform with a department user of each department named, a steward of the center, and the admin. */
export async function sharingPlatform(kind: DatabaseKind, departmentUsers: Record<string, string>) {
  const p = await startTestPlatform(kind);
  const admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  const ids: Record<string, number> = {};
  const as: Record<string, Who> = { admin };
  const userIds: Record<string, number> = {};

  async function user(username: string, department: string | null, roles: string[]) {
    const departmentId = department
      ? (await p.modules.org.service.findDepartmentByCode(department))!.id
      : null;
    if (department) ids[department] = departmentId!;
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { username, displayName: username, departmentId, roles, password: 'Sharing#2026x' },
    });
    expect(created.statusCode, created.body).toBe(201);
    userIds[username] = created.json().user.id;
    as[username] = await login(p.app, username, 'Sharing#2026x');
  }
  for (const [username, department] of Object.entries(departmentUsers))
    await user(username, department, ['department_user']);
  await user('center.steward', 'SJZX', ['steward']);
  // Center staff need not belong to a department; such an account names the department it applies for.
  await user('loose.steward', null, ['steward']);

  const call = (method: Method, url: string, who: Who, payload?: object) =>
    p.app.inject({ method, url, headers: who, ...(payload && { payload }) });

  /** The audit entries of an action on a target. */
  async function audited(action: string, targetType: string, targetId?: number | string) {
    const { items } = await p.modules.audit.service.list(systemCtx('test'), {
      action,
      targetType,
      ...(targetId !== undefined && { targetId: String(targetId) }),
      page: 1,
      pageSize: 100,
      sort: 'newest',
    });
    return items;
  }

  return { p, as, ids, userIds, call, audited };
}

/** A valid application body for a resource, from today for a year; `over` replaces fields. */
export function applicationBody(resource: string, over: Record<string, unknown> = {}) {
  const today = todayInShanghai();
  return {
    resource,
    purpose: '婚姻登记时核验当事人户籍信息',
    legalBasis: '《婚姻登记条例》第七条',
    items: ['id_number', 'name', 'subdistrict'],
    consumingSystem: '婚姻登记系统',
    periodFrom: today,
    periodTo: addYears(today, 1),
    expectedDailyCalls: 300,
    ...over,
  };
}
