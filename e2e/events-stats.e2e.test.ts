// Drives the events statistics, early-warning and category pages in Chromium against a real server: the figures
// of a case opened through the API, the map's note, the warnings' empty state, and a category added in the form.
import { describe, expect, test } from 'vitest';
import { browserSession } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword, demo: 'none' });

describe('events statistics pages', () => {
  test('shows the figures, the map and the warnings, and adds a category', async () => {
    await session.signIn('admin', adminPassword);
    const page = session.page;
    const created = await page.request.post('/api/events/cases', {
      data: { content: '井盖缺失', categoryCode: 'city.manhole', lng: 112.82, lat: 28.36, dispatch: true },
    });
    expect(created.status(), await created.text()).toBe(201);

    await page.goto('/events/statistics');
    await expect.poll(() => page.getByTestId('stats-received').textContent()).toContain('1');
    await page.getByTestId('stats-by-department').getByText('城管局').waitFor();
    await expect.poll(() => page.getByTestId('case-map-note').textContent()).toContain('近似');
    await page.getByTestId('case-map').waitFor();

    await page.goto('/events/warnings');
    await page.getByText(/没有触发预警的聚集/).waitFor();

    await page.goto('/events/categories');
    await page.getByTestId('categories-table').getByText('井盖缺失或破损').waitFor();
    await page.getByTestId('category-create').click();
    const form = page.getByTestId('category-form');
    await form.getByLabel('编码').fill('city.e2e_test');
    await form.getByLabel('类别').fill('端到端测试类别');
    await form.getByLabel('责任部门').fill('城管局');
    await form.getByLabel('责任部门').press('Enter');
    await form.getByLabel('办理时限').fill('bad');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('时限写作 4h 或 3wd').waitFor();
    await form.getByLabel('办理时限').fill('8h');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('categories-table').getByText('端到端测试类别').waitFor();
  });
});
