// Drives the resource catalog in Debian's Chromium against a real server: search by pinyin initials, a resource's
// data items, registering a resource (with the server's rule errors on the form), editing it and its version diff,
// a base registry's data on its resource's page, and exporting and importing the catalog.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSession, idNumber } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword });

/** Picks `option` in the antd select labelled `label` inside `scope`. */
async function choose(scope: Locator, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await session.page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(option, { exact: true })
    .click();
}

/** The form item (label, input, errors) of the field labelled `label`. */
const formItem = (form: Locator, label: string) =>
  form.locator('.ant-form-item', { has: session.page.getByLabel(label, { exact: true }) });

/** The form's error text under the field labelled `label`. */
const fieldError = (form: Locator, label: string) => formItem(form, label).locator('.ant-form-item-explain');

/** Signs the test's page in as the admin and opens `path`. */
const asAdmin = (path: string) => session.signIn('admin', adminPassword, { path });

// The resource the register test creates, and what the form sends for it (the department by name: ids vary).
const allowanceCode = '301005/000001';
const allowanceUrl = `/api/catalog/resources/${encodeURIComponent(allowanceCode)}`;
const allowance = {
  alias: null,
  name: '最低生活保障对象信息',
  classification: 'department',
  classCode: '301005',
  summary: '民政局认定的城乡最低生活保障对象及保障金额。',
  format: 'database',
  items: [
    { code: 'id_number', name: '公民身份号码', type: 'id_number', required: true, personal: true },
    { code: 'name', name: '姓名', type: 'string', required: false, personal: true },
    {
      code: 'assistance_type',
      name: '保障类别',
      type: 'enum',
      required: false,
      personal: false,
      validator: { enum: ['城市低保', '农村低保'] },
    },
  ],
  keyItems: ['id_number'],
  shareType: 'conditional',
  shareCondition: '仅用于社会救助、医疗救助等法定职责范围内的核查',
  shareBasis: null,
  openType: 'closed',
  openCondition: null,
  updateCycle: 'monthly',
  publishDate: null,
  relatedCodes: [],
  keywords: [],
};

/**
 * Brings 最低生活保障对象信息 to `version` through the API, as the register test (version 1) and the edit test
 * (version 2) leave it: registered if missing, edited if older; a newer version fails the test.
 */
async function allowanceAt(version: 1 | 2) {
  const { request } = session.page;
  let found = await request.get(allowanceUrl);
  if (found.status() === 404) {
    const departments = await (await request.get('/api/departments', { params: { pageSize: 500 } })).json();
    const civilAffairs = departments.items.find((d: { name: string }) => d.name === '民政局');
    const created = await request.post('/api/catalog/resources', {
      data: { ...allowance, providerDepartmentId: civilAffairs.id },
    });
    expect(created.status(), await created.text()).toBe(201);
    found = await request.get(allowanceUrl);
  }
  const current = await found.json();
  if (version === 2 && current.version === 1) {
    const { id, code, providerDepartmentName, version: v, createdAt, updatedAt, canEdit, ...input } = current;
    const edited = await request.put(allowanceUrl, {
      data: {
        ...input,
        summary: '民政局认定的城乡最低生活保障对象、保障类别及月保障金额。',
        items: [
          ...input.items,
          {
            code: 'monthly_amount',
            name: '月保障金额（元）',
            type: 'decimal',
            required: false,
            personal: false,
          },
        ],
        changeNote: '增加月保障金额',
        expectedVersion: 1,
      },
    });
    expect(edited.status(), await edited.text()).toBe(200);
  } else expect(current.version).toBe(version);
  await session.page.goto(`/catalog/${encodeURIComponent(allowanceCode)}`);
  await session.page
    .getByTestId('resource-version')
    .filter({ hasText: `版本 ${version}` })
    .waitFor();
}

