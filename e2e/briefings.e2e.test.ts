// Drives the operations briefings archive in Chromium against a real server: the briefings the schedule made at
// start, the kind filter, generating one in the form (a running week refused on the field, last week made), the
// downloads, and a leader who reads but does not generate.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { artifacts, browserSession, todayInShanghai } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword, demo: 'none' });

describe('operations briefings page', () => {
  test('lists the archive, generates a briefing from the form and downloads it', async () => {
    await session.signIn('admin', adminPassword, { path: '/ioc/briefings' });
    const page = session.page;
    const table = page.getByTestId('briefings-table');
    // At start the schedule made last week's and last month's briefings.
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => table.getByText('定时', { exact: true }).count()).toBe(2);
    await page.getByTestId('briefing-kind').getByText('月报').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await table.getByText(/望数运月〔\d{4}〕第\d+期/).waitFor();
    await page.getByTestId('briefing-kind').getByText('全部').click();

    await page.getByTestId('briefing-generate').click();
    const form = page.getByTestId('briefing-generate-form');
    // This week is not over: the server's reason shows under the picker.
    await form.getByRole('textbox').click();
    await page.locator(`td[title="${todayInShanghai()}"]`).click();
    await page
      .getByRole('button', { name: /生\s*成/ })
      .last()
      .click();
    await form.getByText(/该期尚未结束/).waitFor();
    await session.shot('ioc-briefings-generate-refused', { fullPage: false });
    // Last week is.
    await form.getByRole('textbox').click();
    await page.locator(`td[title="${todayInShanghai(-7)}"]`).click();
    await page
      .getByRole('button', { name: /生\s*成/ })
      .last()
      .click();
    await page.getByText(/已生成 望数运简/).waitFor();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(3);
    await table.getByText('手动', { exact: true }).waitFor();
    await session.shot('ioc-briefings');

    const pdfLink = table.locator('a[href$="/pdf"]').first();
    const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toContain("filename*=UTF-8''%E8%BF%90%E8%90%A5");
    // The PDF as a viewer shows it, its pages kept as pictures beside the screenshots.
    const file = path.join(artifacts, 'ioc-briefing-weekly.pdf');
    fs.writeFileSync(file, await pdf.body());
    execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(artifacts, 'ioc-briefing-weekly-page')]);
    const docxLink = table.locator('a[href$="/docx"]').first();
    const docx = await page.request.get((await docxLink.getAttribute('href'))!);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
  });

  test('a leader reads the archive but has no generate button', async () => {
    await session.signIn('admin', adminPassword);
    const made = await session.page.request.post('/api/users', {
      data: {
        username: 'leader1',
        displayName: '区领导',
        departmentId: null,
        roles: ['leader'],
        password: 'Leader#2026x-initial',
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    const leader = await session.newPage();
    // A new account sets its own password first.
    await leader.request.post('/api/auth/login', {
      data: { username: 'leader1', password: 'Leader#2026x-initial' },
    });
    const changed = await leader.request.post('/api/auth/password', {
      data: { currentPassword: 'Leader#2026x-initial', newPassword: 'Leader#2026x' },
    });
    expect(changed.status()).toBe(204);
    await session.signIn('leader1', 'Leader#2026x', { on: leader, path: '/ioc/briefings' });
    await leader.getByTestId('briefings-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await leader.getByTestId('briefing-generate').count()).toBe(0);
  });
});
