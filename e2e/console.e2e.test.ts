// Drives the web console in Debian's Chromium against a real server: sign-in, home, language, departments, users.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { browserSession, preferEnglish, repoRoot, untilStill } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword });

/** Signs in through the form on the sign-in page. */
async function signIn(username: string, password: string) {
  await session.page.getByLabel(/用户名|User name/).fill(username);
  await session.page.getByLabel(/^(密码|Password)$/).fill(password);
  await session.page.getByTestId('login-submit').click();
}

/** Waits until the district map has drawn its subdistricts and the page has stopped moving. */
async function waitForMap() {
  const map = session.page.getByTestId('district-map');
  await map.getByTestId('district-map-point').first().waitFor();
  expect(await map.getByTestId('district-map-point').count()).toBe(16);
  const box = await map.boundingBox();
  expect(box?.width).toBeGreaterThan(300);
  expect(box?.height).toBeGreaterThan(300);
  await untilStill(session.page);
}

/** Signs the test's page in as the admin, on the home page, in English as if chosen on an earlier visit. */
async function adminInEnglish() {
  await preferEnglish(session.page);
  await session.signIn('admin', adminPassword);
  await session.page.getByTestId('home-title').filter({ hasText: 'Data Resource Center' }).waitFor();
}

describe('web console', () => {
  test('sends a visitor to sign in and explains a wrong password', async () => {
    await session.page.goto('/');
    await session.page.waitForURL(/\/login/);
    await signIn('admin', 'not-the-password');
    await expect
      .poll(() => session.page.getByTestId('login-error').textContent())
      .toContain('用户名或密码错误');
  });

  test('signs the admin in to the home page with the overview figures and the district map', async () => {
    await session.page.goto('/login');
    await signIn('admin', adminPassword);
    await session.page.getByTestId('home-title').filter({ hasText: '望城区 数据资源中心' }).waitFor();
    const response = await session.page.request.get('/api/overview');
    const overview = (await response.json()) as Record<string, number>;
    expect(overview.subdistricts).toBe(16);
    for (const [key, value] of Object.entries(overview)) {
      await expect
        .poll(() => session.page.getByTestId(`stat-${key}`).textContent())
        .toContain(value.toLocaleString('zh-CN'));
    }
    await expect.poll(() => session.page.getByTestId('stat-departments').textContent()).toContain('部门');
    await expect
      .poll(() => session.page.getByTestId('subdistrict-list').textContent())
      .toContain('高塘岭街道');
    await waitForMap();
    // The README shows the console as a Chinese user first sees it.
    await session.page.screenshot({ path: path.join(repoRoot, 'docs/screenshot.png') });
    await session.shot('home', { fullPage: false });
  });

  test('switches to English and remembers the choice', async () => {
    await session.signIn('admin', adminPassword);
    await session.page.getByTestId('home-title').filter({ hasText: '望城区 数据资源中心' }).waitFor();
    await session.page.getByTestId('language-switch').getByText('English').click();
    await session.page.getByRole('menuitem', { name: 'Departments' }).waitFor();
    await session.page.getByTestId('home-title').filter({ hasText: 'Data Resource Center' }).waitFor();
    await expect.poll(() => session.page.getByTestId('stat-users').textContent()).toContain('Users');
    await session.page.reload();
    await session.page.getByRole('menuitem', { name: 'Audit log' }).waitFor();
    await waitForMap();
    await session.shot('home-en', { fullPage: false });
  });

  test('creates a department through the form, showing the server’s field errors on the fields', async () => {
    await adminInEnglish();
    await session.page.getByRole('menuitem', { name: 'Departments' }).click();
    await session.page.waitForURL(/\/departments$/);
    await session.page.getByRole('cell', { name: '公安分局' }).waitFor();

    await session.page.getByTestId('department-create').click();
    const form = session.page.getByTestId('department-form');
    // A code that is taken: only the server knows, and its answer must land on the code field.
    await form.getByLabel('Code').fill('GAFJ');
    await form.getByLabel('Name', { exact: true }).fill('数据共享测试科');
    await form.getByLabel('Contact person').fill('张三');
    await form.getByLabel('Phone').fill('0731-88888888');
    await session.page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await form.getByText('Code GAFJ is already used').waitFor();

    await form.getByLabel('Code').fill('sjgx-test');
    await session.page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await session.page.getByText('Department “数据共享测试科” created').waitFor();
    await session.page.getByRole('dialog').waitFor({ state: 'hidden' });

    await session.page.getByTestId('department-search').getByRole('searchbox').fill('SJGX');
    await session.page.getByTestId('department-search').getByRole('searchbox').press('Enter');
    // The search leaves exactly the new department in the table.
    await expect.poll(() => session.page.locator('tbody tr.ant-table-row').count()).toBe(1);
    const row = session.page.getByRole('row', { name: /SJGX-TEST/ });
    expect(await row.textContent()).toContain('数据共享测试科');
    expect(await row.textContent()).toContain('0731-88888888');
    await session.shot('departments', { fullPage: false });
  });

  test('creates a user whose generated password must be changed at first sign-in', async () => {
    await adminInEnglish();
    await session.page.getByRole('menuitem', { name: 'Users' }).click();
    await session.page.getByTestId('user-create').click();
    const form = session.page.getByTestId('user-form');
    await form.getByLabel('User name').fill('zhang.san');
    await form.getByLabel('Name', { exact: true }).fill('张三');
    await session.page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await session.page.getByRole('button', { name: 'I have saved it' }).waitFor();
    const password = (await session.page.getByTestId('secret-value').textContent())?.trim() ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    await session.shot('user-created', { fullPage: false });
    await session.page.getByRole('button', { name: 'I have saved it' }).click();
    await session.page.getByRole('row', { name: /zhang\.san/ }).waitFor();

    await session.page.getByTestId('user-menu').click();
    await session.page.getByRole('menuitem', { name: 'Sign out' }).click();
    await session.page.waitForURL(/\/login/);
    await signIn('zhang.san', password);
    await session.page.waitForURL(/\/change-password$/);
    await session.page.getByLabel('Current password').fill(password);
    await session.page.getByLabel('New password', { exact: true }).fill('Zhang#San2026');
    await session.page.getByLabel('Confirm new password').fill('Zhang#San2026');
    await session.page
      .getByTestId('change-password-card')
      .getByRole('button', { name: 'Change password' })
      .click();
    await session.page.getByTestId('home-title').waitFor();
    // A department user sees departments, but not user administration or the audit log.
    await session.page.getByRole('menuitem', { name: 'Departments' }).waitFor();
    expect(await session.page.getByRole('menuitem', { name: 'Users' }).count()).toBe(0);
    expect(await session.page.getByRole('menuitem', { name: 'Audit log' }).count()).toBe(0);
    await session.page.goto('/audit');
    await session.page.getByText('Access denied').waitFor();
  });

  test('gives a citizen account its ID number, checked, and never shows it whole again', async () => {
    await adminInEnglish();
    await session.page.getByRole('menuitem', { name: 'Users' }).click();
    await session.page.getByTestId('user-create').click();
    const form = session.page.getByTestId('user-form');
    await form.getByLabel('User name').fill('li.si');
    await form.getByLabel('Name', { exact: true }).fill('李四');
    // The field is there for citizen accounts only.
    expect(await form.getByLabel('Citizen ID number').count()).toBe(0);
    await form.getByLabel('Roles').fill('Citizen');
    await form.getByLabel('Roles').press('Enter');
    await form.getByLabel('Citizen ID number').fill('430112199001011231');
    await session.page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await form.getByText('check digit is wrong').waitFor();
    await form.getByLabel('Citizen ID number').fill('430112199001011230');
    await session.page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await session.page.getByRole('button', { name: 'I have saved it' }).click();
    await session.page.getByRole('row', { name: /li\.si/ }).waitFor();
    const users = await (await session.page.request.get('/api/users?q=li.si')).json();
    expect(users.items.find((u: { username: string }) => u.username === 'li.si').idNumber).toBe(
      '430112********1230',
    );
  });

  test('draws the API docs (Swagger UI) under the content security policy', async () => {
    const res = await session.page.goto('/api/docs');
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await session.page.locator('.swagger-ui .info .title').filter({ hasText: 'OneCity API' }).waitFor();
    await session.page.locator('.swagger-ui .opblock').first().waitFor();
  });

  test('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
