// The operations center's big screen (/ioc) in Debian's Chromium against a real server with the small demo district:
// it renders completely at 1920×1080, at 3840×2160 (a 4K wall: the same stage, twice as large and as sharp) and
// letterboxed on a 16:10 projector; a case taken through the events API and an alarm raised by a device publishing
// over HTTP appear on it without a reload; an incident turns it to emergency mode and back; when its stream is cut
// it says its data is stale, and recovers (fetching what it missed); a screen account lands on /ioc and may open
// nothing else; a department user is refused it.
import http from 'node:http';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { screenFiguresAgainstApi } from '../bench/ioc/screen-figures.ts';
import { browserSession, freePort, openPage, signInByApi } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const session = browserSession({
  adminPassword,
  demo: 'small',
  // The demo's simulated devices publish all along, as in the district: the screen must keep up with them.
  env: { ONECITY_MQTT_PORT: String(await freePort()) },
});

const panels = ['registries', 'data', 'sharing', 'devices', 'alarms', 'cases', 'trends', 'feed'];

/** Opens the screen on `on` (fixed on a view, not rotating) and waits until every panel and the map have drawn. */
async function openScreen(on: Page, query = '?view=overview&rotate=0') {
  await on.goto(`/ioc${query}`);
  await on.locator('[data-testid="ioc-screen"][data-ready="true"]').waitFor({ timeout: 30_000 });
  // A mark that a reload would wipe: what the test changes must arrive without one.
  await on.evaluate(() => Object.assign(window, { e2eNotReloaded: true }));
}

/** The exact number a figure shows (its `data-value`). */
async function figure(on: Page, testId: string): Promise<number> {
  return Number(await on.getByTestId(testId).getAttribute('data-value'));
}

/**
 * Waits until every figure on the screen is the API's (GET /api/ioc/summary): the devices publish all along, so
 * a test waits until the screen has caught up rather than comparing once.
 */
async function caughtUp(on: Page) {
  await expect.poll(async () => (await screenFiguresAgainstApi(on)).differ).toEqual([]);
}

/** Creates a user with an initial password it then changes, as an account made by an admin must. */
async function createUser(username: string, password: string, roles: string[], department: string | null) {
  const admin = session.page.request;
  let departmentId: number | null = null;
  if (department) {
    const { items } = (await (await admin.get('/api/departments', { params: { pageSize: 500 } })).json()) as {
      items: { id: number; code: string }[];
    };
    departmentId = items.find((d) => d.code === department)!.id;
  }
  const initial = `${password}-initial`;
  const created = await admin.post('/api/users', {
    data: { username, displayName: username, departmentId, roles, password: initial },
  });
  expect(created.status(), await created.text()).toBe(201);
  const own = await session.newPage();
  expect(
    (await own.request.post('/api/auth/login', { data: { username, password: initial } })).status(),
  ).toBe(200);
  const changed = await own.request.post('/api/auth/password', {
    data: { currentPassword: initial, newPassword: password },
  });
  expect(changed.status(), await changed.text()).toBe(204);
  await own.context().close();
}

