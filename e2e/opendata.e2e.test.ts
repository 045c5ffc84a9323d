// Drives the open data portal (数据开放) in Debian's Chromium against a real server with the small demo district,
// never signing in: from the sign-in page's link to the portal, a search by pinyin initials, the dataset page with
// its preview, and the CSV download, read back from disk; the landing figures, the counts beside the filters, the
// hint when a search finds nothing (in Chinese and English) and the license and terms on a dataset's page.
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
    await page.getByTestId('open-list').getByRole('link', { name: '城市部件信息' }).click();

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

  test('the portal shows its figures, counts beside filters, a hint for an empty search and each license', async () => {
    const { page } = session;
    type Facet = { value: string; count: number };
    const overview = await page.request.get('/api/open/overview').then(
      (r) =>
        r.json() as Promise<{
          datasets: number;
          departments: number;
          rows: number;
          downloads: number;
          recent: { title: string }[];
        }>,
    );
    const all = await page.request
      .get('/api/open/resources')
      .then((r) => r.json() as Promise<{ total: number; facets: Record<string, Facet[]> }>);
    expect(overview.datasets).toBe(all.total);
    expect(overview.datasets).toBeGreaterThan(0);

    // The landing figures, as the server counts them, and the newest dataset.
    await page.goto('/open');
    const figure = (key: string) => page.getByTestId(`open-figure-${key}`).textContent();
    await expect.poll(() => figure('datasets')).toContain(`开放数据集${overview.datasets}`);
    await expect.poll(() => figure('departments')).toContain(`提供部门${overview.departments}`);
    await expect.poll(() => figure('rows')).toContain(overview.rows.toLocaleString('en-US'));
    await expect.poll(() => figure('downloads')).toContain(`累计下载次数${overview.downloads}`);
    await expect
      .poll(() => page.getByTestId('open-recent').textContent())
      .toContain(overview.recent[0]!.title);
    // The license and terms every dataset shares.
    await expect.poll(() => page.getByTestId('open-license').textContent()).toContain('CC BY 4.0');
    await session.shot('opendata-landing');

    // The classification filter shows, beside each choice, how many datasets the search has of it.
    await page.getByTestId('open-filter-classification').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    // The first choice, all classifications, counts every dataset the search found.
    await expect.poll(async () => (await options.allTextContents())[0]).toBe(`全部分类 (${all.total})`);
    const shown = async () =>
      (await options.allTextContents()).slice(1).flatMap((text) => {
        const m = /\((\d+)\)$/.exec(text);
        return m && m[1] !== '0' ? [Number(m[1])] : [];
      });
    const expected = all.facets.classification!.map((f) => f.count);
    await expect.poll(async () => (await shown()).sort()).toEqual(expected.toSorted());
    // Picking the largest shows as many datasets as its count said.
    const largest = all.facets.classification![0]!;
    await options
      .filter({ hasNotText: '全部分类' })
      .filter({ hasText: new RegExp(`\\(${largest.count}\\)$`) })
      .first()
      .click();
    await page.waitForURL(`**/open?classification=${largest.value}`);
    await expect.poll(() => page.getByTestId('open-dataset-card').count()).toBe(Math.min(largest.count, 10));

    // A search that finds nothing says what to try and clears the filters in one click.
    await page.getByTestId('open-search').locator('input').fill('zzqqxx');
    await page.getByTestId('open-search').locator('input').press('Enter');
    await page.getByTestId('open-empty-hint').waitFor();
    await expect(page.getByTestId('open-empty-hint').textContent()).resolves.toContain('可以试试');
    await expect(page.getByTestId('open-empty-hint').textContent()).resolves.toContain('拼音首字母');
    await session.shot('opendata-empty-search');
    await page.getByTestId('open-empty-clear').click();
    await page.waitForURL((url) => url.pathname === '/open' && url.search === '');
    await expect.poll(() => page.getByTestId('open-dataset-card').count()).toBe(Math.min(all.total, 10));

    // The same hint in English.
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('open-search').locator('input').fill('zzqqxx');
    await page.getByTestId('open-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('open-empty-hint').textContent()).toContain('You could try');
    await expect(page.getByTestId('open-empty-clear').textContent()).resolves.toBe('Clear filters');

    // A dataset's page names its license, links to its text and lists the terms of use.
    await page.goto('/open/component');
    await expect.poll(() => page.getByTestId('open-license').textContent()).toContain('CC BY 4.0');
    await expect(page.getByTestId('open-license-link').getAttribute('href')).resolves.toBe(
      'https://creativecommons.org/licenses/by/4.0/',
    );
    await expect(page.getByTestId('open-terms').textContent()).resolves.toContain('re-identify');
    await page.getByTestId('language-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('open-terms').textContent()).toContain('不得利用开放数据识别');
    await session.shot('opendata-license');
    expect(session.pageErrors).toEqual([]);
  });
});