describe('resource catalog', () => {
  test('finds 人口基础信息 by its pinyin initials', async () => {
    await session.page.goto('/');
    await session.page.waitForURL(/\/login/);
    await session.page.getByLabel('用户名').fill('admin');
    await session.page.getByLabel('密码', { exact: true }).fill(adminPassword);
    await session.page.getByTestId('login-submit').click();
    await session.page.getByTestId('home-title').waitFor();

    await session.page.getByRole('menuitem', { name: '资源目录' }).click();
    await session.page.waitForURL(/\/catalog$/);
    await session.page.getByRole('link', { name: '法人单位基础信息' }).waitFor();
    // The tree counts every demo resource (12), and the one the register test adds when it ran first.
    const registered = (await session.page.request.get(allowanceUrl)).ok() ? 1 : 0;
    const tree = await session.page.getByTestId('class-tree').textContent();
    expect(tree).toMatch(new RegExp(`全部资源${12 + registered}基础信息资源4`));
    // Codes the catalog has names for read by name, their code beside it.
    expect(tree).toContain('人口基础信息 101');
    expect(tree).toContain('电子证照基础信息 104');

    const search = session.page.getByTestId('catalog-search').getByRole('searchbox');
    expect(await search.getAttribute('placeholder')).toContain('支持拼音首字母');
    await search.fill('rkjc');
    await search.press('Enter');
    await session.page.waitForURL(/q=rkjc/);
    await expect.poll(() => session.page.locator('tbody tr.ant-table-row').count()).toBe(1);
    await session.page.getByRole('link', { name: '人口基础信息' }).waitFor();
    await session.shot('catalog-search');
  });

  test('shows the data items of 人口基础信息 with the personal ones tagged', async () => {
    // The list as a search by pinyin initials leaves it.
    await asAdmin('/catalog?q=rkjc');
    await session.page.getByRole('link', { name: '人口基础信息' }).click();
    await session.page.waitForURL(/\/catalog\/101001%2F000001$/);
    await session.page.getByRole('heading', { name: '人口基础信息' }).waitFor();
    expect(await session.page.getByTestId('resource-tags').textContent()).toBe(
      '基础信息资源有条件共享不开放',
    );

    await session.page.getByTestId('resource-tab-items').click();
    await session.page.waitForURL(/tab=items/);
    const idRow = session.page.getByTestId('resource-items').getByRole('row', { name: /id_number/ });
    expect(await idRow.textContent()).toContain('公民身份号码');
    expect(await idRow.getByTestId('personal-tag').textContent()).toBe('个人信息');
    expect(await idRow.textContent()).toContain('主键');
    // 性别 is no personal item, and its values are listed.
    const sexRow = session.page.getByTestId('resource-items').getByRole('row', { name: /sex/ });
    expect(await sexRow.getByTestId('personal-tag').count()).toBe(0);
    expect(await sexRow.textContent()).toContain('男女');
    await session.shot('resource-items');

    // The breadcrumb leads back to the list as it was left.
    await session.page.getByRole('link', { name: '资源目录', exact: true }).click();
    await session.page.waitForURL(/\/catalog\?q=rkjc$/);
  });

  test('registers a resource, showing the server’s rule errors on the fields', async () => {
    await asAdmin('/catalog');
    await session.page.getByTestId('catalog-register').click();
    await session.page.waitForURL(/\/catalog\/new$/);
    const form = session.page.getByTestId('resource-form');
    await form.getByLabel('资源名称').fill('最低生活保障对象信息');
    await choose(form, '提供部门', '民政局');
    await form.getByLabel('分类编码').fill('301005');
    await form.getByLabel('资源摘要').fill('民政局认定的城乡最低生活保障对象及保障金额。');
    await choose(form, '更新周期', '每月');
    await form.getByText('有条件共享', { exact: true }).click();

    await form.getByLabel('数据项 1 编码').fill('id_number');
    await form.getByLabel('数据项 1 名称').fill('公民身份号码');
    await choose(form, '数据项 1 类型', '公民身份号码');
    await form.getByLabel('数据项 1 个人信息').check();
    await form.getByTestId('item-add').click();
    await form.getByLabel('数据项 2 编码').fill('name');
    await form.getByLabel('数据项 2 名称').fill('姓名');
    await form.getByLabel('数据项 2 个人信息').check();
    await form.getByTestId('item-add').click();
    await form.getByLabel('数据项 3 编码').fill('assistance_type');
    await form.getByLabel('数据项 3 名称').fill('保障类别');
    await choose(form, '数据项 3 类型', '枚举');
    await choose(form, '主键', '公民身份号码 · id_number');
    // Choosing a key makes the item required.
    expect(await form.getByLabel('数据项 1 必填').isChecked()).toBe(true);

    // Conditional sharing without its condition, an enum item without values: only the catalog rules on the
    // server know, and its errors land on the field and on the item's cell.
    await session.page.getByTestId('resource-save').click();
    await expect
      .poll(() => fieldError(form, '共享条件').textContent())
      .toBe('有条件共享的资源须写明共享条件');
    expect(await fieldError(form, '数据项 3 枚举值').textContent()).toBe('枚举型数据项须列出取值');
    expect(session.page.url()).toMatch(/\/catalog\/new$/);
    await session.shot('resource-form-error', { fullPage: false });

    await form.getByLabel('数据项 3 枚举值').fill('城市低保、农村低保');
    await form.getByLabel('数据项 3 枚举值').press('Enter');
    await form.getByLabel('共享条件').fill('仅用于社会救助、医疗救助等法定职责范围内的核查');
    await session.page.getByTestId('resource-save').click();
    await session.page.getByText('资源“最低生活保障对象信息”已登记，代码 301005/000001').waitFor();
    await session.page.waitForURL(/\/catalog\/301005%2F000001$/);
    expect(await session.page.getByTestId('resource-version').textContent()).toBe('版本 1');
    expect(await session.page.getByTestId('resource-facts').textContent()).toContain('民政局');
    await session.page.getByTestId('resource-tab-items').click();
    expect(await session.page.getByTestId('resource-items').textContent()).toContain('城市低保农村低保');
  });

  test('edits the resource into version 2 and shows what changed', async () => {
    await asAdmin('/');
    await allowanceAt(1);
    await session.page.getByTestId('resource-edit').click();
    await session.page.waitForURL(/\/catalog\/301005%2F000001\/edit$/);
    const form = session.page.getByTestId('resource-form');
    await form.getByLabel('资源摘要').fill('民政局认定的城乡最低生活保障对象、保障类别及月保障金额。');
    await form.getByTestId('item-add').click();
    await form.getByLabel('数据项 4 编码').fill('monthly_amount');
    await form.getByLabel('数据项 4 名称').fill('月保障金额（元）');
    await choose(form, '数据项 4 类型', '小数');
    await form.getByLabel('变更说明').fill('增加月保障金额');
    await session.page.getByTestId('resource-save').click();
    await session.page.getByText('资源“最低生活保障对象信息”已保存为版本 2').waitFor();
    await session.page.waitForURL(/\/catalog\/301005%2F000001$/);
    expect(await session.page.getByTestId('resource-version').textContent()).toBe('版本 2');

    await session.page.getByTestId('resource-tab-versions').click();
    const versions = session.page.getByTestId('resource-versions');
    await versions.getByRole('row', { name: /v2/ }).getByText('增加月保障金额').waitFor();
    expect(await versions.getByRole('row', { name: /v1/ }).textContent()).toContain('登记');
    // The two latest versions are compared at once.
    const diff = session.page.getByTestId('version-diff');
    const summary = diff.getByRole('row', { name: /summary/ });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('修改');
    expect(await summary.textContent()).toContain('月保障金额');
    // An item added as a whole is one row, not one per field.
    const added = diff.getByRole('row', { name: /items\[monthly_amount\]/ });
    expect(await added.count()).toBe(1);
    expect(await added.textContent()).toContain('新增');
    expect(await added.textContent()).toContain('月保障金额（元）（小数）');
    expect(await session.page.getByTestId('version-diff-summary').textContent()).toContain(
      '新增 1 项，删除 0 项，修改 1 项',
    );
    await session.shot('resource-versions');
  });

  test('offers to reload when someone else saved a version first', async () => {
    await asAdmin('/');
    await allowanceAt(2);
    await session.page.getByTestId('resource-edit').click();
    await session.page.waitForURL(/\/edit$/);
    const form = session.page.getByTestId('resource-form');
    await form.getByLabel('资源摘要').fill('这段修改会与他人的修改冲突。');

    // Someone else saves version 3 while the form still edits version 2.
    const url = `/api/catalog/resources/${encodeURIComponent('301005/000001')}`;
    const { id, code, providerDepartmentName, version, createdAt, updatedAt, canEdit, ...input } = await (
      await session.page.request.get(url)
    ).json();
    const other = await session.page.request.put(url, {
      data: { ...input, updateCycle: 'weekly', changeNote: '改为每周更新', expectedVersion: version },
    });
    expect(other.status()).toBe(200);

    await session.page.getByTestId('resource-save').click();
    const dialog = session.page.getByRole('dialog', { name: '资源已被他人修改' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('当前版本 3');
    await session.shot('resource-conflict', { fullPage: false });
    await dialog.getByRole('button', { name: '重新加载' }).click();
    await session.page.getByText('已载入最新版本').waitFor();
    // The form now holds version 3, the other user's change included and this user's gone.
    await dialog.waitFor({ state: 'hidden' });
    await session.page.getByText('资源代码 301005/000001，当前版本 3').waitFor();
    expect(await form.getByLabel('资源摘要').inputValue()).toBe(input.summary);
    expect(await formItem(form, '更新周期').textContent()).toContain('每周');
  });

  test('shows a base registry’s data on its resource’s page, with a link to the registry', async () => {
    await asAdmin('/');
    const { request } = session.page;
    // Two people delivered by 公安, merged into the population registry in the background.
    const people = [
      { id_number: idNumber('43011219900312001'), name: '欧阳明远', sex: '男', birth_date: '1990-03-12' },
      { id_number: idNumber('43011219920815002'), name: '欧阳明月', sex: '女', birth_date: '1992-08-15' },
    ];
    const pushed = await request.post('/api/ingest/push/gafj_household', { data: { records: people } });
    expect(pushed.status(), await pushed.text()).toBe(200);
    const count = async () => (await (await request.get('/api/registry/stats')).json()).population as number;
    await expect.poll(count, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const total = await count();

    await session.page.goto('/catalog/101001%2F000001');
    await session.page.getByRole('heading', { name: '人口基础信息' }).waitFor();
    // The registry's tab stands beside the records delivered into the resource itself (数据).
    await session.page.getByTestId('resource-tab-registry').click();
    await session.page.waitForURL(/tab=registry/);
    expect(await session.page.getByTestId('resource-tab-data').count()).toBe(1);
    await expect
      .poll(() => session.page.getByTestId('resource-registry-summary').textContent())
      .toContain(`共 ${total} 个实体`);
    const rows = session.page.getByTestId('resource-registry-entities').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(total, 10));
    await session.shot('resource-registry-tab');
    await session.page.getByTestId('resource-registry-open').click();
    await session.page.waitForURL(/\/registry\/population$/);

    // A departmental resource keeps its records tab and has no registry tab.
    await session.page.goto('/catalog/gafj_household');
    await session.page.getByTestId('resource-tab-data').waitFor();
    expect(await session.page.getByTestId('resource-tab-registry').count()).toBe(0);
  });

  test('exports the catalog as XLSX and DCAT-AP, and imports a workbook after a trial that shows what it does', async () => {
    await asAdmin('/catalog');
    const page = session.page;
    /** Clicks an item of the export menu and returns the downloaded file. */
    const download = async (item: string) => {
      await page.getByTestId('catalog-export').click();
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(item).click()]);
      const saved = await file.path();
      return { name: file.suggestedFilename(), body: fs.readFileSync(saved) };
    };

    const xlsx = await download('catalog-export-xlsx');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('资源目录')!;
    const column = (header: string) => {
      let found = 0;
      sheet.getRow(1).eachCell((cell, c) => {
        if (cell.value === header) found = c;
      });
      return found;
    };
    let legalPersonRow = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === '102001/000001') legalPersonRow = n;
    });
    expect(legalPersonRow).toBeGreaterThan(1);

    const dcat = await download('catalog-export-jsonld');
    const document = JSON.parse(dcat.body.toString('utf8'));
    expect(document['@type']).toBe('dcat:Catalog');
    expect(document['dcat:dataset'].length).toBe(sheet.actualRowCount - 1);

    await page.getByTestId('catalog-import').click();
    const dialog = page.getByRole('dialog');
    const choose = async (name: string, body: Buffer) =>
      dialog.locator('input[type=file]').setInputFiles({
        name,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: body,
      });

    // A workbook with a bad cell: every problem placed by sheet and row, nothing to confirm.
    const department = sheet.getRow(legalPersonRow).getCell(column('提供部门')).value;
    sheet.getRow(legalPersonRow).getCell(column('提供部门')).value = 'NOPE';
    await choose('bad.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const problems = dialog.getByTestId('catalog-import-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain(`工作表“资源目录”第 ${legalPersonRow} 行提供部门`);
    expect(await dialog.getByTestId('catalog-import-confirm').isDisabled()).toBe(true);

    // The same workbook corrected, with a weekly update cycle: the trial names the resource it would update.
    sheet.getRow(legalPersonRow).getCell(column('提供部门')).value = department;
    sheet.getRow(legalPersonRow).getCell(column('更新周期')).value = '每周';
    await choose('catalog.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    await dialog.getByTestId('catalog-import-preview').waitFor();
    expect(await dialog.getByTestId('catalog-import-updated').textContent()).toBe('102001/000001');
    expect(await dialog.getByTestId('catalog-import-created').textContent()).toBe('');
    // Nothing is saved by the trial.
    const legalPerson = async () =>
      await (await page.request.get('/api/catalog/resources/legal_person')).json();
    expect((await legalPerson()).updateCycle).not.toBe('weekly');
    await session.shot('catalog-import-preview');
    await dialog.getByTestId('catalog-import-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已导入：新增 0 个，更新 1 个').waitFor();
    expect(await legalPerson()).toMatchObject({ updateCycle: 'weekly', version: expect.any(Number) });
  });

  test("greys out, for the providing department, what needs the center's review", async () => {
    await asAdmin('/');
    const { request } = session.page;
    if ((await request.get(allowanceUrl)).status() === 404) await allowanceAt(1);
    // A user of 民政局, the resource's provider, with the password changed from the initial one.
    const username = 'mzj-catalog-e2e';
    const password = 'Mzj#Catalog2026';
    const listed = await (await request.get('/api/users', { params: { q: username } })).json();
    if (!listed.items.some((u: { username: string }) => u.username === username)) {
      const departments = await (await request.get('/api/departments', { params: { pageSize: 500 } })).json();
      const civilAffairs = departments.items.find((d: { name: string }) => d.name === '民政局');
      const created = await request.post('/api/users', {
        data: {
          username,
          displayName: '民政局编目员',
          departmentId: civilAffairs.id,
          roles: ['department_user'],
          password: `${password}-initial`,
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const first = await session.newPage();
      expect(
        (
          await first.request.post('/api/auth/login', { data: { username, password: `${password}-initial` } })
        ).status(),
      ).toBe(200);
      const changed = await first.request.post('/api/auth/password', {
        data: { currentPassword: `${password}-initial`, newPassword: password },
      });
      expect(changed.status()).toBe(204);
    }
    const page = await session.signIn(username, password, {
      on: await session.newPage(),
      path: `/catalog/${encodeURIComponent(allowanceCode)}/edit`,
    });
    const form = page.getByTestId('resource-form');
    const openType = form.locator('.ant-form-item', { has: page.getByText('开放类型', { exact: true }) });
    await openType.getByText('不开放', { exact: true }).waitFor();
    // The resource is not open: narrowing is all the department may do alone.
    const radio = (label: string) => openType.getByRole('radio', { name: label, exact: true });
    expect(await radio('开放').isDisabled()).toBe(true);
    expect(await radio('有条件开放').isDisabled()).toBe(true);
    expect(await radio('不开放').isDisabled()).toBe(false);
    expect(await openType.textContent()).toContain('须经数据资源中心审核');
    // An ID number and a name are personal whatever the box says: ticked and fixed; another item is the user's.
    expect(await form.getByLabel('数据项 1 个人信息').isChecked()).toBe(true);
    expect(await form.getByLabel('数据项 1 个人信息').isDisabled()).toBe(true);
    expect(await form.getByLabel('数据项 2 个人信息').isDisabled()).toBe(true);
    expect(await form.getByLabel('数据项 3 个人信息').isDisabled()).toBe(false);
  });

  test('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
