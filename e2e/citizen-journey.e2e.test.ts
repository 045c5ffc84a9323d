// Issue 18's "done when", in Debian's Chromium at phone size (360×740, touch, zh-CN): a resident whom 公安分局's
// household register holds signs up with their real name, sees what the registries hold about them with where it
// came from, finds the license 公安分局 issued them in the wallet with its QR code (which the public check accepts),
// reports a broken manhole cover with a photo and their phone's position, follows it to the department's reply and
// rates it (the case is closed), and fills 卫健局's form, whose bound fields arrive prefilled with the registry's
// values; 卫健局 finds the submission in its inbox with those values. The staff's side (the register's delivery,
// the license, the form, the department's reply and the desk's review) goes through the API, as their systems and
// the console would. Screenshots of each step are kept as e2e/artifacts/citizen-journey-NN-<step>.png.
import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { artifacts, browserSession, idNumber, repoRoot, untilStill } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword });

// The resident as 公安分局's household register holds them (a name no other test uses).
const resident = {
  name: '欧阳晓雯',
  idNumber: idNumber('43011219930315204'),
  phone: '13712345678',
  address: '望城区高塘岭街道郭亮中路66号',
  password: 'Journey#2026x',
};
const staffPassword = 'Staff#Journey2026';
const formCode = 'e2e-journey-health';
const formTitle = '居民健康服务登记';
const freeAnswer = '望城区人民医院';
const reply = '已更换井盖并设置警示标志，感谢您的反映。';

// A real picture for the phone to decode, shrink and re-encode as JPEG: the app's own icon.
const png = fs.readFileSync(path.join(repoRoot, 'web/public/m/icon-512.png'));

// The API clients the test opened (each with its own cookies), disposed of after it.
let clients: APIRequestContext[] = [];
afterEach(async () => {
  for (const client of clients) await client.dispose();
  clients = [];
});

/** An API client of its own signed in as `username`. */
async function apiAs(username: string, password: string) {
  const client = await request.newContext({ baseURL: session.server.url });
  clients.push(client);
  const res = await client.post('/api/auth/login', { data: { username, password } });
  expect(res.status(), `signing in ${username}: ${await res.text()}`).toBe(200);
  return client;
}

