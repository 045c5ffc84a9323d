// 随手拍 in Debian's Chromium at phone size: a resident takes a photo (made smaller on the phone), picks the place
// on the district map, writes what is wrong and takes the suggested category, sends it and lands on the report;
// 城管局 answers in the console's API; the resident sees the reply in the timeline and rates it; the list shows it.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { artifacts, browserSession, idNumber, repoRoot } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword });

const resident = {
  username: 'resident.e2e',
  displayName: '赵六',
  password: 'Res#E2e2026x',
  idNumber: idNumber('43011219920202123'),
};
const cgj = { username: 'cgj.report.e2e', displayName: '城管局办理员', password: 'Cgj#E2e2026x' };

// A real picture for the phone to decode, shrink and re-encode as JPEG: the app's own icon.
const png = fs.readFileSync(path.join(repoRoot, 'web/public/m/icon-512.png'));

/** Creates a user as the admin and lets them set their own password; returns nothing. */
async function makeUser(
  admin: Page,
  user: { username: string; displayName: string; password: string },
  extra: Record<string, unknown>,
) {
  const initial = `${user.password}-initial`;
  const created = await admin.request.post('/api/users', {
    data: { username: user.username, displayName: user.displayName, password: initial, ...extra },
  });
  expect(created.status(), await created.text()).toBe(201);
  const page = await session.newPage();
  await page.request.post('/api/auth/login', { data: { username: user.username, password: initial } });
  const changed = await page.request.post('/api/auth/password', {
    data: { currentPassword: initial, newPassword: user.password },
  });
  expect(changed.status()).toBe(204);
}

describe('随手拍 in the citizen app', () => {
  test('a resident reports with a photo and a place on the map, follows it to the reply and rates it', async () => {
    const admin = await session.signIn('admin', adminPassword);
    const departments = await admin.request.get('/api/departments', { params: { pageSize: 500 } });
    const cgjId = ((await departments.json()).items as { id: number; code: string }[]).find(
      (d) => d.code === 'CGJ',
    )!.id;
    await makeUser(admin, resident, { departmentId: null, roles: ['citizen'], idNumber: resident.idNumber });
    await makeUser(admin, cgj, { departmentId: cgjId, roles: ['department_user'] });

    const phone = await session.browser.newContext({
      baseURL: session.server.url,
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      hasTouch: true,
      isMobile: true,
    });
    const page = await phone.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.setDefaultTimeout(15_000);
    await page.request.post('/api/auth/login', {
      data: { username: resident.username, password: resident.password },
    });

    await page.goto('/m/report');
    await page
      .getByTestId('report-photo-input')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.locator('[data-testid="report-photos"] img').count()).toBe(1);
    await page.getByText('在地图上选择').click();
    const map = page.getByTestId('report-map');
    await map.waitFor();
    const box = (await map.boundingBox())!;
    // The middle of the district's frame is inside it (望城区 is roughly round); the click waits for the popup to
    // stop sliding in.
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.getByTestId('report-map-point').waitFor();
    await page.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByTestId('report-place').textContent()).toMatch(/街道|镇/);
    await page
      .getByTestId('report-content')
      .locator('textarea')
      .first()
      .fill('郭亮中路人行道上的井盖缺了一块，晚上很危险，差点有人掉进去');
    await page.getByText('井盖缺失或破损').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'citizen-report-form.png'), fullPage: true });
    await page.getByTestId('report-submit').click();
    await page.waitForURL(/\/m\/reports\/\d+$/);
    await expect
      .poll(() => page.getByTestId('report-stage').first().getAttribute('data-stage'))
      .toBe('dispatched');
    await expect.poll(() => page.locator('[data-testid="report-detail-photos"] img').count()).toBe(1);
    const number = page.url().split('/').at(-1)!;

    // 城管局 takes it and answers.
    const department = await session.newPage();
    await department.request.post('/api/auth/login', {
      data: { username: cgj.username, password: cgj.password },
    });
    for (const body of [{ action: 'accept' }, { action: 'reply', reply: '已更换井盖，感谢您的反映。' }]) {
      const res = await department.request.post(`/api/events/cases/${number}/actions`, { data: body });
      expect(res.status(), await res.text()).toBe(200);
    }

    await page.reload();
    await page.getByTestId('report-reply').getByText('已更换井盖，感谢您的反映。').waitFor();
    await page.getByTestId('report-steps').getByText('城管局 已答复').waitFor();
    await page.getByTestId('report-rating').getByText('满意', { exact: true }).click();
    await page.getByTestId('report-rate-submit').click();
    await page.getByTestId('report-rated').getByText('您的评价：满意').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'citizen-report-detail.png'), fullPage: true });

    await page.goto('/m/reports');
    await expect.poll(() => page.getByTestId('report-item').count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'citizen-report-list.png'), fullPage: true });
    await phone.close();
    expect(errors).toEqual([]);
  });
});
