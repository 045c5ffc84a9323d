// Drives the 12345 case pipeline (一网统管 · 一呼通) in Debian's Chromium against a real server, in Chinese: an operator
// takes a call at the desk, confirms the category and receives and dispatches it; 城管局's user finds it in 待我处理,
// accepts and replies; the operator reviews, calls back (满意) and the case shows 已办结 with its whole history. A grid
// inspector reports from a phone-sized window with a photo and the phone's position.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSession, preferEnglish } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword });

type User = { username: string; displayName: string; department: string; roles: string[]; password: string };
const operator: User = {
  username: 'op.e2e',
  displayName: '话务员小李',
  department: 'SJZX',
  roles: ['operator'],
  password: 'Op#E2e2026xx',
};
const cgj: User = {
  username: 'cgj.e2e',
  displayName: '城管局办理员',
  department: 'CGJ',
  roles: ['department_user'],
  password: 'Cgj#E2e2026x',
};
// The grid inspector works for 高塘岭街道's office (found by name: its code comes from the divisions).
const inspector: User = {
  username: 'wgy.e2e',
  displayName: '网格员小王',
  department: '高塘岭',
  roles: ['inspector'],
  password: 'Wgy#E2e2026x',
};

const call = {
  name: '张三丰',
  phone: '13812345678',
  content: '郭亮中路人行道上的井盖缺了一块，晚上有行人差点掉进去，请尽快处理',
  address: '望城区高塘岭街道郭亮中路88号',
};

