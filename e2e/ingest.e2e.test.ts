// Drives aggregation (归集) in Debian's Chromium against a real server: a GBK-encoded CSV uploaded into 人口基础信息,
// its detected encoding and mapping, the load and its report with the rejected row, the rejects workbook, and the
// loaded data and its quality on the resource page; then a leader, who sees personal data masked.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { subdistrictWorkbook, xlsxBytes } from '../test/workbooks.ts';
import { artifacts, browserSession, idNumber, signIn } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword });

// The file as a district department sends it: GBK, Chinese headers, CRLF. The 17th digit decides the sex.
const good = [
  ['张伟', idNumber('43011219800101001'), '男', '1980-01-01', '13800000001'],
  ['王芳', idNumber('43011219850615002'), '女', '1985-06-15', '13800000002'],
  ['李娜', idNumber('43011219901120004'), '女', '1990-11-20', '13800000003'],
  ['刘洋', idNumber('43011219751231005'), '男', '1975-12-31', '13800000004'],
];
const badChecksum = '340524198001010013'; // the check character should be X
const oldId = '430112850315001'; // 15 digits, upgraded to 430112198503150017
const rows = [
  ['姓名', '身份证号', '性别', '出生日期', '联系电话'],
  ...good,
  ['陈静', badChecksum, '男', '1980-01-01', '13800000005'],
  ['杨磊', oldId, '男', '1985-03-15', '13800000006'],
];
const csv = iconv.encode(`${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'gbk');
const fileName = '人口信息.csv';
const population = '101001/000001';
const uploadPage = `/ingest/upload?resource=${encodeURIComponent(population)}`;

/** Signs the test's page in as the admin and opens `path`. */
const asAdmin = (path: string) => session.signIn('admin', adminPassword, { path });

/** Uploads the file on the upload page, as the first test does, up to the mapping step. */
async function uploadedToMapping() {
  await asAdmin(uploadPage);
  await session.page
    .getByTestId('upload-form')
    .locator('input[type=file]')
    .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: csv });
  await session.page.getByTestId('upload-submit').click();
  await session.page.getByTestId('mapping-table').waitFor();
}

/**
 * The batch that loaded the file: the one the load test made, or one loaded now through the API (upload, then a
 * run with the mapping the server proposes, as the console confirms it), waited for until done.
 */
async function loadedBatch(): Promise<number> {
  const { request } = session.page;
  const batches = await (
    await request.get('/api/ingest/batches', { params: { resource: population, pageSize: 200 } })
  ).json();
  const loaded = batches.items.find((b: { fileName: string | null }) => b.fileName === fileName);
  if (loaded) return loaded.id;
  const uploaded = await request.post('/api/ingest/uploads', {
    params: { resource: population, fileName },
    headers: { 'content-type': 'text/csv' },
    data: csv,
  });
  expect(uploaded.status(), await uploaded.text()).toBe(200);
  const preview = await uploaded.json();
  const run = await request.post('/api/ingest/runs', {
    data: { resource: population, uploadId: preview.uploadId, fileName, mapping: preview.mapping },
  });
  expect(run.status(), await run.text()).toBe(202);
  const { batchId } = await run.json();
  await expect
    .poll(async () => (await (await request.get(`/api/ingest/batches/${batchId}`)).json()).status, {
      timeout: 30_000,
    })
    .toBe('done');
  return batchId;
}

/** Opens the report of the loaded file on the upload page, where the load test leaves it. */
async function reportOfLoadedFile() {
  await asAdmin('/');
  const batchId = await loadedBatch();
  await session.page.goto(`${uploadPage}&batch=${batchId}`);
  await session.page.getByTestId('batch-report').waitFor();
}

describe('aggregation', () => {
  test('uploads a GBK file into 人口基础信息 and confirms the detected encoding and mapping', async () => {
    await signIn(session.page, 'admin', adminPassword);
    await session.page.getByRole('menuitem', { name: '数据归集' }).click();
    await session.page.getByTestId('ingest-nav-upload').click();
    await session.page.waitForURL(/\/ingest\/upload/);

    await session.page.getByTestId('upload-resource').click();
    await session.page.keyboard.type('人口');
    await session.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle('人口基础信息', { exact: true })
      .click();
    await session.page.waitForURL(/resource=101001%2F000001/);
    await session.page
      .getByTestId('upload-form')
      .locator('input[type=file]')
      .setInputFiles({ name: '人口信息.csv', mimeType: 'text/csv', buffer: csv });
    const chosen = await session.page.getByTestId('chosen-file').textContent();
    expect(chosen).toContain('人口信息.csv');
    expect(chosen).toContain(`${csv.length} B`);
    await session.shot('ingest-choose');

    await session.page.getByTestId('upload-submit').click();
    await session.page.getByTestId('mapping-table').waitFor();
    expect(await session.page.getByTestId('preview-encoding').textContent()).toBe('GBK 编码');
    expect(await session.page.getByTestId('preview-format').textContent()).toBe('CSV');
    // The header 身份证号 is one of 公民身份号码's synonyms, so it is matched on the server and marked as the key.
    const idRow = session.page.getByTestId('mapping-table').getByRole('row', { name: /身份证号/ });
    expect(await idRow.textContent()).toContain('公民身份号码');
    expect(await idRow.textContent()).toContain('主键');
    expect(await idRow.textContent()).toContain('自动匹配');
    expect(await session.page.getByTestId('mapping-key-missing').count()).toBe(0);
    // The first rows as decoded from GBK.
    expect(await session.page.getByTestId('sample-table').textContent()).toContain('张伟');
    await session.shot('ingest-mapping');
  });

  test('loads the file and reports the rejected row and the upgraded ID number', async () => {
    await uploadedToMapping();
    await session.page.getByTestId('run-start').click();
    await session.page.waitForURL(/batch=\d+/);
    const report = session.page.getByTestId('batch-report');
    await report.waitFor();
    const count = (key: string) =>
      session.page.getByTestId(`count-${key}`).locator('.ant-statistic-content').textContent();
    expect(await count('total')).toBe('6');
    expect(await count('accepted')).toBe('5');
    expect(await count('rejected')).toBe('1');
    expect(await count('inserted')).toBe('5');
    expect(await count('warnings')).toBe('1');
    expect(await session.page.getByTestId('reason-ranking').textContent()).toContain('身份证号校验码错误');

    const rejected = session.page
      .getByTestId('issues-rejected')
      .getByRole('row', { name: new RegExp(badChecksum) });
    await rejected.waitFor();
    // The reason names the column it came from.
    expect(await rejected.getByTestId('reason-tag').textContent()).toBe('身份证号：身份证号校验码错误');
    expect(await rejected.textContent()).toContain('陈静');
    // The rejected rows' columns and the mapping come in the file's order.
    const headings = await session.page.getByTestId('issues-rejected').locator('thead th').allTextContents();
    expect(headings.slice(2)).toEqual(rows[0]);
    const mapped = await session.page
      .getByTestId('batch-mapping')
      .locator('tbody tr td:first-child')
      .allTextContents();
    expect(mapped).toEqual(rows[0]);
    // The completeness of 公民身份号码 counts every row; its validity leaves the rejected one out.
    const idQuality = session.page.getByTestId('item-quality').getByRole('row', { name: /id_number/ });
    expect(await idQuality.textContent()).toContain('100%');
    expect(await idQuality.textContent()).toContain('83.3%');
    // The file has no column for 民族: not supplied, rather than 0 % complete.
    const ethnicity = session.page.getByTestId('item-quality').getByRole('row', { name: /ethnicity/ });
    expect(await ethnicity.getByTestId('not-supplied').textContent()).toBe('未提供');
    expect(await ethnicity.textContent()).not.toContain('0%');
    await session.shot('ingest-report');

    await session.page.getByTestId('issues-tab-warning').click();
    const upgraded = session.page.getByTestId('issues-warning').getByRole('row', { name: new RegExp(oldId) });
    await upgraded.waitFor();
    expect(await upgraded.textContent()).toContain('15位身份证号已升级为18位');
  });

  test('downloads the rejected rows as a workbook', async () => {
    await reportOfLoadedFile();
    const [download] = await Promise.all([
      session.page.waitForEvent('download'),
      session.page.getByTestId('download-rejects').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^batch-\d+-rejects\.xlsx$/);
    const file = path.join(artifacts, 'ingest-rejects.xlsx');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(1000);
    // An XLSX file is a ZIP archive.
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  test('shows the loaded rows and their quality on the resource page', async () => {
    await reportOfLoadedFile();
    await session.page.getByTestId('open-resource-data').click();
    await session.page.waitForURL(/\/catalog\/101001%2F000001\?tab=data$/);
    const records = session.page.getByTestId('records-table');
    await records.getByRole('row', { name: /张\*/ }).first().waitFor();
    expect(await records.locator('tbody tr.ant-table-row').count()).toBe(5);
    expect(await records.textContent()).not.toContain('张伟');
    // Masked by default, for an admin too: the ID number, and the birth date and sex that would rebuild it.
    expect(await session.page.getByTestId('records-masked').textContent()).toBe('个人信息已脱敏');
    const yang = records.getByRole('row', { name: /430112\*{8}0017/ });
    expect(await yang.textContent()).toContain('1985-**-**');
    expect(await records.textContent()).not.toContain('1985-03-15');
    expect(await records.textContent()).not.toContain('430112198503150017');
    const rawReads = async () =>
      (
        await (
          await session.page.request.get('/api/audit?action=data.read_personal&targetType=resource')
        ).json()
      ).items as { detail: { reason: string } }[];
    expect(await rawReads()).toEqual([]);
    // Showing it raw asks why; the reading is audited once, with the reason.
    await session.page.getByTestId('show-raw').click();
    await session.page.getByTestId('raw-reason').fill('核对杨磊的身份证号升位');
    await session.page.getByTestId('raw-reason-ok').click();
    // The 15-digit number was stored upgraded.
    await records.getByRole('row', { name: /430112198503150017/ }).waitFor();
    expect(await session.page.getByTestId('records-masked').textContent()).toContain('审计');
    expect((await rawReads()).map((e) => e.detail.reason)).toEqual(['核对杨磊的身份证号升位']);
    await session.page.getByTestId('records-search').getByRole('searchbox').fill('43011219850315');
    await session.page.getByTestId('records-search').getByRole('searchbox').press('Enter');
    await expect.poll(() => records.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await records.textContent()).toContain('杨磊');
    await session.shot('ingest-resource-data');

    await session.page.getByTestId('resource-tab-batches').click();
    await session.page.getByTestId('batches-table').getByText('人口信息.csv').waitFor();

    await session.page.getByTestId('resource-tab-quality').click();
    await session.page.waitForURL(/tab=quality/);
    await session.page.getByTestId('quality-chart').locator('canvas').waitFor();
    expect(await session.page.getByTestId('item-quality').textContent()).toContain('公民身份号码');
    await session.shot('ingest-resource-quality');
  });

  test('lists the batch with its counts and opens its report', async () => {
    await asAdmin('/');
    await loadedBatch();
    await session.page.getByRole('menuitem', { name: '数据归集' }).click();
    await session.page.getByTestId('ingest-nav-batches').click();
    await session.page.waitForURL(/\/ingest\/batches$/);
    const row = session.page.getByTestId('batches-table').getByRole('row', { name: /人口信息\.csv/ });
    await row.waitFor();
    // Resource names come from the catalog after the batches themselves.
    await expect.poll(() => row.textContent()).toContain('人口基础信息');
    expect(await row.textContent()).toContain('完成');
    await session.page.getByTestId('batches-status').click();
    await session.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle('失败')
      .click();
    await session.page.waitForURL(/status=failed/);
    await session.page.getByText('没有符合条件的批次').waitFor();
    await session.page.getByRole('button', { name: '清除筛选' }).first().click();
    await row.getByRole('link', { name: /^#\d+$/ }).click();
    await session.page.waitForURL(/\/ingest\/batches\/\d+$/);
    await session.page.getByTestId('batch-report').waitFor();
    expect(await session.page.getByTestId('report-resource').textContent()).toBe('人口基础信息');
    await session.shot('ingest-batch');
  });

  test('finds records of a resource keyed by two items by the start of each', async () => {
    await asAdmin('/');
    const pushed = await session.page.request.post('/api/ingest/push/slj_water_level', {
      data: {
        records: [
          { station_code: 'SW01', observed_at: '2026-11-24 08:00', level_m: '31.2' },
          { station_code: 'SW01', observed_at: '2026-11-25 08:00', level_m: '31.4' },
          { station_code: 'SW02', observed_at: '2026-11-24 08:00', level_m: '29.8' },
        ],
      },
    });
    expect(pushed.status()).toBe(200);
    await session.page.goto('/catalog/slj_water_level?tab=data');
    const records = session.page.getByTestId('records-table');
    await expect.poll(() => records.locator('tbody tr.ant-table-row').count()).toBe(3);
    await session.page.getByTestId('records-search-station_code').fill('SW01');
    await session.page.getByTestId('records-search-observed_at').fill('2026-11-25');
    await session.page.getByTestId('records-search-observed_at').press('Enter');
    await expect.poll(() => records.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await records.textContent()).toContain('31.4');
  });

  test('a leader sees the personal data masked', async () => {
    await asAdmin('/');
    await loadedBatch();
    const password = 'Leader#E2e2026';
    const created = await session.page.request.post('/api/users', {
      data: {
        username: 'e2e.leader',
        displayName: '区领导',
        departmentId: null,
        roles: ['leader'],
        password,
      },
    });
    expect(created.status()).toBe(201);
    const leader = await session.newPage();
    // An account an admin created must change its password first; done through the API to come to the point.
    expect(
      (await leader.request.post('/api/auth/login', { data: { username: 'e2e.leader', password } })).status(),
    ).toBe(200);
    const changed = await leader.request.post('/api/auth/password', {
      data: { currentPassword: password, newPassword: `${password}x` },
    });
    expect(changed.status()).toBe(204);
    await signIn(leader, 'e2e.leader', `${password}x`);
    await leader.goto('/catalog/population?tab=data');
    expect(await leader.getByTestId('records-masked').textContent()).toBe('个人信息已脱敏');
    const records = leader.getByTestId('records-table');
    await records.getByRole('row', { name: /张\*/ }).waitFor();
    expect(await records.textContent()).not.toContain('430112198503150017');
    // Leaders read aggregation but deliver nothing: no upload button, and no upload section.
    expect(await leader.getByTestId('resource-upload').count()).toBe(0);
    await leader.goto('/ingest');
    await leader.waitForURL(/\/ingest\/batches$/);
    expect(await leader.getByTestId('ingest-nav-upload').count()).toBe(0);
    await session.shot('ingest-leader-data', { on: leader });
  });

  test('shows on the batch page the merge of a batch into the population registry', async () => {
    await asAdmin('/');
    const { request } = session.page;
    // Three people no other test loads, so the batch writes, and the registry merges, exactly three keys.
    const people = [
      ['周强', idNumber('43011219700202011'), '男', '1970-02-02', '13800000011'],
      ['吴敏', idNumber('43011219710303022'), '女', '1971-03-03', '13800000012'],
      ['郑军', idNumber('43011219720404033'), '男', '1972-04-04', '13800000013'],
    ];
    const more = iconv.encode(`${[rows[0]!, ...people].map((r) => r.join(',')).join('\r\n')}\r\n`, 'gbk');
    const uploaded = await request.post('/api/ingest/uploads', {
      params: { resource: population, fileName: '人口补充.csv' },
      headers: { 'content-type': 'text/csv' },
      data: more,
    });
    expect(uploaded.status(), await uploaded.text()).toBe(200);
    const preview = await uploaded.json();
    const run = await request.post('/api/ingest/runs', {
      data: {
        resource: population,
        uploadId: preview.uploadId,
        fileName: '人口补充.csv',
        mapping: preview.mapping,
      },
    });
    expect(run.status(), await run.text()).toBe(202);
    const { batchId } = await run.json();

    // The page follows the load, then the merge, until the merge is done.
    await session.page.goto(`/ingest/batches/${batchId}`);
    const merge = session.page.locator('[data-testid=batch-merge][data-status=done]');
    await merge.waitFor();
    expect(await merge.textContent()).toContain('合并入基础库');
    expect(await merge.getByTestId('merge-keys').locator('.ant-statistic-content').textContent()).toBe('3');
    expect(await session.page.getByTestId('batch-report').count()).toBe(1);
    await session.shot('ingest-batch-merge');
  });

  test('shows what it detected in a subdistrict workbook and reads it again from the header row chosen', async () => {
    await asAdmin(uploadPage);
    const page = session.page;
    await page
      .getByTestId('upload-form')
      .locator('input[type=file]')
      .setInputFiles({
        name: '人口汇总.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await xlsxBytes(subdistrictWorkbook()),
      });
    await page.getByTestId('upload-submit').click();
    await page.getByTestId('layout-card').waitFor();
    // Found below the title and the unit/date row: a two-row merged header, two sheets, titles, totals, notes.
    expect(await page.getByTestId('layout-header-rows').textContent()).toBe('第 3–4 行');
    expect(await page.getByTestId('layout-merged').textContent()).toBe('两行合并表头');
    const sheets = await page.getByTestId('layout-sheets').textContent();
    expect(sheets).toContain('高塘岭街道：3 行');
    expect(sheets).toContain('乔口镇：3 行');
    const skipped = await page.getByTestId('layout-skipped').textContent();
    expect(skipped).toContain('共跳过 10 行');
    expect(skipped).toContain('高塘岭街道 第 8 行');
    expect(skipped).toContain('合计行');
    expect(skipped).toContain('填表人：李四');
    const mapping = page.getByTestId('mapping-table');
    expect(await mapping.getByRole('row', { name: /户籍地址-街道/ }).textContent()).toContain('所属街道');
    await session.shot('ingest-workbook-detected');

    // The user says the header is row 3 alone, and loads one sheet.
    await page.getByTestId('layout-header-row').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle(/^第 3 行：序号/)
      .click();
    await page.getByTestId('layout-two-rows').click();
    await page.getByTestId('layout-choose-sheets').getByText('高塘岭街道').click();
    await page.getByTestId('layout-apply').click();
    await expect.poll(() => page.getByTestId('layout-header-rows').textContent()).toBe('第 3 行');
    expect(await page.getByTestId('layout-merged').count()).toBe(0);
    expect(await page.getByTestId('layout-sheets').textContent()).toContain('高塘岭街道：未导入（未选择）');
    expect(await mapping.getByRole('row', { name: /户籍地址-街道/ }).count()).toBe(0);
    expect(await mapping.getByRole('row', { name: /户籍地址/ }).count()).toBe(1);
    await session.shot('ingest-workbook-corrected');

    // The load reads the file as chosen: one sheet, from row 4 on (the lower header row is now a row of data).
    await page.getByTestId('run-start').click();
    await page.getByTestId('batch-report').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('count-total').textContent()).toContain('4');
    const note = await page.getByTestId('batch-layout').textContent();
    expect(note).toContain('共跳过 5 行');
    expect(note).toContain('乔口镇：4 行');
    expect(note).toContain('高塘岭街道：未导入（未选择）');
  });

  test('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
