import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { systemCtx } from '../../core/context.ts';

describe.each(databaseKinds)('audit log on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  beforeAll(async () => {
    p = await startTestPlatform(kind);
  });
  afterAll(() => p?.close());

  it('records writes with who, what, target, outcome and client address, and lists them with filters', async () => {
    const admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    await p.app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: admin,
      payload: { code: 'AUDIT1', name: '审计测试局', kind: 'department' },
    });
    const res = await p.app.inject({
      method: 'GET',
      url: '/api/audit?action=department.&pageSize=5',
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    const [entry] = res.json().items;
    expect(entry).toMatchObject({
      actorName: 'admin',
      action: 'department.create',
      targetType: 'department',
      targetName: '审计测试局',
      outcome: 'ok',
      clientIp: '127.0.0.1',
    });
    expect(entry.detail).toMatchObject({ code: 'AUDIT1' });
    const byOutcome = await p.app.inject({ method: 'GET', url: '/api/audit?outcome=denied', headers: admin });
    expect(byOutcome.json().total).toBe(0);
    const actions = await p.app.inject({ method: 'GET', url: '/api/audit/actions', headers: admin });
    expect(actions.json()).toEqual(
      expect.arrayContaining(['auth.login', 'department.create', 'user.create']),
    );
  });

  it('names users, departments and resources by their names today, and leaves other targets unnamed', async () => {
    const admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: 'audit.named',
        displayName: '审计张三',
        departmentId: null,
        roles: ['steward'],
        password: 'Audit#Named2026',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [resource] = await p.modules.catalog.service.listAll(systemCtx(), {});
    const audit = p.modules.audit.service;
    for (const [targetType, targetId] of [
      ['resource', resource!.code],
      ['download.csv', resource!.code],
      ['resource', 'no_such_resource'],
      ['application', '1'],
    ])
      await audit.recordNow(systemCtx(), { action: 'test.named', targetType, targetId });
    const named = await p.app.inject({ method: 'GET', url: '/api/audit?action=test.named', headers: admin });
    expect(named.json().items.map((e: { targetName: string | null }) => e.targetName)).toEqual([
      null,
      null,
      resource!.name,
      resource!.name,
    ]);
    const user = await p.app.inject({ method: 'GET', url: '/api/audit?action=user.create', headers: admin });
    expect(user.json().items[0]).toMatchObject({ targetType: 'user', targetName: '审计张三（audit.named）' });
  });

  it('keeps one unbroken chain when many writes race', async () => {
    const audit = p.modules.audit.service;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        audit.recordNow(systemCtx(), { action: 'test.race', targetId: i }),
      ),
    );
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: true, brokenAt: null });
    expect(result.checked).toBeGreaterThanOrEqual(42);
  });

  it('refuses updates and deletes of entries', async () => {
    await expect(
      p.database.db.execute(sql`update audit.entries set outcome = 'ok' where id = 1`),
    ).rejects.toThrow();
    await expect(p.database.db.execute(sql`delete from audit.entries where id = 1`)).rejects.toThrow();
  });

  it('names the entry that was edited by hand, bypassing the guard', async () => {
    const target = await p.modules.audit.service.recordNow(systemCtx(), {
      action: 'test.tamper',
      detail: { rows: 10 },
    });
    await p.modules.audit.service.recordNow(systemCtx(), { action: 'test.after' });
    await p.database.db.execute(sql`alter table audit.entries disable trigger entries_append_only`);
    await p.database.db.execute(sql`update audit.entries set detail = '{"rows": 1}' where id = ${target}`);
    await p.database.db.execute(sql`alter table audit.entries enable trigger entries_append_only`);
    const result = await p.modules.audit.service.verify();
    expect(result).toMatchObject({ ok: false, brokenAt: target });
    expect(result.reason).toMatch(/edited/);
  });
});