// The smallest PNG: 1×1, one transparent pixel.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/**
 * Creates a user as the admin (the test's page, signed in as the admin) with an initial password, which the user
 * then changes through the API as an account made by an admin must; nothing when the user exists already.
 */
async function ensureUser(user: User) {
  const existing = await session.page.request.get('/api/users', { params: { q: user.username } });
  expect(existing.status()).toBe(200);
  if ((await existing.json()).items.some((u: { username: string }) => u.username === user.username)) return;
  const departments = await session.page.request.get('/api/departments', { params: { pageSize: 500 } });
  const { items } = (await departments.json()) as { items: { id: number; code: string; name: string }[] };
  const department = items.find((d) => d.code === user.department || d.name.startsWith(user.department));
  expect(department, user.department).toBeDefined();
  const initial = `${user.password}-initial`;
  const created = await session.page.request.post('/api/users', {
    data: {
      username: user.username,
      displayName: user.displayName,
      departmentId: department!.id,
      roles: user.roles,
      password: initial,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const page = await session.newPage();
  expect(
    (
      await page.request.post('/api/auth/login', { data: { username: user.username, password: initial } })
    ).status(),
  ).toBe(200);
  const changed = await page.request.post('/api/auth/password', {
    data: { currentPassword: initial, newPassword: user.password },
  });
  expect(changed.status()).toBe(204);
}

/** The admin signed in on the test's page, and the test's users made. */
async function prepared() {
  await session.signIn('admin', adminPassword);
  for (const user of [operator, cgj, inspector]) await ensureUser(user);
}

/** A page of the user's own, signed in, on `path`. */
const pageOf = async (user: User, path = '/') =>
  session.signIn(user.username, user.password, { on: await session.newPage(), path });

/** Picks `label` in the antd select with the test id, typing `search` to find it. */
async function choose(page: Page, testId: string, search: string, label: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(search);
  // Only options that start with the label and are shown: a closed dropdown stays in the page, hidden, and its
  // options may hold the same words (a category names its department).
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${label}`), visible: true })
    .first()
    .click();
}

/** Takes the action on the open case page: its button, then the modal's confirm; waits for the new status. */
async function act(page: Page, action: string, status: string, fill?: () => Promise<void>) {
  await page.getByTestId(`case-action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill?.();
  await page.getByTestId('action-confirm').click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => page.getByTestId('case-status').textContent()).toBe(status);
}

describe('events: a 12345 call from the desk to closing', () => {
  test('the operator takes the call, 城管局 replies, the operator reviews and calls back: 已办结', async () => {
    await prepared();

    // The desk: a call in progress.
    const desk = await pageOf(operator);
    await desk.getByRole('menuitem', { name: '受理台' }).click();
    await desk.waitForURL(/\/events\/desk$/);
    await desk.getByLabel('来电人姓名').fill(call.name);
    await desk.getByLabel('联系电话').fill(call.phone);
    await desk.getByTestId('desk-content').fill(call.content);
    await desk.getByTestId('desk-address').fill(call.address);
    // The category must be confirmed by the operator: without it nothing is received.
    await desk.getByTestId('desk-dispatch').click();
    await desk.getByText('请确认事件类别').waitFor();
    await choose(desk, 'desk-category', '井盖', '井盖缺失或破损');
    await session.shot('events-desk', { on: desk });
    await desk.getByTestId('desk-dispatch').click();
    const done = desk.getByTestId('desk-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('已受理，工单编号');
    expect(await done.textContent()).toContain('已派单');
    const number = ((await desk.getByTestId('desk-done-link').textContent()) ?? '').match(/\d{13}/)?.[0];
    expect(number).toBeDefined();
    // The form is clear for the next call.
    expect(await desk.getByTestId('desk-content').inputValue()).toBe('');

    // 城管局 finds it in its inbox, accepts and replies.
    const department = await pageOf(cgj);
    await department.getByRole('menuitem', { name: '工单' }).click();
    await department.waitForURL(/\/events\/cases/);
    await department.getByTestId('cases-tab-inbox').click();
    const row = department.getByTestId('cases-table').getByRole('row', { name: new RegExp(number!) });
    await row.waitFor();
    expect(await row.textContent()).toContain('井盖缺失或破损');
    expect(await row.textContent()).toContain('已派单');
    expect(await row.textContent()).toMatch(/剩余/);
    await session.shot('events-inbox', { on: department });
    await row.getByRole('link', { name: number! }).click();
    await department.waitForURL(new RegExp(`/events/cases/${number}$`));
    // The department sees the contact masked until it asks.
    expect(await department.getByTestId('case-phone').textContent()).toBe('138****5678');
    await act(department, 'accept', '已签收');
    await act(department, 'reply', '已答复', () =>
      department.getByTestId('action-reply').fill('已于当日更换井盖，并设置警示标志'),
    );
    // Replied, the department has nothing more to do.
    await expect.poll(() => department.getByTestId('case-actions').getByRole('button').count()).toBe(0);

    // The operator reviews and calls back.
    await desk.goto(`/events/cases/${number}`);
    await desk.getByTestId('case-reply').getByText('已于当日更换井盖').waitFor();
    await act(desk, 'review', '已审核');
    await act(desk, 'callback', '已办结', async () => {
      await desk.getByTestId('action-satisfaction').getByText('满意', { exact: true }).click();
    });
    expect(await desk.getByTestId('case-satisfaction').textContent()).toBe('满意');

    // The whole history: who, what, in order.
    const steps = desk.getByTestId('case-step');
    await expect
      .poll(async () => steps.evaluateAll((all) => all.map((s) => s.getAttribute('data-action'))))
      .toEqual(['receive', 'dispatch', 'accept', 'reply', 'review', 'callback']);
    const history = (await desk.getByTestId('case-history').textContent()) ?? '';
    for (const text of ['受理', '派单', '签收', '答复', '审核', '回访', '话务员小李', '城管局办理员', '满意'])
      expect(history).toContain(text);

    // The full contact, after confirming (the read is audited).
    await desk.getByTestId('case-show-contact').click();
    await desk.getByTestId('contact-confirm').click();
    await expect.poll(() => desk.getByTestId('case-phone').textContent()).toBe(call.phone);
    await session.shot('events-case-closed', { on: desk });

    // 已办结 in the list too.
    await desk.goto(`/events/cases?tab=all&q=${number}`);
    const closed = desk.getByTestId('cases-table').getByRole('row', { name: new RegExp(number!) });
    await closed.waitFor();
    expect(await closed.textContent()).toContain('已办结');
    expect(await closed.textContent()).toContain('按时办结');
  });
});

describe('events: the desk finds a duplicate', () => {
  test('a second call about the same problem is merged (并案) into the open case', async () => {
    await prepared();
    const desk = await pageOf(operator, '/events/desk');
    const first = await desk.request.post('/api/events/cases', {
      data: {
        content: '金星大道路灯坏了好几盏，晚上一片漆黑',
        address: '望城区金星大道',
        categoryCode: 'city.streetlight',
      },
    });
    expect(first.status(), await first.text()).toBe(201);
    const open = (await first.json()).number as string;

    await desk.getByTestId('desk-content').fill('金星大道的路灯坏了好几盏，晚上漆黑一片');
    await choose(desk, 'desk-category', '路灯', '路灯故障');
    const duplicate = desk.getByTestId('desk-duplicates').locator('.ant-list-item').filter({ hasText: open });
    await duplicate.waitFor();
    expect(await duplicate.textContent()).toContain('相似度');
    await duplicate.getByTestId('desk-merge').click();
    await desk.getByTestId('merge-confirm').click();
    const done = desk.getByTestId('desk-done');
    await done.waitFor();
    expect(await done.textContent()).toContain(`已并入工单 ${open}`);
    expect(await done.textContent()).toContain('已并案');

    // The open case records the merged call.
    await desk.goto(`/events/cases/${open}`);
    await desk.locator('[data-testid="case-step"][data-action="merged_in"]').waitFor();
  });
});

describe('events: returned and dispatched by hand', () => {
  test('城管局 returns a case with its reason; the desk sends it to 生态环境分局 by hand; refusals show in Chinese', async () => {
    await prepared();
    const desk = await pageOf(operator);
    const made = await desk.request.post('/api/events/cases', {
      data: {
        content: '小区旁边的工厂排放黑烟，气味刺鼻',
        address: '望城区高塘岭街道',
        categoryCode: 'city.garbage',
        reporterName: '李四',
        reporterPhone: '13900001111',
        dispatch: true,
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    const number = (await made.json()).number as string;

    const department = await pageOf(cgj, `/events/cases/${number}`);
    await department.getByTestId('case-action-return').waitFor();
    await department.getByTestId('case-action-return').click();
    // No reason, no return.
    await department.getByTestId('action-confirm').click();
    await department.getByRole('dialog').getByText('请填写原因').waitFor();
    await department.getByTestId('action-reason').fill('属于大气污染，非城管职责');
    await department.getByTestId('action-confirm').click();
    await expect.poll(() => department.getByTestId('case-status').textContent()).toBe('已退单');
    // Returned, it is no longer 城管局's to act on.
    await expect.poll(() => department.getByTestId('case-actions').getByRole('button').count()).toBe(0);

    // The desk's inbox has it back.
    await desk.goto('/events/cases');
    await desk.getByTestId('cases-tab-inbox').click();
    const row = desk.getByTestId('cases-table').getByRole('row', { name: new RegExp(number) });
    await row.waitFor();
    expect(await row.textContent()).toContain('已退单');
    await row.getByRole('link', { name: number }).click();
    await desk.waitForURL(new RegExp(`/events/cases/${number}$`));
    await desk.getByTestId('case-history').getByText('属于大气污染，非城管职责').waitFor();

    // Merging into a case that does not exist: the server's refusal, in Chinese, on the field.
    await desk.getByTestId('case-action-merge').click();
    await desk.getByTestId('action-into').fill('2000010100001');
    await desk.getByTestId('action-confirm').click();
    await desk.getByRole('dialog').getByText('请并入另一件未办结的工单').waitFor();
    await desk.getByRole('dialog').getByRole('button', { name: '取 消' }).click();

    await desk.getByTestId('case-action-dispatch').click();
    await choose(desk, 'action-category', '大气', '大气与水污染');
    await choose(desk, 'action-department', '生态', '生态环境分局');
    await desk.getByTestId('action-confirm').click();
    await expect.poll(() => desk.getByTestId('case-status').textContent()).toBe('已派单');
    expect(await desk.getByTestId('case-department').textContent()).toBe('生态环境分局');
    await desk.getByTestId('case-history').getByText('→ 生态环境分局').waitFor();
  });
});

describe('events: in English', () => {
  test('the case list and its labels', async () => {
    await prepared();
    const page = await session.newPage();
    await preferEnglish(page);
    await session.signIn(operator.username, operator.password, { on: page, path: '/events/cases?tab=all' });
    // At least one case to list, when this test runs alone.
    const made = await page.request.post('/api/events/cases', {
      data: { content: '噪声扰民，夜间施工', categoryCode: 'construction.site' },
    });
    expect(made.status(), await made.text()).toBe(201);
    await page.reload();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await page.getByTestId('cases-tab-overdue').getByText('Overdue').waitFor();
    await expect.poll(() => page.getByTestId('case-status').count()).toBeGreaterThan(0);
    const statuses = await page.getByTestId('case-status').allTextContents();
    expect(statuses.every((s) => /^[A-Z][a-z ]+$/.test(s))).toBe(true);
  });
});

describe('events: the grid inspector on a phone', () => {
  test('reports with a photo and the phone’s position at 375 px, and sees the report below', async () => {
    await prepared();
    const page = await session.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ longitude: 112.8193, latitude: 28.3479 });
    await session.signIn(inspector.username, inspector.password, { on: page, path: '/events/grid' });
    await page.getByTestId('grid-content').waitFor();
    // Nothing reported yet.
    await page.getByTestId('grid-mine').getByText('还没有上报记录').waitFor();
    // Nothing on the page reaches past the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByTestId('grid-content').fill('雷锋大道小区门口垃圾堆放多日未清运，气味很大');
    await choose(page, 'grid-category', '垃圾', '垃圾清运与乱堆放');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    await page
      .locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)')
      .first()
      .waitFor();
    await page.getByTestId('grid-locate').click();
    await page.getByTestId('grid-position').getByText('112.81930, 28.34790').waitFor();
    await session.shot('events-grid', { on: page, fullPage: false });
    await page.getByTestId('grid-submit').click();
    const done = page.getByTestId('grid-done');
    await done.waitFor();
    const number = ((await done.textContent()) ?? '').match(/\d{13}/)?.[0];
    expect(number).toBeDefined();
    // Dispatched by the rules, listed under 我的上报.
    const mine = page.getByTestId('grid-mine');
    await mine.getByText(number!).waitFor();
    expect(await mine.textContent()).toContain('已派单');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The case carries the photo and the point.
    await mine.getByRole('link', { name: number! }).click();
    await page.waitForURL(new RegExp(`/events/cases/${number}$`));
    const photo = page.getByTestId('case-media').locator('img').first();
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
    await page.getByText('经度 112.819300，纬度 28.347900').waitFor();
  });
});
