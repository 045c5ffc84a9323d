// Drives the base registries (基础库) in Debian's Chromium against a real server: people, a company and city
// components delivered through the ingest push API by several departments; a person found by the pinyin initials
// of their name, unmasked on request, and their entity page with merged values, provenance, the conflict and the
// linked company; then the component map with its points over the district outline and its counts; and a license
// issued with its type and holder picked from lists.
import { describe, expect, test } from 'vitest';
import { creditCodeCheck } from '../src/core/cn-codes.ts';
import { browserSession, idNumber, signIn as signInOn } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword });

// A rare four-character name, so its initials find this person alone even beside generated demo people.
const person = { name: '诸葛孔明', initials: 'zgkm', id: idNumber('43011219810723003') };
const other = { name: '司马仲达', id: idNumber('43011219790101002') };
const company = { name: '望城区卧龙科技有限公司', code: creditCode('91430112MA4E2E001') };
// Component codes: division 430112, class, subclass, serial.
const components = [
  {
    component_code: '4301120101000901',
    class: '公用设施',
    subclass: '上水井盖',
    lng: '112.82',
    lat: '28.36',
    status: '完好',
  },
  {
    component_code: '4301120201000902',
    class: '道路交通',
    subclass: '路灯',
    lng: '112.86',
    lat: '28.33',
    status: '破损',
  },
  {
    component_code: '4301120401000903',
    class: '园林绿化',
    subclass: '古树名木',
    lng: '112.80',
    lat: '28.40',
    status: '完好',
  },
];

/** A unified social credit code: the 17 characters given and their GB 32100 check character. */
function creditCode(first17: string) {
  return first17 + creditCodeCheck(first17);
}

/** Signs in on the test's page. */
const signIn = (username: string, password: string) => signInOn(session.page, username, password);

/** Signs the test's page in as the admin and opens `path`. */
const asAdmin = (path: string) => session.signIn('admin', adminPassword, { path });

/** Delivers records to a resource as a department system would, through the ingest push API. */
async function push(resource: string, records: Record<string, string>[]) {
  const response = await session.page.request.post(`/api/ingest/push/${resource}`, { data: { records } });
  expect(response.status(), await response.text()).toBe(200);
}

/** The registries' entity counts. */
async function stats(): Promise<Record<string, number>> {
  const response = await session.page.request.get('/api/registry/stats');
  expect(response.status()).toBe(200);
  return response.json();
}

/**
 * Delivers what 公安, 民政 and 市场监管 deliver about the person, the company and the components, and waits until the
 * registries have merged it all (the counts grown, the phone numbers' conflict recorded).
 */
async function deliverAll() {
  const before = await stats();
  await push('gafj_household', [
    {
      id_number: person.id,
      name: person.name,
      sex: '男',
      birth_date: '1981-07-23',
      address: '望城区高塘岭街道卧龙路1号',
      phone: '13800001234',
      subdistrict: '高塘岭街道',
    },
    { id_number: other.id, name: other.name, sex: '男', birth_date: '1979-01-01', subdistrict: '乌山街道' },
  ]);
  // 民政 is authoritative on marital status, 公安 on names (民政 misspells this one); their phone numbers
  // disagree too, which no precedence settles.
  await push('mzj_marriage', [
    {
      id_number: person.id,
      name: '诸葛孔名',
      marital_status: '已婚',
      registered_on: '2008-05-01',
      phone: '13900005678',
    },
  ]);
  await push('scjgj_entities', [
    {
      credit_code: company.code,
      name: company.name,
      legal_rep_name: person.name,
      legal_rep_id_number: person.id,
      established_on: '2015-03-01',
      registered_capital: '500',
      status: '存续',
      industry: '信息传输、软件和信息技术服务业',
    },
  ]);
  await push('component', components);
  // Merging follows each batch in the background.
  await expect.poll(stats, { timeout: 30_000 }).toMatchObject({
    population: before.population! + 2,
    legal_person: before.legal_person! + 1,
    component: before.component! + 3,
  });
  // Masked, as anyone reads it who does not ask raw with a reason.
  await expect.poll(openConflicts, { timeout: 30_000 }).toContain('138****1234');
}

