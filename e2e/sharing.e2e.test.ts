// Drives sharing and exchange (共享交换) in Debian's Chromium against a real server, from catalog search to a working
// API call: a 卫健局 user finds 户籍人口登记信息 (有条件共享, provided by 公安分局) in the catalog and applies for some of
// its items; a 公安分局 user approves from their inbox, then the center's admin; the applicant, told by the bell,
// opens the grant, creates a credential and reads its token once, then the API documentation's example request; their
// system calls that URL with the token and gets the row with the personal items masked, and is refused an item not
// granted; the calls show on the usage page, and the provider sees who uses its data.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSession, idNumber, signIn, signInByApi, todayInShanghai } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword });

const resource = { alias: 'gafj_household', name: '户籍人口登记信息' };
const applicant = {
  username: 'wjj.e2e',
  displayName: '卫健局数据员',
  department: 'WJJ',
  password: 'Wjj#E2e2026x',
};
const provider = {
  username: 'gafj.e2e',
  displayName: '公安分局审批员',
  department: 'GAFJ',
  password: 'Gafj#E2e2026x',
};
const person = { id: idNumber('43011219870412001'), name: '张伟', phone: '13812345678' };
const neighbour = { id: idNumber('43011219920930002'), name: '欧阳娜娜', phone: '13987654321' };
// Asked for: two personal items (masked, as none is asked raw) and three plain ones.
const asked = ['id_number', 'name', 'sex', 'birth_date', 'subdistrict'];
// What the applicant fills in: the consuming system names the application in the lists.
const consumingSystem = '卫健局家庭医生签约系统';
const purpose = '核验签约居民的身份与户籍所在街道';
const legalBasis = '《基本医疗卫生与健康促进法》第三十一条';

/**
 * Creates a department user as the admin (the test's page, signed in as the admin), who then sets their own password
 * (an account an admin created must change it first: done through the API to come to the point); nothing when the
 * user exists already.
 */