/** A department user made by the admin, who has replaced the password given; signed in. */
async function departmentUser(admin: APIRequestContext, username: string, departmentId: number) {
  const initial = `${staffPassword}-initial`;
  const created = await admin.post('/api/users', {
    data: {
      username,
      displayName: username,
      password: initial,
      departmentId,
      roles: ['department_user'],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const client = await apiAs(username, initial);
  const changed = await client.post('/api/auth/password', {
    data: { currentPassword: initial, newPassword: staffPassword },
  });
  expect(changed.status(), await changed.text()).toBe(204);
  return client;
}

/** The body of a 2xx answer, failing with the answer's text otherwise. */
async function ok<T = Record<string, unknown>>(
  answer: Promise<Awaited<ReturnType<APIRequestContext['get']>>>,
  status = 200,
): Promise<T> {
  const res = await answer;
  expect(res.status(), `${res.url()}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

/** The path of the page shown. */
const pathOf = (page: Page) => new URL(page.url()).pathname;

let shots = 0;
/**
 * Saves e2e/artifacts/citizen-journey-NN-<step>.png of the whole page once nothing on it moves (see untilStill),
 * the tab bar at the page's end rather than fixed over the middle of the picture.
 */
async function shot(page: Page, step: string) {
  shots += 1;
  const name = `citizen-journey-${String(shots).padStart(2, '0')}-${step}`;
  await page.evaluate(() => window.scrollTo(0, 0));
  // A record, not a check: the assertions say whether the step passed.
  await untilStill(page).catch((error) =>
    console.warn(`${name}.png taken while the page moved: ${error.message}`),
  );
  await page.screenshot({
    path: path.join(artifacts, `${name}.png`),
    fullPage: true,
    style: '[data-testid="tab-bar"] { position: static !important; }',
  });
}

type Provenance = { department: string | null; sourceName: string | null; observedAt: string | null };
type RegistryEntry = { values: Record<string, string>; provenance: Record<string, Provenance> };

describe('the citizen app, end to end', () => {
  test('a resident signs up, sees their information and license, reports and rates, and fills a prefilled form', async () => {
    // ——— Setup, as the staff's systems would: the register's delivery, a license, a published form. ———
    const admin = await apiAs('admin', adminPassword);
    const { items: departments } = await ok<{ items: { id: number; code: string; name: string }[] }>(
      admin.get('/api/departments', { params: { pageSize: 500 } }),
    );
    const department = (code: string) => departments.find((d) => d.code === code)!;

    await ok(
      admin.post('/api/ingest/push/gafj_household', {
        data: {
          records: [
            {
              id_number: resident.idNumber,
              name: resident.name,
              sex: '女',
              birth_date: '1993-03-15',
              address: resident.address,
              phone: resident.phone,
              subdistrict: '高塘岭街道',
            },
          ],
        },
      }),
    );
    // What the population registry holds about the resident once it has merged the delivery (read raw, with a
    // reason, as the center may): the values every page below must show.
    const found = async () =>
      (
        await ok<{ items: { ref: string }[] }>(
          admin.get('/api/registry/population/entities', {
            params: { q: resident.idNumber, raw: 'true', reason: '核对市民端展示' },
          }),
        )
      ).items;
    await expect.poll(async () => (await found()).length, { timeout: 30_000 }).toBe(1);
    const [{ ref }] = await found();
    const registry = await ok<RegistryEntry>(
      admin.get(`/api/registry/population/entities/${encodeURIComponent(ref!)}`, {
        params: { raw: 'true', reason: '核对市民端展示' },
      }),
    );
    expect(registry.values).toMatchObject({
      name: resident.name,
      id_number: resident.idNumber,
      address: resident.address,
      phone: resident.phone,
    });

    // 公安分局 issues the resident a 居住证.
    const gafj = await departmentUser(admin, 'gafj.journey', department('GAFJ').id);
    const license = await ok<{ id: string; typeName: string; issuerName: string; qr: string }>(
      gafj.post('/api/registry/licenses', {
        data: {
          holderId: resident.idNumber,
          holderIdType: '111',
          holderName: resident.name,
          typeCode: '11100000000013338W022',
        },
      }),
      201,
    );
    expect(license.typeName).toBe('居住证');

    // 卫健局 designs and publishes a form: three fields bound to the registry, one asked of the resident.
    const wjj = await departmentUser(admin, 'wjj.journey', department('WJJ').id);
    const form = await ok<{ id: number }>(
      wjj.post('/api/forms', {
        data: {
          code: formCode,
          title: formTitle,
          description: '签约家庭医生前，请核对并补充以下信息。',
          audience: 'person',
          receivingDepartmentIds: [department('WJJ').id],
          fields: [
            { key: 'name', label: '姓名', type: 'text', required: true, binding: 'person.name' },
            {
              key: 'id_number',
              label: '公民身份号码',
              type: 'id_number',
              required: true,
              binding: 'person.id_number',
            },
            { key: 'address', label: '住址', type: 'text', required: true, binding: 'person.address' },
            {
              key: 'hospital',
              label: '常去的医疗机构',
              type: 'text',
              required: true,
              reuseKey: 'usual_hospital',
            },
          ],
        },
      }),
      201,
    );
    await ok(wjj.post(`/api/forms/${form.id}/publish`));

    // ——— The resident's phone. ———
    const phone = await session.browser.newContext({
      baseURL: session.server.url,
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      // Standing on 郭亮中路 in 高塘岭街道, and letting the app ask where.
      geolocation: { longitude: 112.82, latitude: 28.36, accuracy: 20 },
      permissions: ['geolocation'],
    });
    try {
      phone.setDefaultTimeout(20_000);
      phone.setDefaultNavigationTimeout(30_000);
      const page = await phone.newPage();
      page.on('pageerror', (error) => session.pageErrors.push(error.message));
      const tabBar = page.getByTestId('tab-bar');
      const homeTile = (label: string) =>
        page.getByTestId('home-tiles').getByText(label, { exact: true }).tap();
      // The top bar's back arrow (named for screen readers).
      const back = () => page.getByLabel('返回', { exact: true }).tap();

      // 1. Sign-up with the real name, from the sign-in page a stranger is sent to.
      await page.goto('/m/');
      await expect.poll(() => pathOf(page)).toBe('/m/login');
      await page.getByRole('link', { name: '没有账号？实名注册' }).tap();
      await expect.poll(() => pathOf(page)).toBe('/m/signup');
      await page.getByLabel('姓名').fill(resident.name);
      await page.getByLabel('身份证号').fill(resident.idNumber);
      await page.getByLabel('手机号').fill(resident.phone);
      await page.getByLabel('设置密码').fill(resident.password);
      await page.getByLabel('确认密码').fill(resident.password);
      await shot(page, 'signup');
      await page.getByRole('button', { name: '核验并注册' }).tap();

      // 2. Signed in and home, greeted by the registry's name.
      await expect.poll(() => pathOf(page)).toBe('/m/');
      await expect.poll(() => page.getByTestId('home-greeting').textContent()).toBe(`${resident.name}，您好`);
      await page.getByTestId('home-tiles').waitFor();
      await shot(page, 'home');

      // 3. My information: the registry's values, each with where it came from in plain words.
      await homeTile('我的信息');
      await expect.poll(() => pathOf(page)).toBe('/m/profile');
      const item = (code: string) => page.locator(`[data-testid="profile-item"][data-item="${code}"]`);
      await item('name').waitFor();
      for (const code of ['name', 'id_number', 'address', 'phone']) {
        expect(await item(code).getByTestId('profile-value').textContent(), code).toBe(registry.values[code]);
        const source = registry.provenance[code]!;
        const date = new Date(source.observedAt!).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
        expect(await item(code).getByTestId('profile-source').textContent(), code).toBe(
          `来源：${source.department}《${source.sourceName}》，${date} 报送`,
        );
      }
      expect(registry.provenance.name!.department).toBe('公安分局');
      await shot(page, 'profile');

      // 4. The wallet: the license 公安分局 issued, as a card.
      await tabBar.getByText('首页', { exact: true }).tap();
      await expect.poll(() => pathOf(page)).toBe('/m/');
      await homeTile('我的证照');
      await expect.poll(() => pathOf(page)).toBe('/m/licenses');
      await page.getByText('共 1 个电子证照').waitFor();
      const card = page.getByTestId('wallet-card');
      expect(await card.count()).toBe(1);
      const cardText = await card.textContent();
      expect(cardText).toContain('居住证');
      expect(cardText).toContain(`持证人：${resident.name}`);
      expect(cardText).toContain(license.issuerName);
      expect(cardText).toContain(license.id.slice(-6));
      await shot(page, 'wallet');

      // 5. The license with its QR code, which the public check (/verify) accepts as this valid license.
      await card.tap();
      await expect.poll(() => pathOf(page)).toBe(`/m/licenses/${license.id}/`);
      const qr = page.getByRole('img', { name: '证照二维码' });
      await qr.waitFor();
      const payload = (await qr.getAttribute('data-qr'))!;
      expect(payload).toBe(license.qr);
      expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(200);
      expect(await page.getByText(license.id, { exact: true }).count()).toBe(1);
      const verdict = await ok<{ verdict: string; license: { id: string } }>(
        page.request.get('/api/public/licenses/verify', { params: { qr: payload } }),
      );
      expect(verdict).toMatchObject({ verdict: 'valid', license: { id: license.id } });
      await shot(page, 'license');

      // 6. 随手拍: a photo, the phone's position, the text; the category is suggested as the resident types.
      await back();
      await expect.poll(() => pathOf(page)).toBe('/m/licenses');
      await back();
      await expect.poll(() => pathOf(page)).toBe('/m/');
      await tabBar.getByText('随手拍', { exact: true }).tap();
      await expect.poll(() => pathOf(page)).toBe('/m/report');
      await page
        .getByTestId('report-photo-input')
        .setInputFiles({ name: 'manhole.png', mimeType: 'image/png', buffer: png });
      await expect.poll(() => page.locator('[data-testid="report-photos"] img').count()).toBe(1);
      await page.getByRole('button', { name: '使用我的位置' }).tap();
      await expect.poll(() => page.getByTestId('report-place').textContent()).toContain('高塘岭街道');
      const content = '郭亮中路66号门前人行道上的井盖缺了一块，晚上很危险，老人小孩容易踩空';
      await page.getByTestId('report-content').locator('textarea').first().fill(content);
      // The top suggestion, taken unless the resident picks another.
      const suggested = page.getByTestId('report-category').getByRole('option', { name: /井盖缺失或破损/ });
      await suggested.waitFor();
      expect(await suggested.getAttribute('aria-selected')).toBe('true');
      await shot(page, 'report');
      await page.getByTestId('report-submit').tap();

      // 7. The report, sent to the department the category's rule names.
      await page.waitForURL(/\/m\/reports\/[^/]+$/);
      const number = decodeURIComponent(pathOf(page).split('/').at(-1)!);
      await expect
        .poll(() => page.getByTestId('report-stage').first().getAttribute('data-stage'))
        .toBe('dispatched');
      expect(await page.getByTestId('report-summary').textContent()).toContain(`编号 ${number}`);
      await expect.poll(() => page.locator('[data-testid="report-detail-photos"] img').count()).toBe(1);
      await page.getByText(content).waitFor();
      // The category taken, under its title (类别).
      expect(await page.getByText('井盖缺失或破损').count()).toBe(1);
      // The toast saying it was sent goes by itself.
      await page.getByText('提交成功').waitFor({ state: 'detached' });
      await shot(page, 'report-sent');

      // The lead department of the case takes it and replies; the center's desk approves the reply.
      const sent = await ok<{ departmentId: number; status: string; categoryName: string }>(
        admin.get(`/api/events/cases/${encodeURIComponent(number)}`),
      );
      expect(sent).toMatchObject({ status: 'dispatched', categoryName: '井盖缺失或破损' });
      const lead = departments.find((d) => d.id === sent.departmentId)!;
      const handler = await departmentUser(admin, 'lead.journey', lead.id);
      const act = (who: APIRequestContext, data: Record<string, unknown>) =>
        ok(who.post(`/api/events/cases/${encodeURIComponent(number)}/actions`, { data }));
      await act(handler, { action: 'accept' });
      await act(handler, { action: 'reply', reply });
      await act(admin, { action: 'review', approve: true });

      // 8. The resident sees the reply in the timeline.
      await page.reload();
      await page.getByTestId('report-reply').getByText(reply).waitFor();
      expect(await page.getByTestId('report-reply').textContent()).toContain(`${lead.name} 答复`);
      await page.getByTestId('report-steps').getByText(`${lead.name} 已答复`).waitFor();
      await page.getByTestId('report-steps').getByText(`${lead.name} 已接单`).waitFor();
      expect(await page.getByTestId('report-stage').first().getAttribute('data-stage')).toBe('replied');
      await shot(page, 'reply');

      // 9. ... and rates it: the reviewed reply is called back with the rating, and the case is closed.
      await page.getByTestId('report-rating').getByText('满意', { exact: true }).tap();
      await page.getByTestId('report-rate-submit').tap();
      await page.getByTestId('report-rated').getByText('您的评价：满意').waitFor();
      // The thanks go by themselves.
      await page.getByText('感谢您的评价').waitFor();
      await page.getByText('感谢您的评价').waitFor({ state: 'detached' });
      await expect
        .poll(() => page.getByTestId('report-stage').first().getAttribute('data-stage'))
        .toBe('closed');
      expect(await page.getByTestId('report-stage').first().textContent()).toBe('已办结');
      await page.getByTestId('report-steps').getByText('已办结').waitFor();
      expect(
        await ok<{ status: string; satisfaction: string }>(
          admin.get(`/api/events/cases/${encodeURIComponent(number)}`),
        ),
      ).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
      await shot(page, 'rated');

      // 10. Report once: the form, its bound fields prefilled with the registry's values.
      await back();
      await expect.poll(() => pathOf(page)).toBe('/m/');
      await homeTile('最多报一次');
      await expect.poll(() => pathOf(page)).toBe('/m/forms');
      const listed = page.getByText(formTitle, { exact: true });
      await listed.waitFor();
      await page.getByText('3 项自动填写').waitFor();
      await listed.tap();
      await expect.poll(() => pathOf(page)).toBe(`/m/forms/${formCode}`);
      const prefilled = page.getByRole('region', { name: '已为您从部门数据自动填写' });
      for (const key of ['name', 'id_number', 'address'])
        await expect
          .poll(() => prefilled.locator(`[data-field="${key}"]`).textContent(), { message: key })
          .toBe(registry.values[key]);
      const source = registry.provenance.name!;
      expect(await prefilled.textContent()).toContain(`来自${source.department}“${source.sourceName}”`);
      // Bound fields are shown, not typed: the only box to fill is the free field.
      expect(await page.getByRole('textbox').count()).toBe(1);
      await shot(page, 'form-prefilled');

      // 11. Confirm, answer the free field, consent to its reuse, submit.
      await page.getByText('我已核对，以上信息无误').tap();
      await page.getByRole('textbox', { name: '常去的医疗机构' }).fill(freeAnswer);
      await page.getByText('同意将以下信息用于今后的表单，免于重复填写').tap();
      await shot(page, 'form-filled');
      await page.getByRole('button', { name: '提交' }).tap();
      await page.waitForURL(/\/m\/forms\/submissions\/\d+\?done=1$/);
      await page.getByText('提交成功').waitFor();
      expect(await page.getByText('已送达卫健局，部门查阅后您可在此看到。').count()).toBe(1);
      const submissionId = Number(pathOf(page).split('/').at(-1));
      for (const value of [resident.name, resident.idNumber, resident.address, freeAnswer])
        await page.getByText(value, { exact: true }).waitFor();
      await shot(page, 'form-submitted');

      // 12. Back in the list the form is marked submitted; my submissions have it, delivered and not yet read.
      await page.getByRole('button', { name: '返回表单列表' }).tap();
      await expect.poll(() => pathOf(page)).toBe('/m/forms');
      await page.getByText('已填报', { exact: true }).waitFor();
      await page.getByText('我的表单', { exact: true }).tap();
      await expect.poll(() => pathOf(page)).toBe('/m/forms/submissions');
      await page.getByText(formTitle, { exact: true }).waitFor();
      await page.getByText('已送达 1 个部门，待查阅').waitFor();
      await shot(page, 'my-forms');

      // 卫健局 finds it in its inbox, with the registry's values confirmed unchanged and the resident's answer.
      const inbox = await ok<{ items: { submissionId: number; subjectName: string }[]; unread: number }>(
        wjj.get('/api/forms/inbox', { params: { formId: String(form.id) } }),
      );
      expect(inbox.items.map((i) => i.submissionId)).toEqual([submissionId]);
      expect(inbox.unread).toBe(1);
      const received = await ok<{
        masked: boolean;
        answers: { key: string; value: string | null; prefilled: boolean }[];
      }>(wjj.get(`/api/forms/inbox/${submissionId}`));
      expect(received.masked).toBe(false);
      expect(received.answers.map(({ key, value, prefilled }) => ({ key, value, prefilled }))).toEqual([
        { key: 'name', value: registry.values.name, prefilled: true },
        { key: 'id_number', value: registry.values.id_number, prefilled: true },
        { key: 'address', value: registry.values.address, prefilled: true },
        { key: 'hospital', value: freeAnswer, prefilled: false },
      ]);

      // Opening it in the inbox marked it read: the resident sees that.
      await page.reload();
      await page.getByText('1/1 个部门已查阅').waitFor();
    } finally {
      await phone.close();
    }
  }, 360_000);
});
