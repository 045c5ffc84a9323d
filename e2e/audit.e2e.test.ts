// Drives the audit log page in Debian's Chromium against a real server: each action and target is named in the
// page's language (a department by its name, not its id), in Chinese and in English.
import { describe, expect, test } from 'vitest';
import { browserSession, preferEnglish } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword, demo: 'none' });

/** A department made through the API (the admin signed in on the test's page), once; its id. */
async function department() {
  const api = session.page.request;
  const found = await (await api.get('/api/departments?q=AUDITE2E')).json();
  const existing = found.items.find((d: { code: string }) => d.code === 'AUDITE2E');
  if (existing) return existing.id as number;
  const created = await api.post('/api/departments', {
    data: { code: 'AUDITE2E', name: '审计演示局', kind: 'department' },
  });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()).id as number;
}

describe('audit log page', () => {
  test('names actions and targets in Chinese', async () => {
    await session.signIn('admin', adminPassword);
    const id = await department();
    await session.page.goto('/audit?action=department.create');
    const row = session.page.getByRole('row', { name: /创建部门/ }).first();
    await row.waitFor();
    const target = row.locator('[data-testid^="audit-target-"]');
    await expect.poll(() => target.textContent()).toContain('部门审计演示局');
    expect(await target.textContent()).toContain(String(id));
    // Sign-ins name the user, kind and all.
    await session.page.goto('/audit?action=auth.login');
    const login = session.page.getByRole('row', { name: /登录/ }).first();
    await expect
      .poll(() => login.locator('[data-testid^="audit-target-"]').textContent())
      .toMatch(/^用户.*admin/);
  });

  test('names actions and targets in English', async () => {
    await preferEnglish(session.page);
    await session.signIn('admin', adminPassword);
    await department();
    await session.page.goto('/audit?action=department.create');
    const row = session.page.getByRole('row', { name: /Create department/ }).first();
    await row.waitFor();
    await expect
      .poll(() => row.locator('[data-testid^="audit-target-"]').textContent())
      .toContain('Department审计演示局');
    await session.shot('audit-names');
  });

  test('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
