// City sensing (感知体系) in Debian's Chromium against a real server with its embedded MQTT broker: a manhole cover is
// registered; the real mosquitto_pub publishes with the device's token as username; 城管局's user sees the value on
// the device page, then a tilt of 35° raises an alarm that appears on the open alarms page without a reload, with
// the number of the case it opened; the case is a sensor case (物联感知) of 井盖 at 城管局.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { browserSession, freePort } from './server.ts';

const adminPassword = 'E2e#Admin2026';
const mqttPort = await freePort();
const session = browserSession({
  adminPassword,
  env: { ONECITY_MQTT_PORT: String(mqttPort), ONECITY_SIMULATE: 'off' },
});

const cgj = { username: 'cgj.iot', password: 'Cgj#Iot2026xx' };
const device = { code: 'MH-E2E-0001', name: '郭亮中路88号井盖' };

/** Publishes one telemetry payload as the device, with the real Mosquitto client (QoS 1). */
async function publish(token: string, payload: object) {
  await promisify(execFile)('mosquitto_pub', [
    '-h',
    '127.0.0.1',
    '-p',
    String(mqttPort),
    '-u',
    token,
    '-t',
    'v1/devices/me/telemetry',
    '-m',
    JSON.stringify(payload),
    '-q',
    '1',
  ]);
}

/**
 * As the admin (the test's page): 城管局's user, made with an initial password it then changes (as an account made by
 * an admin must), and a manhole cover of 城管局; returns the device's token.
 */
async function prepared(): Promise<string> {
  await session.signIn('admin', adminPassword);
  const admin = session.page.request;
  const departments = await admin.get('/api/departments', { params: { pageSize: 500 } });
  const { items } = (await departments.json()) as { items: { id: number; code: string }[] };
  const departmentId = items.find((d) => d.code === 'CGJ')!.id;
  const initial = `${cgj.password}-initial`;
  const created = await admin.post('/api/users', {
    data: {
      username: cgj.username,
      displayName: '城管局值班员',
      departmentId,
      roles: ['department_user'],
      password: initial,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const own = await session.newPage();
  const login = await own.request.post('/api/auth/login', {
    data: { username: cgj.username, password: initial },
  });
  expect(login.status()).toBe(200);
  const changed = await own.request.post('/api/auth/password', {
    data: { currentPassword: initial, newPassword: cgj.password },
  });
  expect(changed.status()).toBe(204);

  const registered = await admin.post('/api/iot/devices', {
    data: {
      code: device.code,
      profileCode: 'manhole',
      name: device.name,
      lng: 112.8215,
      lat: 28.3702,
      departmentId,
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  return ((await registered.json()) as { token: string }).token;
}

describe('iot: a manhole cover publishes, tilts, and a case is opened', () => {
  test('mosquitto_pub → the value on the device page; a tilt of 35° → the alarm pushed, with its case at 城管局', async () => {
    const token = await prepared();

    // 城管局's user on the device page and, in another tab of the same session, the alarms page.
    const devicePage = await session.signIn(cgj.username, cgj.password, {
      on: await session.newPage(),
      path: `/iot/devices/${device.code}`,
    });
    await devicePage.getByText(device.name).first().waitFor();
    const alarmsPage = await devicePage.context().newPage();
    // The alarms page is subscribed once the server has answered its stream.
    const streaming = alarmsPage.waitForResponse((r) => r.url().includes('/api/iot/alarms/stream'));
    await alarmsPage.goto('/iot/alarms');
    await streaming;
    // A mark that a reload would wipe: the alarm must arrive without one.
    await alarmsPage.evaluate(() => Object.assign(window, { e2eNotReloaded: true }));
    await alarmsPage.getByTestId('alarms-table').waitFor();
    expect(await alarmsPage.getByText(device.code).count()).toBe(0);

    // A normal reading: the device page shows it (its live values are asked for every second).
    await publish(token, { tilt: 2.0 });
    await expect.poll(() => devicePage.getByTestId('live-tilt').textContent()).toMatch(/倾角\s*2(\.0+)?\s*°/);
    await session.shot('iot-device', { on: devicePage });

    // The cover tilts: the alarm appears on the open alarms page, with the number of the case it opened.
    await publish(token, { tilt: 35 });
    const row = alarmsPage.getByTestId('alarms-table').locator('tr').filter({ hasText: device.code });
    await row.waitFor();
    expect(await row.textContent()).toContain('井盖倾斜');
    const link = row.getByTestId('alarm-case');
    await expect.poll(async () => ((await link.count()) ? await link.textContent() : '')).toMatch(/^\d{13}$/);
    const number = (await link.textContent())!;
    expect(await alarmsPage.evaluate(() => 'e2eNotReloaded' in window)).toBe(true);
    await session.shot('iot-alarms', { on: alarmsPage });

    // The case: opened by the sensor, 井盖 at 城管局.
    await link.click();
    await alarmsPage.waitForURL(new RegExp(`/events/cases/${number}$`));
    await expect.poll(() => alarmsPage.getByTestId('case-department').textContent()).toBe('城管局');
    const fields = alarmsPage.getByTestId('case-fields');
    await expect.poll(() => fields.textContent()).toContain('物联感知');
    expect(await fields.textContent()).toContain('井盖缺失或破损');
    await session.shot('iot-case', { on: alarmsPage });
  });
});