describe('ioc: the big screen', () => {
  test('renders completely at 1920×1080, 3840×2160 and 16:10, with the API’s figures', async () => {
    const page = await session.signIn('admin', adminPassword, { path: '/' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openScreen(page);
    for (const panel of panels) await page.getByTestId(`panel-${panel}`).waitFor();
    await expect
      .poll(() => page.getByTestId('screen-title').textContent())
      .toMatch(/^望城区 · 城市运营中心$/);
    expect(await page.getByTestId('screen-mode').getAttribute('data-mode')).toBe('routine');
    expect(await page.getByTestId('screen-mode').textContent()).toBe('平时');
    await expect.poll(() => page.getByTestId('screen-live').getAttribute('data-state')).toBe('live');
    expect(await page.getByTestId('screen-clock').textContent()).toMatch(/\d{2}:\d{2}:\d{2}/);
    // Every panel shows the API's figures.
    await caughtUp(page);
    expect((await screenFiguresAgainstApi(page)).compared).toBeGreaterThanOrEqual(20);
    // The demo district has history behind the panels, so the screen is alive on first start.
    expect(await figure(page, 'figure-registries-people')).toBeGreaterThan(0);
    expect(await figure(page, 'figure-data-recordsTotal')).toBeGreaterThan(0);
    expect(await figure(page, 'figure-devices-total')).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('feed-line').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('feed-line').count()).toBeLessThanOrEqual(14);
    await session.shot('ioc-1920x1080', { on: page, fullPage: false });

    // The map: a click on a subdistrict shows its figures.
    const map = page.getByTestId('screen-map-canvas');
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const card = page.getByTestId('subdistrict-card');
    await card.waitFor();
    const layers = (await (await page.request.get('/api/ioc/map')).json()) as {
      subdistricts: { name: string; people: number }[];
    };
    const name = (await card.locator('h3').textContent())!.replace('×', '').trim();
    const subdistrict = layers.subdistricts.find((s) => s.name === name);
    expect(subdistrict, name).toBeDefined();
    expect(await figure(page, 'subdistrict-people')).toBe(subdistrict!.people);
    await card.getByRole('button').click();
    expect(await card.count()).toBe(0);
    // Layers are toggled on the map.
    const devicesLayer = page.getByTestId('layer-devices');
    expect(await devicesLayer.getAttribute('aria-pressed')).toBe('false');
    await devicesLayer.click();
    expect(await devicesLayer.getAttribute('aria-pressed')).toBe('true');

    // A view by its tab: sensing lists the active alarms; the rotation is paused and resumed by its button.
    await page.getByTestId('view-sensing').click();
    await page.getByTestId('panel-alarmList').waitFor();
    const rotation = page.getByTestId('rotation-toggle');
    expect(await rotation.getAttribute('data-rotating')).toBe('false');
    await rotation.click();
    expect(await rotation.getAttribute('data-rotating')).toBe('true');
    await rotation.click();
    await page.getByTestId('view-overview').click();

    // A 4K wall: the same stage twice as large, its charts drawn at twice the pixels (sharp, not stretched).
    await page.setViewportSize({ width: 3840, height: 2160 });
    await expect.poll(async () => (await page.locator('.ioc-header').boundingBox())?.width).toBe(3840);
    await expect
      .poll(() =>
        page.getByTestId('trends-chart').evaluate((e) => {
          const canvas = e.querySelector('canvas');
          return canvas ? canvas.width / e.clientWidth : 0;
        }),
      )
      .toBeGreaterThanOrEqual(2);
    await page.getByTestId('screen-kpis').waitFor();
    expect(await page.getByTestId('ioc-screen').getAttribute('data-ready')).toBe('true');
    await session.shot('ioc-3840x2160', { on: page, fullPage: false });

    // A 16:10 projector: the whole stage, letterboxed above and below.
    await page.setViewportSize({ width: 1920, height: 1200 });
    await expect.poll(async () => (await page.locator('.ioc-header').boundingBox())?.y).toBe(60);
    expect((await page.locator('.ioc-header').boundingBox())!.width).toBe(1920);
    expect(await page.evaluate(() => 'e2eNotReloaded' in window)).toBe(true);
  });

  test('a case taken through the events API and an alarm a device publishes over HTTP appear without a reload', async () => {
    const page = await session.signIn('admin', adminPassword, { path: '/' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openScreen(page);
    await expect.poll(() => page.getByTestId('screen-live').getAttribute('data-state')).toBe('live');
    const admin = session.page.request;

    // A manhole cover registered and tilted: its alarm names it by code and name.
    const { items } = (await (await admin.get('/api/departments', { params: { pageSize: 500 } })).json()) as {
      items: { id: number; code: string }[];
    };
    const registered = await admin.post('/api/iot/devices', {
      data: {
        code: 'MH-IOC-0001',
        profileCode: 'manhole',
        name: '大屏测试井盖',
        lng: 112.8215,
        lat: 28.3702,
        departmentId: items.find((d) => d.code === 'CGJ')!.id,
      },
    });
    expect(registered.status(), await registered.text()).toBe(201);
    const { token } = (await registered.json()) as { token: string };
    const published = await admin.post(`/api/v1/${token}/telemetry`, { data: { tilt: 35 } });
    expect(published.status(), await published.text()).toBe(200);
    const line = page
      .locator('[data-testid="feed-line"][data-kind="alarm"]')
      .filter({ hasText: 'MH-IOC-0001' });
    await line.waitFor();
    expect(await line.textContent()).toContain('大屏测试井盖');
    await caughtUp(page);

    // A case taken at the 12345 desk.
    const casesToday = await figure(page, 'figure-cases-today');
    const made = await admin.post('/api/events/cases', {
      data: {
        content: '金星大道路灯坏了好几盏，晚上一片漆黑',
        address: '望城区金星大道',
        categoryCode: 'city.streetlight',
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    const number = (await made.json()).number as string;
    await page.locator(`[data-testid="feed-line"][data-kind="case"][data-ref="${number}"]`).waitFor();
    await expect.poll(() => figure(page, 'figure-cases-today')).toBeGreaterThan(casesToday);
    await caughtUp(page);

    expect(await page.evaluate(() => 'e2eNotReloaded' in window)).toBe(true);
    await session.shot('ioc-live', { on: page, fullPage: false });
  });

  test('switched to an incident, the screen turns to emergency mode around it and back to routine', async () => {
    const page = await session.signIn('admin', adminPassword, { path: '/' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openScreen(page, '?view=sensing');
    const mode = page.getByTestId('screen-mode');
    expect(await mode.getAttribute('data-mode')).toBe('routine');
    // The duty officer (the admin may) has the switch on the map; a click there picks the incident's place.
    await page.getByTestId('emergency-control').waitFor();
    const map = (await page.getByTestId('screen-map-canvas').boundingBox())!;
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    await expect.poll(() => page.getByTestId('map-pick').textContent()).toMatch(/112\.\d+, 28\.\d+/);
    await page.getByTestId('subdistrict-card').getByRole('button').click();

    // Started through the API (as the control does): every screen is pushed the mode.
    const started = await session.page.request.post('/api/ioc/incidents', {
      data: { title: '郭亮中路内涝', lng: 112.8215, lat: 28.3702, radiusM: 800 },
    });
    expect(started.status(), await started.text()).toBe(201);
    const { incident } = (await started.json()) as { incident: { id: number } };
    try {
      await expect.poll(() => mode.getAttribute('data-mode')).toBe('emergency');
      expect(await mode.textContent()).toBe('战时');
      await page.getByTestId('screen-emergency').waitFor();
      await expect.poll(() => page.getByTestId('emergency-title').textContent()).toContain('郭亮中路内涝');
      // No rotation and no other view in emergency mode; the map shows what is near.
      expect(await page.getByTestId('rotation-toggle').isDisabled()).toBe(true);
      expect(await page.getByTestId('view-overview').isDisabled()).toBe(true);
      expect(await page.getByTestId('layer-facilities').getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByTestId('ioc-screen').getAttribute('data-mode')).toBe('emergency');
      await session.shot('ioc-emergency', { on: page, fullPage: false });
    } finally {
      const ended = await session.page.request.post(`/api/ioc/incidents/${incident.id}/end`, {
        data: { note: '积水已排除' },
      });
      expect(ended.status(), await ended.text()).toBe(200);
    }
    await expect.poll(() => mode.getAttribute('data-mode')).toBe('routine');
    expect(await page.getByTestId('screen-emergency').count()).toBe(0);
    await page.getByTestId('panel-alarmList').waitFor();
    expect(await page.evaluate(() => 'e2eNotReloaded' in window)).toBe(true);
  });

  test('says its data is stale when the stream is cut, and recovers with what it missed', async () => {
    // The screen reaches the server through a proxy that can cut its stream (close it and refuse new ones).
    const target = new URL(session.server.url);
    let cut = false;
    const streams = new Set<http.ServerResponse>();
    const proxy = http.createServer((req, res) => {
      const isStream = req.url?.startsWith('/api/ioc/stream');
      if (isStream && cut) {
        res.writeHead(503).end();
        return;
      }
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      if (isStream) {
        streams.add(res);
        res.on('close', () => {
          streams.delete(res);
          upstream.destroy();
        });
      }
    });
    const port = await freePort();
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
    const page = await openPage(session.browser, `http://127.0.0.1:${port}`, session.pageErrors);
    try {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await signInByApi(page, 'admin', adminPassword);
      await openScreen(page);
      const live = page.getByTestId('screen-live');
      await expect.poll(() => live.getAttribute('data-state')).toBe('live');
      expect(await page.getByTestId('screen-stale').count()).toBe(0);

      cut = true;
      for (const stream of streams) stream.destroy();
      await expect.poll(() => live.getAttribute('data-state')).toBe('stale');
      expect(await page.getByTestId('screen-stale').textContent()).toMatch(
        /数据已过期 · 重新连接中最后更新 \d{2}:\d{2}:\d{2}/,
      );
      // A case taken while the screen is cut off: it must show once the stream is back.
      const made = await page.request.post('/api/events/cases', {
        data: {
          content: '雷锋大道一处下水道堵塞，污水漫到路面',
          address: '望城区雷锋大道',
          categoryCode: 'city.garbage',
        },
      });
      expect(made.status(), await made.text()).toBe(201);
      const number = (await made.json()).number as string;
      await session.shot('ioc-stale', { on: page, fullPage: false });

      cut = false;
      await expect.poll(() => live.getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
      expect(await page.getByTestId('screen-stale').count()).toBe(0);
      await page.locator(`[data-testid="feed-line"][data-kind="case"][data-ref="${number}"]`).waitFor();
      expect(await page.evaluate(() => 'e2eNotReloaded' in window)).toBe(true);
    } finally {
      await page.context().close();
      for (const stream of streams) stream.destroy();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  test('a screen account lands on /ioc and may open nothing else; its exit signs it out', async () => {
    await session.signIn('admin', adminPassword, { path: '/' });
    await createUser('wall.e2e', 'Wall#E2e2026x', ['screen'], null);
    const wall = await session.newPage();
    await wall.setViewportSize({ width: 1920, height: 1080 });
    await session.signIn('wall.e2e', 'Wall#E2e2026x', { on: wall, path: '/' });
    await wall.waitForURL(/\/ioc$/);
    await wall.locator('[data-testid="ioc-screen"][data-ready="true"]').waitFor({ timeout: 30_000 });
    // The rest of the console sends it back to the screen, and the API refuses it.
    await wall.goto('/users');
    await wall.waitForURL(/\/ioc$/);
    expect((await wall.request.get('/api/users')).status()).toBe(403);
    expect((await wall.request.get('/api/ioc/summary')).status()).toBe(200);
    const exit = wall.getByTestId('screen-exit');
    expect(await exit.textContent()).toBe('退出登录');
    await exit.click();
    await wall.waitForURL(/\/login/);
  });

  test('a department user is refused the screen; others leave it for the console', async () => {
    await session.signIn('admin', adminPassword, { path: '/' });
    await createUser('cgj.ioc', 'Cgj#Ioc2026xx', ['department_user'], 'CGJ');
    const department = await session.signIn('cgj.ioc', 'Cgj#Ioc2026xx', {
      on: await session.newPage(),
      path: '/ioc',
    });
    await department.getByText('无权访问').waitFor();
    expect(await department.getByTestId('ioc-screen').count()).toBe(0);
    expect((await department.request.get('/api/ioc/summary')).status()).toBe(403);
    expect((await department.request.get('/api/ioc/stream')).status()).toBe(403);

    const page = session.page;
    await openScreen(page);
    const exit = page.getByTestId('screen-exit');
    expect(await exit.textContent()).toBe('返回控制台');
    await exit.click();
    await page.getByTestId('home-title').waitFor();
  });
});