async function departmentUser(user: typeof applicant) {
  const existing = await session.page.request.get('/api/users', { params: { q: user.username } });
  expect(existing.status()).toBe(200);
  if ((await existing.json()).items.some((u: { username: string }) => u.username === user.username)) return;
  const departments = await session.page.request.get('/api/departments', { params: { pageSize: 500 } });
  expect(departments.status()).toBe(200);
  const { items } = (await departments.json()) as { items: { id: number; code: string }[] };
  const department = items.find((d) => d.code === user.department);
  expect(department, user.department).toBeDefined();
  const initial = `${user.password}-initial`;
  const created = await session.page.request.post('/api/users', {
    data: {
      username: user.username,
      displayName: user.displayName,
      departmentId: department!.id,
      roles: ['department_user'],
      password: initial,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const page = await session.newPage();
  const login = await page.request.post('/api/auth/login', {
    data: { username: user.username, password: initial },
  });
  expect(login.status()).toBe(200);
  const changed = await page.request.post('/api/auth/password', {
    data: { currentPassword: initial, newPassword: user.password },
  });
  expect(changed.status()).toBe(204);
}

/** 公安分局's delivery of the two people, merged into the population registry; nothing when delivered already. */
async function delivery() {
  const batches = await session.page.request.get('/api/ingest/batches', {
    params: { resource: resource.alias },
  });
  expect(batches.status()).toBe(200);
  if ((await batches.json()).total > 0) return;
  const pushed = await session.page.request.post(`/api/ingest/push/${resource.alias}`, {
    data: {
      records: [
        {
          id_number: person.id,
          name: person.name,
          sex: '男',
          birth_date: '1987-04-12',
          address: '望城区高塘岭街道雷锋大道18号',
          phone: person.phone,
          subdistrict: '高塘岭街道',
        },
        {
          id_number: neighbour.id,
          name: neighbour.name,
          sex: '女',
          birth_date: '1992-09-30',
          phone: neighbour.phone,
          subdistrict: '乌山街道',
        },
      ],
    },
  });
  expect(pushed.status(), await pushed.text()).toBe(200);
  // The registries merge the delivery in the background: waited for, so that no test's pages wait behind it.
  await expect
    .poll(
      async () =>
        (
          await (
            await session.page.request.get('/api/registry/population/entities', { params: { q: person.id } })
          ).json()
        ).total,
      { timeout: 30_000 },
    )
    .toBe(1);
}

/**
 * What every test starts from: the admin signed in on the test's page, the two departments' users and 公安分局's
 * delivery (made by the first test, or now when a test runs alone).
 */
async function prepared() {
  await session.signIn('admin', adminPassword);
  await departmentUser(applicant);
  await departmentUser(provider);
  await delivery();
}

/** A page of the user's own, signed in, on `path` (home). */
const pageOf = async (user: typeof applicant, path = '/') =>
  session.signIn(user.username, user.password, { on: await session.newPage(), path });

type Stage = 'pending_provider' | 'pending_center' | 'approved';

/**
 * The application of the apply test, brought through the API to `stage` as the approval tests would: applied for
 * (with what the apply test fills in) when there is none, approved by 公安分局 and then by the center as far as
 * `stage` needs. Returns its page's path and, once approved, its grant's id.
 */
async function applicationAt(stage: Stage): Promise<{ path: string; grantId: number }> {
  const as = async (user: { username: string; password: string }) => {
    const page = await session.newPage();
    await signInByApi(page, user.username, user.password);
    return page.request;
  };
  const mine = await as(applicant);
  const list = await mine.get('/api/sharing/applications', {
    params: { scope: 'mine', resource: resource.alias, q: consumingSystem },
  });
  expect(list.status()).toBe(200);
  let application = ((await list.json()).items as { id: number; status: string }[]).find((a) =>
    ['pending_provider', 'pending_center', 'approved'].includes(a.status),
  );
  if (!application) {
    const created = await mine.post('/api/sharing/applications', {
      data: {
        resource: resource.alias,
        purpose,
        legalBasis,
        items: asked,
        rawItems: [],
        rowFilter: {},
        consumingSystem,
        periodFrom: todayInShanghai(),
        periodTo: todayInShanghai(364),
        expectedDailyCalls: 1000,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    application = await created.json();
  }
  const decide = async (by: { username: string; password: string }) => {
    const decided = await (await as(by)).post(`/api/sharing/applications/${application!.id}/decide`, {
      data: { decision: 'approve' },
    });
    expect(decided.status(), await decided.text()).toBe(200);
    application = await decided.json();
  };
  if (application!.status === 'pending_provider' && stage !== 'pending_provider') await decide(provider);
  if (application!.status === 'pending_center' && stage === 'approved')
    await decide({ username: 'admin', password: adminPassword });
  expect(application!.status).toBe(stage);
  const detail = await (await mine.get(`/api/sharing/applications/${application!.id}`)).json();
  return { path: `/sharing/applications/${application!.id}`, grantId: detail.grant?.id };
}

/** A new credential of the grant, created through the API by the applicant: its bearer token. */
async function newToken(grantId: number) {
  const page = await session.newPage();
  await signInByApi(page, applicant.username, applicant.password);
  const created = await page.request.post(`/api/sharing/grants/${grantId}/credentials`);
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { token: string }).token;
}

/**
 * Calls the sharing API as the consuming system does: Node's fetch, the token in the Authorization header; `path`
 * is under /api/share/v1/, or a whole URL.
 */
async function shareCall(path: string, token?: string) {
  const url = path.startsWith('http') ? path : `${session.server.url}/api/share/v1/${path}`;
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

/** The unread count the header's bell shows (0 when the badge is hidden). */
async function bellCount(on: Page) {
  await on.getByTestId('notification-bell').waitFor();
  const badge = on.locator('.ant-badge').filter({ has: on.getByTestId('notification-bell') });
  const count = badge.locator('.ant-badge-count');
  if ((await count.count()) === 0) return 0;
  return Number(await count.getAttribute('title'));
}

describe('sharing: apply, approve, call', () => {
  test('sets up the two departments’ users and the data 公安分局 delivers', async () => {
    await signIn(session.page, 'admin', adminPassword);
    await departmentUser(applicant);
    await departmentUser(provider);
    // Each signs in through the form with the password they set.
    for (const user of [applicant, provider])
      await signIn(await session.newPage(), user.username, user.password);
    await delivery();
  });

  test('the applicant finds the resource in the catalog and applies for some of its items', async () => {
    await prepared();
    const page = await pageOf(applicant);
    await page.getByRole('menuitem', { name: '资源目录' }).click();
    await page.waitForURL(/\/catalog$/);
    const search = page.getByTestId('catalog-search').getByRole('searchbox');
    await search.fill('户籍人口');
    await search.press('Enter');
    await page.waitForURL(/q=/);
    await page.getByRole('link', { name: resource.name }).click();
    await page.getByRole('heading', { name: resource.name }).waitFor();
    await page.getByTestId('resource-apply').click();
    await page.waitForURL(new RegExp(`/sharing/apply/${resource.alias}$`));
    // The form says who approves before anything is filled in.
    await page.getByText('需经提供部门（公安分局）审批，再经数据资源中心审批').waitFor();

    const form = page.getByTestId('apply-form');
    // Submitting empty names what is missing, and nothing is created.
    await page.getByTestId('apply-submit').click();
    await form.getByText('请至少选择一个数据项').waitFor();
    await form.getByText('请填写用途').waitFor();

    for (const code of asked) await page.getByTestId(`apply-item-${code}`).click();
    // The personal items chosen may be asked raw; none is, so they will be served masked.
    const raw = page.getByTestId('apply-raw-items');
    await expect.poll(() => raw.getByRole('checkbox').count()).toBe(2);
    expect(await raw.textContent()).toContain('公民身份号码');
    expect(await raw.textContent()).toContain('姓名');
    for (const box of await raw.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(false);
    await form.getByLabel('使用系统').fill(consumingSystem);
    await form.getByLabel('用途').fill(purpose);
    await form.getByLabel('法律依据').fill(legalBasis);
    await session.shot('sharing-apply', { on: page });
    await page.getByTestId('apply-submit').click();
    await page.getByText('申请已提交').waitFor();
    await page.waitForURL(/\/sharing\/applications\/\d+$/);
    await page.getByText('待提供部门审批').first().waitFor();
    // The applicant cannot approve their own application.
    expect(await page.getByTestId('application-approve').count()).toBe(0);
  });

  test('the provider department approves from its inbox', async () => {
    await prepared();
    const { path: applicationUrl } = await applicationAt('pending_provider');
    const page = await pageOf(provider);
    // Told by the bell that an application waits for them.
    await expect.poll(() => bellCount(page)).toBeGreaterThan(0);
    await page.getByRole('menuitem', { name: '共享交换' }).click();
    await page.waitForURL(/\/sharing\/applications/);
    await page.getByTestId('applications-tab-inbox').click();
    await page.waitForURL(/scope=inbox/);
    const row = page.getByTestId('applications-table').getByRole('row', { name: /卫健局家庭医生签约系统/ });
    expect(await row.textContent()).toContain('卫健局');
    expect(await row.textContent()).toContain('待提供部门审批');
    await row.getByRole('link', { name: resource.name }).click();
    await page.waitForURL(new RegExp(`${applicationUrl}$`));
    await page.getByTestId('application-approve').click();
    await page.getByRole('dialog').getByText('批准后进入数据资源中心审批').waitFor();
    await page.getByTestId('decide-confirm').click();
    await page.getByText('已处理').waitFor();
    await page.getByText('待中心审批').first().waitFor();
    // Their stage done, the provider has nothing more to decide.
    await expect.poll(() => page.getByTestId('application-approve').count()).toBe(0);
    await page.getByTestId('application-timeline').getByText('提供部门 · 批准').waitFor();
  });

  test('the center approves, and the grant is made', async () => {
    await prepared();
    const { path: applicationUrl } = await applicationAt('pending_center');
    const page = session.page;
    await page.getByRole('menuitem', { name: '共享交换' }).click();
    await page.waitForURL(/\/sharing\/applications/);
    // Center staff open on their inbox.
    const row = page.getByTestId('applications-table').getByRole('row', { name: /卫健局家庭医生签约系统/ });
    expect(await row.textContent()).toContain('待中心审批');
    await row.getByRole('link', { name: resource.name }).click();
    await page.waitForURL(new RegExp(`${applicationUrl}$`));
    await page.getByTestId('application-approve').click();
    await page.getByRole('dialog').getByText('批准后即生成授权').waitFor();
    await page.getByTestId('decide-confirm').click();
    await page.getByText('已处理').waitFor();
    await page.getByText('已批准').first().waitFor();
    const grant = page.getByTestId('application-grant');
    await grant.waitFor();
    expect(await grant.textContent()).toContain('有效');
    await session.shot('sharing-approved');
  });

  test('the applicant, told by the bell, opens the grant and creates a credential', async () => {
    await prepared();
    const { path: applicationUrl } = await applicationAt('approved');
    const page = await pageOf(applicant);
    await page.getByTestId('home-title').waitFor();
    // Forwarded by the provider, then approved by the center: both unread.
    await expect.poll(() => bellCount(page)).toBeGreaterThanOrEqual(2);
    await page.getByTestId('notification-bell').click();
    await page.waitForURL(/\/sharing\/notifications$/);
    const notice = page
      .getByTestId('notifications-list')
      .locator('.ant-list-item')
      .filter({ hasText: `您对“${resource.name}”的申请已批准，授权已生成` });
    await notice.getByRole('link', { name: '查看' }).click();
    await page.waitForURL(new RegExp(`${applicationUrl}$`));
    await page.getByText('已批准').first().waitFor();
    // Opening the notice marked it read.
    await expect.poll(() => bellCount(page)).toBe(1);

    await page.getByTestId('application-open-grant').click();
    await page.waitForURL(/\/sharing\/grants\/\d+$/);
    const fields = page.getByTestId('grant-fields');
    await fields.waitFor();
    // The grant serves what was asked, the two personal items masked.
    expect(await fields.textContent()).toContain('公民身份号码');
    expect(await fields.textContent()).not.toContain('联系电话');
    await page.getByTestId('credentials-card').getByText('还没有调用凭证').waitFor();
    await page.getByTestId('credential-create').click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    const token = (await secret.textContent())?.trim() ?? '';
    expect(token).toMatch(/^ak_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    await session.shot('sharing-credential', { on: page, fullPage: false });
    await page.getByRole('button', { name: '我已保存' }).click();
    await secret.waitFor({ state: 'detached' });
    // The list shows the key id alone: the secret is never shown again.
    const credentials = page.getByTestId('credentials-table');
    await credentials.getByText(token.split('.')[0]!).waitFor();
    expect((await page.content()).includes(token.split('.')[1]!), 'the secret is still on the page').toBe(
      false,
    );
    expect(await credentials.textContent()).toContain('有效');
  });

  test('the grant leads to the API documentation, with an example request to copy', async () => {
    await prepared();
    const { grantId } = await applicationAt('approved');
    const page = await pageOf(applicant, `/sharing/grants/${grantId}`);
    await page.getByTestId('grant-api-docs').click();
    await page.waitForURL(new RegExp(`/sharing/resources/${resource.alias}/api$`));
    // The items as this grant returns them.
    const items = page.getByTestId('api-docs-items');
    const handling = async (code: string) =>
      (await items.getByRole('row', { name: new RegExp(`^${code}\\b`) }).textContent()) ?? '';
    await items.getByRole('row', { name: /^id_number/ }).waitFor();
    expect(await handling('id_number')).toContain('脱敏返回');
    expect(await handling('name')).toContain('脱敏返回');
    // Sex is no personal item, but beside a masked ID number it would give part of it away: masked too.
    expect(await handling('sex')).toContain('脱敏返回');
    expect(await handling('subdistrict')).toContain('原样返回');
    expect(await handling('phone')).toContain('未授权');
    // The first example fetches a row by key; its URL is what the consuming system will call.
    const example = (await page.getByTestId('api-docs-example').first().textContent()) ?? '';
    expect(example).toContain('Authorization: Bearer');
    const exampleUrl = /"(http[^"]+)"/.exec(example)?.[1] ?? '';
    expect(exampleUrl).toBe(`${session.server.url}/api/share/v1/${resource.alias}/<key>`);
    await session.shot('sharing-api-docs', { on: page });
  });

  test('the consuming system calls the sharing API with the token', async () => {
    await prepared();
    const { grantId } = await applicationAt('approved');
    const token = await newToken(grantId);
    // The URL the documentation page shows, as the docs test reads it.
    const docs = await pageOf(applicant, `/sharing/resources/${resource.alias}/api`);
    const example = (await docs.getByTestId('api-docs-example').first().textContent()) ?? '';
    const exampleUrl = /"(http[^"]+)"/.exec(example)?.[1] ?? '';
    // The example request of the documentation page, with a real key.
    const row = await shareCall(exampleUrl.replace('<key>', person.id), token);
    expect(row.status, row.text).toBe(200);
    const values = row.body.values as Record<string, string | null>;
    // Personal items masked as the issue says, and sex and birth date with the ID number they would give away;
    // plain ones as delivered; items not granted left out.
    expect(values).toEqual({
      id_number: `${person.id.slice(0, 6)}********${person.id.slice(-4)}`,
      name: '张*',
      sex: '*',
      birth_date: '1987-**-**',
      subdistrict: '高塘岭街道',
    });
    expect(row.text).not.toContain(person.id);
    expect(row.text).not.toContain(person.phone);

    // The list endpoint filters on a granted item; the compound surname keeps both characters.
    const list = await shareCall(`${resource.alias}?subdistrict=${encodeURIComponent('乌山街道')}`, token);
    expect(list.status, list.text).toBe(200);
    expect(list.body.total).toBe(1);
    expect((list.body.items as { values: Record<string, string> }[])[0]!.values.name).toBe('欧阳**');

    // Asking for an item not granted is refused, and says which, without data.
    const phone = await shareCall(`${resource.alias}/${person.id}?items=name,phone`, token);
    expect(phone.status, phone.text).toBe(403);
    expect(phone.body.code).toBe('item_not_granted');
    expect(phone.text).not.toContain(person.phone);
    expect(phone.text).not.toContain('张');

    // A tampered secret and a missing header are refused too.
    const [keyId, secretPart] = token.split('.') as [string, string];
    const tampered = await shareCall(
      `${resource.alias}/${person.id}`,
      `${keyId}.${secretPart.slice(0, -1)}${secretPart.endsWith('A') ? 'B' : 'A'}`,
    );
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe('bad_signature');
    const anonymous = await shareCall(`${resource.alias}/${person.id}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('no_credential');
  });

  test('the applicant sees their calls on the usage page, and the provider who uses its data', async () => {
    await prepared();
    const { grantId } = await applicationAt('approved');
    // The calls of the consuming system, through a credential of this test's own.
    const token = await newToken(grantId);
    const keyId = token.split('.')[0]!;
    expect((await shareCall(`${resource.alias}/${person.id}`, token)).status).toBe(200);
    expect(
      (await shareCall(`${resource.alias}?subdistrict=${encodeURIComponent('乌山街道')}`, token)).status,
    ).toBe(200);
    expect((await shareCall(`${resource.alias}/${person.id}?items=name,phone`, token)).status).toBe(403);
    const page = await pageOf(applicant);
    const providerPage = await pageOf(provider);
    await page.getByRole('menuitem', { name: '调用统计' }).click();
    await page.waitForURL(/\/sharing\/usage/);
    const rows = page.getByTestId('usage-calls').locator('tbody tr.ant-table-row').filter({ hasText: keyId });
    const served = rows.filter({ hasText: '200 成功' });
    await expect.poll(() => served.count()).toBe(2);
    expect(await served.first().textContent()).toContain(resource.name);
    expect(await served.first().textContent()).toContain('卫健局家庭医生签约系统');
    await rows.filter({ hasText: '403 数据项未授权' }).first().waitFor();
    await session.shot('sharing-usage', { on: page });

    // 公安分局 sees who uses its resource.
    await providerPage.getByRole('menuitem', { name: '调用统计' }).click();
    await providerPage.waitForURL(/\/sharing\/usage/);
    const top = providerPage.getByTestId('usage-top').getByRole('row', { name: /卫健局/ });
    await top.waitFor();
    expect(await top.textContent()).toContain('卫健局家庭医生签约系统');
  });

  test('an administrator decides for a department only by saying so, and never two stages', async () => {
    await prepared();
    const mine = await session.newPage();
    await signInByApi(mine, applicant.username, applicant.password);
    const created = await mine.request.post('/api/sharing/applications', {
      data: {
        resource: resource.alias,
        purpose: '核对慢病随访对象的户籍街道',
        legalBasis,
        items: ['name', 'subdistrict'],
        consumingSystem: '卫健局慢病随访系统',
        periodFrom: todayInShanghai(),
        periodTo: todayInShanghai(364),
        expectedDailyCalls: 100,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const id = (await created.json()).id as number;
    const page = await session.signIn('admin', adminPassword, { path: `/sharing/applications/${id}` });
    await page.getByTestId('application-approve').click();
    const dialog = page.getByRole('dialog');
    // Not of 公安分局, the admin must confirm acting for it before the approval is sent.
    await dialog.getByText('确认代表公安分局审批').waitFor();
    await page.getByTestId('decide-confirm').click();
    await dialog.getByText('请确认代表该部门审批').waitFor();
    await page.getByTestId('decide-on-behalf').click();
    await page.getByTestId('decide-confirm').click();
    await page.getByText('已处理').waitFor();
    await page.getByTestId('application-timeline').getByText('admin (代表公安分局)').waitFor();
    // The center stage is for someone else: the steps are greyed, with why.
    await page.getByTestId('application-decide-refusal').getByText('您已审批过该申请的上一环节').waitFor();
    expect(await page.getByTestId('application-approve-disabled').isDisabled()).toBe(true);
    expect(await page.getByTestId('application-approve').count()).toBe(0);
    await session.shot('sharing-separation-of-duties', { on: page });
  });

  test('raised no uncaught error in the pages', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
