// Drives the web console in Debian's Chromium against a real server: sign-in, home, language, departments, users.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, openPage, repoRoot, startServer, type TestServer } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const artifacts = path.join(repoRoot, 'e2e/artifacts');

let server: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  server = await startServer(adminPassword);
  browser = await launchChromium();
  page = await openPage(browser, server.url, pageErrors);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs in through the form on the sign-in page. */
async function signIn(username: string, password: string) {
  await page.getByLabel(/用户名|User name/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByTestId('login-submit').click();
}

/** Waits until the district map has drawn and its entry animation has finished. */
async function waitForMap() {
  const canvas = page.getByTestId('district-map').locator('canvas').first();
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  expect(box?.width).toBeGreaterThan(300);
  expect(box?.height).toBeGreaterThan(300);
  await page.waitForTimeout(1500);
}

describe('web console', () => {
  test('sends a visitor to sign in and explains a wrong password', async () => {
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await signIn('admin', 'not-the-password');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
  });

  test('signs the admin in to the home page with the overview figures and the district map', async () => {
    await signIn('admin', adminPassword);
    await page.getByTestId('home-title').filter({ hasText: '望城区 数据资源中心' }).waitFor();
    const overview = (await (await page.request.get('/api/overview')).json()) as Record<string, number>;
    expect(overview.subdistricts).toBe(16);
    for (const [key, value] of Object.entries(overview)) {
      await expect
        .poll(() => page.getByTestId(`stat-${key}`).textContent())
        .toContain(value.toLocaleString('zh-CN'));
    }
    await expect.poll(() => page.getByTestId('stat-departments').textContent()).toContain('部门');
    await expect.poll(() => page.getByTestId('subdistrict-list').textContent()).toContain('高塘岭街道');
    await waitForMap();
    // The README shows the console as a Chinese user first sees it.
    await page.screenshot({ path: path.join(repoRoot, 'docs/screenshot.png') });
    await page.screenshot({ path: path.join(artifacts, 'home.png') });
  });

  test('switches to English and remembers the choice', async () => {
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('menuitem', { name: 'Departments' }).waitFor();
    await page.getByTestId('home-title').filter({ hasText: 'Data Resource Center' }).waitFor();
    await expect.poll(() => page.getByTestId('stat-users').textContent()).toContain('Users');
    await page.reload();
    await page.getByRole('menuitem', { name: 'Audit log' }).waitFor();
    await waitForMap();
    await page.screenshot({ path: path.join(artifacts, 'home-en.png') });
  });

  test('creates a department through the form, showing the server’s field errors on the fields', async () => {
    await page.getByRole('menuitem', { name: 'Departments' }).click();
    await page.waitForURL(/\/departments$/);
    await page.getByRole('cell', { name: '公安分局' }).waitFor();

    await page.getByTestId('department-create').click();
    const form = page.getByTestId('department-form');
    // A code that is taken: only the server knows, and its answer must land on the code field.
    await form.getByLabel('Code').fill('GAFJ');
    await form.getByLabel('Name', { exact: true }).fill('数据共享测试科');
    await form.getByLabel('Contact person').fill('张三');
    await form.getByLabel('Phone').fill('0731-88888888');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await form.getByText('Code GAFJ is already used').waitFor();

    await form.getByLabel('Code').fill('sjgx-test');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByText('Department “数据共享测试科” created').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await page.getByTestId('department-search').getByRole('searchbox').fill('SJGX');
    await page.getByTestId('department-search').getByRole('searchbox').press('Enter');
    // The search leaves exactly the new department in the table.
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
    const row = page.getByRole('row', { name: /SJGX-TEST/ });
    expect(await row.textContent()).toContain('数据共享测试科');
    expect(await row.textContent()).toContain('0731-88888888');
    await page.screenshot({ path: path.join(artifacts, 'departments.png') });
  });

  test('creates a user whose generated password must be changed at first sign-in', async () => {
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByTestId('user-create').click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('User name').fill('zhang.san');
    await form.getByLabel('Name', { exact: true }).fill('张三');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'I have saved it' }).waitFor();
    // Let the dialog finish its opening animation so the screenshot shows it.
    await page.waitForTimeout(500);
    const password = (await page.getByTestId('secret-value').textContent())?.trim() ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: path.join(artifacts, 'user-created.png') });
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await page.getByRole('row', { name: /zhang\.san/ }).waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await signIn('zhang.san', password);
    await page.waitForURL(/\/change-password$/);
    await page.getByLabel('Current password').fill(password);
    await page.getByLabel('New password', { exact: true }).fill('Zhang#San2026');
    await page.getByLabel('Confirm new password').fill('Zhang#San2026');
    await page.getByTestId('change-password-card').getByRole('button', { name: 'Change password' }).click();
    await page.getByTestId('home-title').waitFor();
    // A department user sees departments, but not user administration or the audit log.
    await page.getByRole('menuitem', { name: 'Departments' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Users' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Audit log' }).count()).toBe(0);
    await page.goto('/audit');
    await page.getByText('Access denied').waitFor();
  });

  test('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
