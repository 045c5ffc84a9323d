// Drives the "report once" console in Chromium against a real server: the center designs a form (a bound field
// prefilled from the registries, free fields with a reuse key and options), previews it with the answers' check,
// publishes it, finds it in the list, and exports its (empty) submissions from the inbox; the pages in English.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { artifacts, browserSession, preferEnglish } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword, demo: 'none' });

/** Picks `label` in the antd select with the test id (the first such select), typing `search` to find it. */
async function choose(page: Page, testId: string, search: string, label: string | RegExp) {
  await page.getByTestId(testId).first().click();
  await page.keyboard.type(search);
  await page.locator('.ant-select-item-option').filter({ hasText: label, visible: true }).first().click();
  await page.keyboard.press('Escape');
  // A closing dropdown stays visible while it animates: the next choice must not find its options.
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

describe('report once in the console', () => {
  test('designs, previews and publishes a form, then exports its submissions from the inbox', async () => {
    const page = await session.signIn('admin', adminPassword, { path: '/forms' });
    await page.getByRole('heading', { name: '表单管理' }).waitFor();
    await page.getByTestId('form-create').click();
    await page.getByTestId('form-designer').waitFor();
    await page.getByTestId('form-title').fill('返望人员登记（演示）');
    await page.getByTestId('form-code').fill('e2e-returnees');
    await choose(page, 'form-owner', '卫健', '卫健局');
    await choose(page, 'form-receivers', '卫健', '卫健局');
    await choose(page, 'form-receivers', '公安', '公安分局');

    // The first row bound to the registry's name: its key and label fill themselves.
    await choose(page, 'field-binding', 'person.name', /person\.name/);
    await expect.poll(() => page.getByLabel('第 1 个字段的字段标识').inputValue()).toBe('name');
    expect(await page.getByLabel('第 1 个字段的字段名称').inputValue()).toBe('姓名');
    await page.getByLabel('第 1 个字段的必填').check();
    // A free, required field asked once and reused.
    await page.getByTestId('field-add').click();
    await page.getByLabel('第 2 个字段的字段名称').fill('从何地返望');
    await page.getByLabel('第 2 个字段的字段标识').fill('returned_from');
    await page.getByLabel('第 2 个字段的必填').check();
    await page.getByLabel('第 2 个字段的复用标识').fill('returned_from');
    // A choice with its options.
    await page.getByTestId('field-add').click();
    await page.getByLabel('第 3 个字段的字段名称').fill('交通方式');
    await page.getByLabel('第 3 个字段的字段标识').fill('transport');
    await page.getByLabel('第 3 个字段的类型').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '下拉选择', visible: true }).click();
    await page.getByLabel('第 3 个字段的选项').fill('火车');
    await page.keyboard.press('Enter');
    await page.getByLabel('第 3 个字段的选项').fill('自驾');
    await page.keyboard.press('Enter');

    await page.getByTestId('form-save').click();
    await page.waitForURL(/\/forms\/\d+$/);
    await expect.poll(() => page.getByTestId('form-status').textContent()).toBe('草稿');

    // The preview runs the answers' check: the free required field is missing until answered.
    await page.getByTestId('form-preview-open').click();
    const preview = page.getByTestId('form-preview');
    await preview.getByText('基础库预填').first().waitFor();
    await page.getByTestId('preview-check').click();
    await expect.poll(() => page.getByTestId('preview-result').textContent()).toContain('1 处需要修改');
    await preview.getByLabel('从何地返望').fill('湖北省武汉市');
    await page.getByTestId('preview-check').click();
    await expect.poll(() => page.getByTestId('preview-result').textContent()).toContain('校验通过');
    await session.shot('forms-preview');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });

    await page.getByTestId('form-publish').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('form-status').textContent()).toBe('已发布');
    await session.shot('forms-designer');

    await page.goto('/forms?q=e2e-returnees');
    const row = page.getByTestId('forms-table').getByRole('row', { name: /返望人员登记（演示）/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('已发布');
    expect(await row.textContent()).toContain('公安分局');
    await session.shot('forms-list');

    // The inbox: nothing received yet; the export of the chosen form is a workbook with its headers.
    await page.goto('/forms/inbox');
    await page.getByRole('heading', { name: '收件箱' }).waitFor();
    expect(await page.getByTestId('inbox-export').isDisabled()).toBe(true);
    await choose(page, 'inbox-form', '返望', '返望人员登记（演示）');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('inbox-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe('form-e2e-returnees-submissions.xlsx');
    const file = path.join(artifacts, 'forms-export.xlsx');
    await download.saveAs(file);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    await session.shot('forms-inbox');
  });

  test('shows the pages in English', async () => {
    await preferEnglish(session.page);
    const page = await session.signIn('admin', adminPassword, { path: '/forms' });
    await page.getByRole('heading', { name: 'Forms' }).waitFor();
    await page.getByTestId('forms-table').getByText('Published').first().waitFor();
    await page.goto('/forms/inbox');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.getByText('The inbox is empty').waitFor();
  });
});