/** The open conflicts of the population registry, as the API answers (text). */
async function openConflicts() {
  const response = await session.page.request.get('/api/registry/conflicts', {
    params: { registry: 'population', status: 'open' },
  });
  expect(response.status()).toBe(200);
  return response.text();
}

/** What the first test delivers, delivered now unless the registries have the person already. */
async function delivered() {
  const found = await session.page.request.get('/api/registry/population/entities', {
    params: { q: person.initials },
  });
  expect(found.status()).toBe(200);
  if ((await found.json()).total === 0) await deliverAll();
}

describe('base registries', () => {
  test('merges what several departments deliver into the registries', async () => {
    await signIn('admin', adminPassword);
    await deliverAll();
  });

  test('finds a person by the pinyin initials of their name, masked until asked', async () => {
    await asAdmin('/');
    await delivered();
    await session.page.getByRole('menuitem', { name: '基础库' }).click();
    await session.page.waitForURL(/\/registry$/);
    await session.page.getByTestId('registry-card-population').click();
    await session.page.waitForURL(/\/registry\/population$/);
    const rawReads = async () =>
      (await (await session.page.request.get('/api/audit?action=registry.read_personal')).json()).items as {
        detail: { reason: string };
      }[];
    // Opening 基础库 and a registry reads nothing raw: nothing is audited.
    await session.page.getByTestId('entities-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await rawReads()).toEqual([]);
    await session.page.getByTestId('registry-search').getByRole('searchbox').fill(person.initials);
    await session.page.getByTestId('registry-search').getByRole('searchbox').press('Enter');
    await session.page.waitForURL(new RegExp(`q=${person.initials}`));
    const table = session.page.getByTestId('entities-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    // Names and ID numbers are personal: masked, even for an admin, until the admin asks to see them.
    const row = table.locator('tbody tr.ant-table-row').first();
    expect(await row.textContent()).not.toContain(person.name);
    expect(await row.textContent()).not.toContain(person.id);
    expect(await session.page.getByTestId('list-masked').textContent()).toBe('个人信息已脱敏');
    // The birth year tells people apart; the full date (the ID number's hidden digits) stays hidden.
    expect(await row.textContent()).toContain('1981-**-**');
    expect(await row.textContent()).not.toContain('1981-07-23');
    // Unmasking asks why; the view is audited once with the reason.
    await session.page.getByTestId('show-raw').click();
    await session.page.getByTestId('raw-reason').fill('核对户籍信息');
    await session.page.getByTestId('raw-reason-ok').click();
    await table.getByRole('row', { name: new RegExp(person.name) }).waitFor();
    expect(await row.textContent()).toContain(person.id);
    expect(await session.page.getByTestId('list-masked').count()).toBe(0);
    expect(session.page.url()).not.toContain('raw=');
    expect((await rawReads()).map((e) => e.detail.reason)).toEqual(['核对户籍信息']);
    await session.shot('registry-search');

    // The name's Chinese characters find the person too.
    await session.page.getByTestId('registry-search').getByRole('searchbox').fill('孔明');
    await session.page.getByTestId('registry-search').getByRole('searchbox').press('Enter');
    await table.getByRole('row', { name: new RegExp(person.name) }).waitFor();
  });

  test("opens the person's page with merged values, their provenance, the conflict and the company", async () => {
    await asAdmin('/');
    await delivered();
    // The list as the search test leaves it: found by name (masked again on a new page).
    await session.page.goto(`/registry/population?q=${encodeURIComponent('孔明')}`);
    const table = session.page.getByTestId('entities-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await table.getByTestId('entity-link').first().click();
    // The person's page is named by the entity's number, never by the ID number, even encoded.
    await session.page.waitForURL(/\/registry\/population\/\d+$/);
    expect(session.page.url()).not.toContain(person.id);
    expect(session.page.url()).not.toContain(Buffer.from(person.id).toString('base64url'));
    const values = session.page.getByTestId('entity-values');
    await values.waitFor();
    // The page opens masked; unmasking is asked for again here, and audited by the server.
    expect(await session.page.getByTestId('entity-masked').textContent()).toBe('个人信息已脱敏');
    expect(await session.page.getByTestId('value-birth_date').textContent()).toBe('1981-**-**');
    expect(await session.page.getByTestId('value-sex').textContent()).toBe('*');
    await session.page.getByTestId('show-raw').click();
    await session.page.getByTestId('raw-reason').fill('核对户籍信息');
    await session.page.getByTestId('raw-reason-ok').click();
    await expect.poll(() => session.page.getByTestId('value-name').textContent()).toBe(person.name);

    // 公安 has precedence on the name; the marital status comes from 民政; each with its batch and rule.
    const nameRow = values.getByRole('row', { name: /^姓名/ });
    expect(await nameRow.textContent()).toContain('户籍人口登记信息');
    expect(await nameRow.textContent()).toContain('按来源优先级');
    const batch = nameRow.getByRole('link', { name: /^批次 #\d+$/ });
    expect(await batch.getAttribute('href')).toMatch(/^\/ingest\/batches\/\d+$/);
    const maritalRow = values.getByRole('row', { name: /^婚姻状况/ });
    expect(await maritalRow.textContent()).toContain('已婚');
    expect(await maritalRow.textContent()).toContain('婚姻登记信息');
    // Age and birthplace are worked out from the ID number.
    expect(await session.page.getByTestId('value-birthplace').textContent()).toContain('430112');
    expect(await session.page.getByTestId('value-age').textContent()).toMatch(/^\d+ 岁$/);

    // The two phone numbers disagree and no source has precedence: the newest is used and a conflict is open.
    expect(await session.page.getByTestId('value-phone').textContent()).toBe('13900005678');
    const conflicts = session.page.getByTestId('entity-conflicts');
    expect(await conflicts.textContent()).toContain('联系电话');
    expect(await conflicts.textContent()).toContain('13800001234');
    // The page's history starts with the first version.
    expect(await session.page.getByTestId('entity-history').textContent()).toContain('当前版本');
    // The person is the company's legal representative.
    const link = session.page.getByTestId('link-company');
    expect(await link.textContent()).toBe(company.name);
    await session.shot('registry-entity');

    await link.click();
    await session.page.waitForURL(new RegExp(`/registry/legal_person/${company.code}$`));
    await expect.poll(() => session.page.getByTestId('value-name').textContent()).toBe(company.name);
    expect(await session.page.getByTestId('value-org_type_derived').textContent()).toBe('企业');
    await session.page.getByTestId('link-legal-rep').waitFor();
  });

  test('a steward resolves the conflict, and the person takes the chosen value', async () => {
    await asAdmin('/');
    await delivered();
    await session.page.goto('/registry/conflicts');
    // Let the page's lookups (names, labels, who may see raw values) settle, so no re-render meets the clicks.
    await session.page.waitForLoadState('networkidle');
    // Masked by default, for a steward too; unmasking asks why.
    await session.page
      .getByTestId('conflicts-table')
      .getByRole('row', { name: /138\*{4}1234/ })
      .waitFor();
    expect(await session.page.getByTestId('conflicts-table').textContent()).not.toContain(person.id);
    await session.page.getByTestId('show-raw').click();
    await session.page.getByTestId('raw-reason').fill('裁决电话冲突');
    await session.page.getByTestId('raw-reason-ok').click();
    const row = session.page.getByTestId('conflicts-table').getByRole('row', { name: /13800001234/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('待处理');
    await row.locator('[data-testid^=resolve-conflict-]').click();
    const dialog = session.page.getByRole('dialog');
    await dialog.waitFor();
    await session.page.waitForLoadState('networkidle');
    await dialog.getByRole('radio', { name: /13800001234/ }).check();
    await session.page.getByTestId('resolve-submit').click();
    // A confirmation says what the entity will take before anything changes.
    const confirmation = session.page.locator('.ant-modal-confirm');
    expect(await confirmation.textContent()).toContain('“13800001234”');
    await session.page.getByTestId('resolve-confirm').click();
    await session.page.getByText('冲突已裁决').waitFor();
    // Resolved conflicts leave the list of open ones.
    await expect.poll(() => row.count()).toBe(0);
    await session.page.getByTestId('conflicts-status').click();
    await session.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle('已裁决')
      .click();
    await session.page.waitForURL(/status=resolved/);
    await session.page
      .getByTestId('conflicts-table')
      .getByRole('row', { name: /13800001234/ })
      .waitFor();

    await session.page.getByTestId('conflicts-table').getByTestId('conflict-entity').first().click();
    await session.page.waitForURL(/\/registry\/population\/\d+$/);
    // Opened without asking to unmask: the chosen number, masked.
    await expect.poll(() => session.page.getByTestId('value-phone').textContent()).toBe('138****1234');
    const phoneRow = session.page.getByTestId('entity-values').getByRole('row', { name: /^联系电话/ });
    expect(await phoneRow.textContent()).toContain('人工裁决');
    expect(await session.page.getByTestId('entity-conflicts').count()).toBe(0);

    // An objection raised from the masked page reaches the person: the page sends the ref, the server finds the key.
    await session.page.getByTestId('raise-objection').click();
    const form = session.page.getByTestId('objection-form');
    await form.getByRole('combobox').fill('婚姻状况');
    await form.getByRole('combobox').press('Enter');
    await form.getByLabel('纠错理由').fill('与本部门办件材料不一致');
    await session.page.getByRole('button', { name: '提交纠错' }).click();
    await session.page.getByText(/已提交纠错 #\d+/).waitFor();
    const objections = await (await session.page.request.get('/api/registry/objections?scope=all')).json();
    const raised = objections.items.find((o: { reason: string }) => o.reason === '与本部门办件材料不一致');
    expect(raised).toMatchObject({ registry: 'population', item: 'marital_status', source: 'mzj_marriage' });
    expect(raised.ref).toBe(new URL(session.page.url()).pathname.split('/').pop());
  });

  test("opens a registry's quality from its tabs", async () => {
    await asAdmin('/');
    await session.page.goto('/registry/population');
    await session.page.getByTestId('registry-nav-quality').click();
    await session.page.waitForURL(/\/registry\/population\/quality$/);
    await session.page.getByTestId('quality-completeness').waitFor();
  });

  test('shows the components on the map of the district, with their counts', async () => {
    await asAdmin('/');
    await delivered();
    await session.page.goto('/registry/component');
    await session.page.getByTestId('registry-nav-map').click();
    await session.page.waitForURL(/\/registry\/component\/map$/);
    const map = session.page.getByTestId('component-map');
    await map.locator('canvas').first().waitFor();
    const answer = await session.page.request.get('/api/registry/component/map');
    const { points, total } = (await answer.json()) as { points: { key: string }[]; total: number };
    expect(points.map((p) => p.key)).toEqual(expect.arrayContaining(components.map((c) => c.component_code)));
    expect(await session.page.getByTestId('map-count').textContent()).toBe(`共 ${total} 个部件`);
    expect(await map.getAttribute('data-points')).toBe(String(points.length));
    // The legend counts each class's points.
    const legend = session.page.getByTestId('map-legend');
    const roads = points.filter((p) =>
      components.some((c) => c.component_code === p.key && c.class === '道路交通'),
    );
    expect(roads.length).toBe(1);
    expect(await legend.getByRole('listitem').filter({ hasText: '道路交通' }).textContent()).toMatch(
      /道路交通\d+/,
    );
    await session.shot('registry-component-map');

    // Filtering by class asks the server again and redraws with that class alone.
    await session.page.getByTestId('map-class').click();
    await session.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle('道路交通')
      .click();
    await session.page.waitForURL(/class=/);
    const filtered = (await (
      await session.page.request.get('/api/registry/component/map?class=道路交通')
    ).json()) as {
      total: number;
    };
    await expect
      .poll(() => session.page.getByTestId('map-count').textContent())
      .toBe(`符合条件的部件 ${filtered.total} 个`);
    await map.locator('canvas').first().waitFor();
  });

  test('issues a license picking its type from the issuer’s list and its holder from the registries', async () => {
    await asAdmin('/');
    await delivered();
    const page = session.page;
    await page.goto('/registry/licenses');
    await page.getByTestId('license-issue').click();
    const form = page.getByTestId('license-issue-form');
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    // An administrator issues for a department they choose; the types offered are that department's only.
    await form.getByLabel('颁证单位', { exact: true }).click();
    await page.keyboard.type('民政局');
    await dropdown.getByTitle('民政局', { exact: true }).click();
    await form.getByLabel('证照类型', { exact: true }).click();
    await expect
      .poll(async () => (await dropdown.locator('.ant-select-item-option').allTextContents()).sort())
      .toEqual(['离婚证', '结婚证']);
    await dropdown.getByTitle('结婚证', { exact: true }).click();
    const typeItem = form.locator('.ant-form-item', { has: page.getByLabel('证照类型', { exact: true }) });
    await expect
      .poll(() => typeItem.locator('.ant-select-content, .ant-select-selector').first().textContent())
      .toBe('结婚证');

    // The holder is found by name in the population registry, shown masked, and picked.
    await form.getByLabel('持证主体', { exact: true }).click();
    await page.keyboard.type('孔明');
    const option = dropdown.getByTestId('license-holder-option');
    await expect.poll(() => option.count()).toBe(1);
    expect(await option.textContent()).not.toContain(person.name);
    expect(await option.textContent()).not.toContain(person.id);
    await option.click();
    await session.shot('license-issue-pickers');
    expect(await typeItem.locator('.ant-select-content, .ant-select-selector').first().textContent()).toBe(
      '结婚证',
    );
    await page.getByRole('dialog').getByRole('button', { name: '签发证照' }).click();
    await page.getByText(/^已签发证照 /).waitFor();
    await form.waitFor({ state: 'detached' });

    // The license names the registry's person, under the list's type name: masked by default, raw when asked
    // with a reason.
    const licenses = (raw: Record<string, string>) =>
      page.request.get('/api/registry/licenses', { params: { holder: person.name, ...raw } });
    // Filtering on a person's name needs the raw view: a masked hit would confirm a guessed name.
    expect((await (await licenses({})).json()).items).toEqual([]);
    expect((await (await licenses({ raw: 'true', reason: '核对签发' })).json()).items).toEqual([
      expect.objectContaining({
        holderId: person.id,
        holderName: person.name,
        typeName: '结婚证',
        issuerName: '民政局',
        masked: false,
      }),
    ]);

    // The list shows holders masked until the raw view is turned on with a reason.
    const table = page.getByTestId('licenses-table');
    const holder = page
      .getByRole('searchbox', { name: '持证主体代码或名称' })
      .or(page.getByLabel('持证主体代码或名称'));
    await holder.first().fill(person.name);
    await holder.first().press('Enter');
    await expect.poll(() => table.locator('tbody').textContent()).toContain('须先“查看明文”');
    expect(await table.locator('tbody').textContent()).not.toContain(person.id);
    await page.getByTestId('show-raw').click();
    await page.getByTestId('raw-reason').fill('核对签发');
    await page.getByTestId('raw-reason-ok').click();
    await expect.poll(() => table.locator('tbody').textContent()).toContain(person.id);
  });

  test('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
