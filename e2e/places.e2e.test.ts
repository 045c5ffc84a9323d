// Drives the division boundaries page in Chromium against a real server: the approximate cells are drawn and
// said to be approximate, an address is resolved on the map, and an administrator's GeoJSON upload replaces a
// subdistrict's cell (a bad file is refused, naming the feature).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { browserSession } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword, demo: 'none' });

/** A GeoJSON file with the given features, written to a temporary directory; its path. */
function geojsonFile(name: string, features: object[]) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'places-e2e-')), name);
  fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}
const square = [
  [
    [112.8, 28.33],
    [112.86, 28.33],
    [112.86, 28.38],
    [112.8, 28.38],
    [112.8, 28.33],
  ],
];

describe('division boundaries page', () => {
  test('shows approximate cells, resolves an address, and takes an uploaded boundary', async () => {
    const { page } = session;
    await session.signIn('admin', adminPassword);
    await page.goto('/org/places');
    await page.getByTestId('boundary-map').waitFor();
    await page.getByText(/16 个区划中有 16 个为推算的近似边界/).waitFor();

    await page.getByPlaceholder(/输入地址/).fill('湖南省长沙市望城区高塘岭街道郭亮中路123号');
    await page.getByRole('button', { name: /解\s*析/ }).click();
    await page.locator('.ant-descriptions').getByText('高塘岭街道', { exact: true }).waitFor();
    await page.getByTestId('boundary-map-marker').waitFor();

    const bad = geojsonFile('bad.geojson', [
      {
        type: 'Feature',
        properties: { name: '火星街道' },
        geometry: { type: 'Polygon', coordinates: square },
      },
    ]);
    await page.locator('input[type="file"]').setInputFiles(bad);
    const refusal = page.locator('.ant-modal-confirm');
    await refusal
      .locator('.ant-modal-confirm-title', { hasText: '边界文件未通过检查，未保存任何内容' })
      .waitFor();
    await page
      .getByText(/火星街道/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: /知道了|OK/ }).click();

    const good = geojsonFile('gtl.geojson', [
      {
        type: 'Feature',
        properties: { XZQMC: '高塘岭街道' },
        geometry: { type: 'Polygon', coordinates: square },
      },
    ]);
    await page.locator('input[type="file"]').setInputFiles(good);
    await page.getByText(/已保存 1 个街道（镇）/).waitFor();
    await page.getByText(/16 个区划中有 15 个为推算的近似边界/).waitFor();
    const row = page.locator('.ant-table-row', { hasText: '430112001' });
    await expect.poll(() => row.textContent()).toContain('已上传');
    await session.shot('places-uploaded');

    await row.getByRole('button', { name: /删\s*除/ }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(/16 个区划中有 16 个为推算的近似边界/).waitFor();
  });

  test('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
