// The citizen app's shell (/m) in Debian's Chromium as a phone (360×740, touch): a stranger is sent to sign in (the
// page links to sign-up); a resident whose account the center's staff made signs in, replaces the password they were
// given, sees the home tiles and the tab bar, opens 我的, switches to English and signs out after confirming; the app
// is installable by Chromium's own criteria, its service worker keeps the shell for offline use, and a new release
// replaces the worker. Screenshots are kept in e2e/artifacts/ as citizen-app-*.png.
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { browserSession, signInByApi } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({ adminPassword });

// The phone contexts a test opened, closed after it (before the session checks its pages' errors: after-hooks run
// last-registered first).
let phones: BrowserContext[] = [];
afterEach(async () => {
  for (const context of phones) await context.close();
  phones = [];
});

/** A page in a context of its own shaped as a phone; its uncaught errors fail the test as the session's pages do. */
async function phone(): Promise<Page> {
  const context = await session.browser.newContext({
    baseURL: session.server.url,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  phones.push(context);
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => session.pageErrors.push(error.message));
  return page;
}

/** Nothing is wider than the phone: the page does not scroll sideways. */
async function fitsThePhone(on: Page) {
  const overflow = await on.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the page is wider than the phone').toBeLessThanOrEqual(0);
}

/** A citizen account made through the admin API (as the center's staff would), with the password it is given. */
async function createResident(username: string, displayName: string, password: string) {
  const admin = await session.newPage();
  await signInByApi(admin, 'admin', adminPassword);
  const created = await admin.request.post('/api/users', {
    data: { username, displayName, departmentId: null, roles: ['citizen'], password },
  });
  expect(created.status(), await created.text()).toBe(201);
}

describe('citizen app: the shell on a phone', () => {
  test('sends a stranger to sign in, with a link to sign-up, and asks for what is missing', async () => {
    const page = await phone();
    await page.goto('/m/');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/');
    const submit = page.getByTestId('login-submit');
    await expect.poll(() => submit.isEnabled()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('我的长沙·望城专版');
    expect(await page.getByRole('link', { name: '没有账号？实名注册' }).getAttribute('href')).toBe(
      '/m/signup',
    );
    await fitsThePhone(page);
    // A large touch target: the button is at least 44 px high (Apple's and Google's guidance: 44–48).
    expect((await submit.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await session.shot('citizen-app-login', { on: page });

    await submit.tap();
    await page.getByText('请填写身份证号或手机号').waitFor();
    await page.getByText('请填写密码').waitFor();
    await page.getByLabel('身份证号或手机号').fill('nobody.here');
    await page.getByLabel('密码', { exact: true }).fill('Wrong#Password1');
    await submit.tap();
    // One answer for an unknown name and a wrong password, shown on the page.
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/m/login');

    // A page of the app that does not exist says so, with the way back.
    await page.goto('/m/no-such-page');
    await page.getByText('页面不存在').waitFor();
  });

  test('a resident signs in, sets their own password, sees home, opens 我的, switches language, signs out', async () => {
    await createResident('resident.zhang', '张三', 'Given#Password2026');
    const page = await phone();
    await page.goto('/m/me');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m/login');
    await page.getByLabel('身份证号或手机号').fill('resident.zhang');
    await page.getByLabel('密码', { exact: true }).fill('Given#Password2026');
    await page.getByTestId('login-submit').tap();

    // An account the staff made: the given password is replaced first, then the resident goes where they were going.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m/password');
    await page.getByLabel('初始密码').fill('Given#Password2026');
    await page.getByLabel(/^新密码/).fill('Own#Password2026');
    await page.getByLabel('再次输入新密码').fill('Own#Password2026');
    await session.shot('citizen-app-password', { on: page });
    await page.getByTestId('password-submit').tap();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m/me');
    // The toast saying so goes by itself.
    await page.getByText('密码已修改').waitFor();
    await page.getByText('密码已修改').waitFor({ state: 'detached' });

    const tabBar = page.getByTestId('tab-bar');
    await tabBar.getByText('首页', { exact: true }).tap();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m/');
    await page.getByTestId('home-tiles').waitFor();
    expect(await page.getByTestId('home-greeting').textContent()).toBe('张三，您好');
    for (const tab of ['首页', '办事', '随手拍', '我的'])
      await tabBar.getByText(tab, { exact: true }).waitFor();
    // The tab bar sits at the bottom of the screen, its items large enough for a thumb.
    const bar = (await tabBar.boundingBox())!;
    expect(bar.y + bar.height).toBeCloseTo(740, 0);
    expect(bar.height).toBeGreaterThanOrEqual(48);
    await fitsThePhone(page);
    await session.shot('citizen-app-home', { on: page, fullPage: false });

    await tabBar.getByText('我的', { exact: true }).tap();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m/me');
    expect(await page.getByTestId('me-name').textContent()).toBe('张三');
    await fitsThePhone(page);
    await session.shot('citizen-app-me', { on: page, fullPage: false });

    await page.getByTestId('me-language').tap();
    await page.getByText('Sign out', { exact: true }).waitFor();
    await tabBar.getByText('Me', { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await session.shot('citizen-app-me-en', { on: page, fullPage: false });

    // Signing out asks first; cancelling keeps the resident signed in.
    await page.getByTestId('sign-out').tap();
    await page.getByText('Sign out now?').waitFor();
    await session.shot('citizen-app-sign-out', { on: page, fullPage: false });
    await page.getByRole('button', { name: 'Cancel' }).tap();
    await page.getByText('Sign out now?').waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/m/me');
    await page.getByTestId('sign-out').tap();
    await page.getByRole('button', { name: 'Confirm' }).tap();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m/login');
    // In English still (the choice is kept on the phone), and signed out on the server too.
    await page.getByText('No account? Sign up with your real name').waitFor();
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    await page.goto('/m/me');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/m/login');
  });

  test('is installable, keeps its shell for offline use, and serves its manifest and worker', async () => {
    const page = await phone();
    const manifest = await page.request.get('/m/manifest.webmanifest');
    expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const fields = await manifest.json();
    expect(fields).toMatchObject({ start_url: '/m/', scope: '/m/', display: 'standalone' });
    for (const icon of fields.icons as { src: string; sizes: string }[]) {
      const res = await page.request.get(icon.src);
      expect(res.status(), icon.src).toBe(200);
      expect(res.headers()['content-type']).toBe('image/png');
    }
    expect(new Set(fields.icons.map((i: { sizes: string }) => i.sizes))).toEqual(
      new Set(['192x192', '512x512']),
    );
    const worker = await page.request.get('/m/sw.js');
    expect(worker.headers()['content-type']).toMatch(/^(text|application)\/javascript/);
    // Never kept by an HTTP cache: the browser sees a new release's worker on the next visit.
    expect(worker.headers()['cache-control']).toBe('no-cache');
    // The build stamped it with its version and the files of the first load.
    const source = await worker.text();
    const build = JSON.parse(/^const BUILD = (.*);$/m.exec(source)![1]!) as {
      version: string;
      precache: string[];
    };
    expect(build.version).toMatch(/^[0-9a-f]{12}$/);
    const html = await (await page.request.get('/m/')).text();
    for (const script of html.matchAll(/<script type="module" crossorigin src="([^"]+)"/g))
      expect(build.precache).toContain(script[1]);

    await page.goto('/m/login');
    await page.getByTestId('login-submit').waitFor();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${session.server.url}/m/`);
    // Chromium's own verdict on installing the app (manifest, icons, worker, secure origin).
    const cdp = await page.context().newCDPSession(page);
    // Playwright's contexts are incognito profiles, where Chromium never offers to install: that one reason aside,
    // nothing stands in the way.
    await expect
      .poll(async () =>
        (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors
          .map((e) => e.errorId)
          .filter((id) => id !== 'in-incognito'),
      )
      .toEqual([]);
    const { errors } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);

    // Offline, the app still opens (from the worker's cache) at any of its paths.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.context().setOffline(true);
    await page.goto('/m/login');
    await page.getByTestId('login-submit').waitFor();
    // A page that needs the server says it cannot reach it, and offers to retry, rather than asking to sign in.
    await page.goto('/m/me');
    await page.getByText('网络连接失败，请稍后重试').waitFor();
    await page.getByRole('button', { name: '重试' }).waitFor();
    await session.shot('citizen-app-offline', { on: page, fullPage: false });
    await page.context().setOffline(false);
  });
});
