// The home page as each role's dashboard, in Debian's Chromium against a real server: the admin sees a to-do (an
// offline device of 城管局) and clicking it opens the device list filtered to where it is done; 城管局's user sees
// its own to-dos, figures and cases by due time, without the district's counts.
import { describe, expect, test } from 'vitest';
import { browserSession, preferEnglish } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword, env: { ONECITY_SIMULATE: 'off' } });

const cgj = { username: 'cgj.home', password: 'Cgj#Home2026xx' };
const device = { code: 'MH-HOME-0001', name: '郭亮中路99号井盖' };

/** 城管局's id, as the admin (signed in on the test's page) reads it. */
async function cgjDepartment() {
  const departments = await session.page.request.get('/api/departments', { params: { pageSize: 500 } });
  const { items } = (await departments.json()) as { items: { id: number; code: string }[] };
  return items.find((d) => d.code === 'CGJ')!.id;
}

/** As the admin: a manhole cover of 城管局 that never connected (so offline), registered once for the file. */
async function offlineDevice() {
  const listed = await session.page.request.get(`/api/iot/devices/${device.code}`);
  if (listed.status() === 200) return;
  const registered = await session.page.request.post('/api/iot/devices', {
    data: {
      code: device.code,
      profileCode: 'manhole',
      name: device.name,
      lng: 112.8215,
      lat: 28.3702,
      departmentId: await cgjDepartment(),
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
}

describe('the home page as a dashboard', () => {
  test('shows the admin a to-do, and clicking it opens the list where it is done', async () => {
    await session.signIn('admin', adminPassword);
    await offlineDevice();
    await session.page.goto('/');
    const todo = session.page.getByTestId('todo-offlineDevices');
    await expect.poll(() => todo.textContent()).toContain('离线设备');
    expect(await todo.textContent()).toContain('1');
    // The center still sees the district's counts, beside its figures.
    await session.page.getByTestId('stat-departments').waitFor();
    await expect.poll(() => session.page.getByTestId('figure-devicesOffline').textContent()).toContain('1');
    await session.shot('dashboard-admin', { fullPage: false });

    await todo.click();
    await session.page.waitForURL(/\/iot\/devices\?status=offline$/);
    await session.page.getByRole('cell', { name: device.code }).waitFor();
    await expect.poll(() => session.page.locator('tbody tr.ant-table-row').count()).toBe(1);
    await session.shot('dashboard-admin-todo-opened', { fullPage: false });
  });

  test('says the to-dos in English', async () => {
    await preferEnglish(session.page);
    await session.signIn('admin', adminPassword);
    await offlineDevice();
    await session.page.goto('/');
    await expect
      .poll(() => session.page.getByTestId('todo-offlineDevices').textContent())
      .toContain('Offline devices');
    await expect
      .poll(() => session.page.getByTestId('dashboard-figures').textContent())
      .toContain('The district today');
  });

  test("shows 城管局's user its own to-dos, figures and cases by due time, not the district's counts", async () => {
    await session.signIn('admin', adminPassword);
    await offlineDevice();
    const admin = session.page.request;
    const initial = `${cgj.password}-initial`;
    const created = await admin.post('/api/users', {
      data: {
        username: cgj.username,
        displayName: '城管局科员',
        departmentId: await cgjDepartment(),
        roles: ['department_user'],
        password: initial,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    // A case dispatched to 城管局 at the desk: a manhole cover, due in 4 hours.
    const received = await admin.post('/api/events/cases', {
      data: { content: '郭亮中路99号井盖破损', categoryCode: 'city.manhole', dispatch: true },
    });
    expect(received.status(), await received.text()).toBe(201);

    // An account an admin made must change its password before anything else.
    const own = await session.newPage();
    expect(
      (
        await own.request.post('/api/auth/login', { data: { username: cgj.username, password: initial } })
      ).status(),
    ).toBe(200);
    const changed = await own.request.post('/api/auth/password', {
      data: { currentPassword: initial, newPassword: cgj.password },
    });
    expect(changed.status()).toBe(204);
    await own.goto('/');

    await expect.poll(() => own.getByTestId('todo-caseInbox').textContent()).toContain('1');
    await expect.poll(() => own.getByTestId('todo-offlineDevices').textContent()).toContain('1');
    await expect.poll(() => own.getByTestId('dashboard-figures').textContent()).toContain('本部门概况');
    await expect.poll(() => own.getByTestId('figure-devicesTotal').textContent()).toContain('1');
    const due = own.getByTestId('dashboard-due');
    await due.getByTestId('due-chart').waitFor();
    const dueNow = [own.getByTestId('due-today'), own.getByTestId('due-within3Days')];
    // Four hours from now is today, or tomorrow late in the evening.
    await expect
      .poll(async () => (await Promise.all(dueNow.map((d) => d.textContent()))).join(' '))
      .toMatch(/1/);
    expect(await own.getByTestId('stat-departments').count()).toBe(0);
    await session.shot('dashboard-department', { on: own, fullPage: false });

    await own.getByTestId('todo-caseInbox').click();
    await own.waitForURL(/\/events\/cases\?tab=inbox$/);
    await expect.poll(() => own.locator('tbody tr.ant-table-row').count()).toBe(1);
  });
});
