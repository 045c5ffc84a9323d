// Drives the open data portal (数据开放) in Debian's Chromium against a real server with the small demo district,
// never signing in: from the sign-in page's link to the portal, a search by pinyin initials, the dataset page with
// its preview, and the CSV download, read back from disk.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { artifacts, browserSession } from './server.ts';

const session = browserSession({ adminPassword: 'E2e#Admin2026', demo: 'small' });

describe('open data portal', () => {
  test('a visitor finds a dataset, previews it and downloads the CSV without signing in', async () => {
    const { page } = session;
    await page.goto('/login');
    await page.getByTestId('login-open-data').click();
    await page.waitForURL('**/open');
    await page.getByTestId('open-portal-title').waitFor();
    // The small demo loads city components, an open resource; closed ones (households) are never listed.
    await page.getByTestId('open-dataset-card').first().waitFor();
    await expect(page.getByTestId('open-list').textContent()).resolves.not.toContain('户籍人口登记信息');

    // 城市部件信息 by the initials of its pinyin: cheng shi bu jian.
    await page.getByTestId('open-search').locator('input').fill('csbj');
    await page.getByTestId('open-search').locator('input').press('Enter');
    await page.waitForURL('**/open?q=csbj');
    await expect.poll(() => page.getByTestId('open-dataset-card').count()).toBe(1);
    await session.shot('opendata-portal');
    await page.getByRole('link', { name: '城市部件信息' }).click();

    await page.waitForURL('**/open/component');
    await expect(page.getByTestId('open-dataset-title').textContent()).resolves.toBe('城市部件信息');
    // The preview shows the first 20 rows.
    await expect
      .poll(() => page.getByTestId('open-preview').locator('tbody tr.ant-table-row').count())
      .toBe(20);
    await expect(page.getByTestId('open-items').textContent()).resolves.toContain('部件编码');
    await session.shot('opendata-dataset');

    const rows = await page.request
      .get('/api/open/resources/component')
      .then((r) => r.json() as Promise<{ rowCount: number }>);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('open-download-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^城市部件信息-\d{8}\.csv$/);
    const file = path.join(artifacts, 'opendata-component.csv');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...records] = parse(bytes, { bom: true }) as string[][];
    expect(header?.[0]).toBe('部件编码');
    expect(records).toHaveLength(rows.rowCount);
    expect(records.every((r) => /^\d{16}$/.test(r[0]!))).toBe(true);

    // The download is counted on the page once it is reloaded.
    await page.reload();
    await expect(page.getByTestId('open-dataset').textContent()).resolves.toContain('已下载 1 次');
    expect(session.pageErrors).toEqual([]);
  });
});
