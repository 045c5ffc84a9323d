import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, freshDatabaseConfig } from '../../../../test/databases.ts';
import { envFor, exited, startServer } from '../../../../test/processes.ts';
import { systemCtx } from '../../../core/context.ts';
import { openPlatform } from '../../../server/platform.ts';
import type { ScreenEvent } from '../contract.ts';
import { openScreenStream, panelWhere } from './screen-test-kit.ts';

// The big district runs several OneCity processes on one PostgreSQL database: a change made through any of them
// reaches the screens connected to every other (LISTEN/NOTIFY). PGlite is one process's database, so PostgreSQL only.
describe('the big screen with two processes on one PostgreSQL database', () => {
  let drop: () => Promise<void>;
  let config: Awaited<ReturnType<typeof freshDatabaseConfig>>['config'];
  const servers: { child: ChildProcess; baseUrl: string; output: () => string }[] = [];

  beforeAll(async () => {
    const fresh = await freshDatabaseConfig('postgres', { ONECITY_ADMIN_PASSWORD: ADMIN_PASSWORD });
    drop = fresh.drop;
    config = fresh.config;
    const env = envFor(config, { ONECITY_ADMIN_PASSWORD: ADMIN_PASSWORD, ONECITY_SIMULATE: 'off' });
    // One after the other: the first migrates and seeds the empty database.
    servers.push(await startServer(env));
    servers.push(await startServer(env));
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
    await drop?.();
  });

  async function signIn(base: string, username: string, password: string) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  async function post(base: string, cookie: string | null, url: string, body: object) {
    const res = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, text).toBeLessThan(300);
    return JSON.parse(text);
  }

  it('pushes a change made through one process to a screen connected to the other', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const admin = await signIn(a.baseUrl, 'admin', ADMIN_PASSWORD);
    await post(a.baseUrl, admin, '/api/users', {
      username: 'wall',
      displayName: '指挥中心大屏',
      departmentId: null,
      roles: ['screen'],
      password: 'Screen#2026x',
    });
    const wall = await signIn(b.baseUrl, 'wall', 'Screen#2026x');
    const screen = await openScreenStream(b.baseUrl, wall);
    expect(screen.res.status).toBe(200);
    await screen.next(panelWhere('cases', (d) => d.today === 0));
    await screen.next((e) => e.type === 'mode');

    // A case taken at the desk of process A.
    const taken = await post(a.baseUrl, admin, '/api/events/cases', {
      content: '郭亮中路路面塌陷一个坑',
      categoryCode: 'city.road',
      dispatch: true,
      lng: 112.82,
      lat: 28.37,
    });
    await screen.next(panelWhere('cases', (d) => d.today === 1 && d.open === 1));
    const line = await screen.next<Extract<ScreenEvent, { type: 'feed' }>>(
      (e) => e.type === 'feed' && e.item.kind === 'case',
    );
    expect(line.item.ref).toBe(taken.number);

    // A device registered through A sends through A's device API: its alarm reaches the screen on B.
    const departments = await fetch(`${a.baseUrl}/api/departments?pageSize=500`, {
      headers: { cookie: admin },
    });
    const cgj = ((await departments.json()).items as { id: number; code: string }[]).find(
      (d) => d.code === 'CGJ',
    )!.id;
    const { token } = await post(a.baseUrl, admin, '/api/iot/devices', {
      code: 'MH-7001',
      profileCode: 'manhole',
      name: '郭亮中路井盖',
      lng: 112.82,
      lat: 28.37,
      departmentId: cgj,
    });
    await post(a.baseUrl, null, `/api/v1/${token}/telemetry`, { tilt: 30 });
    const alarm = await screen.next<Extract<ScreenEvent, { type: 'feed' }>>(
      (e) => e.type === 'feed' && e.item.kind === 'alarm',
    );
    expect(alarm.item.detail).toBe('MH-7001 郭亮中路井盖');
    await screen.next(panelWhere('devices', (d) => d.online === 1));
    await screen.next(panelWhere('alarms', (d) => d.active === 1));
    screen.close();
  });

  it("delivers a process's broadcast to the screens of another (two platforms, each with its own LISTEN)", async () => {
    const one = await openPlatform(config);
    const two = await openPlatform(config);
    try {
      const received: ScreenEvent[] = [];
      let arrived: () => void = () => {};
      const done = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const remove = await two.modules.ioc.live.subscribe({
        send: (event) => {
          received.push(event);
          if (event.type === 'mode') arrived();
        },
        end: () => {},
      });
      const mode = { mode: 'routine' as const, view: null };
      await one.modules.ioc.live.broadcast({ type: 'mode', mode });
      await done;
      expect(received.filter((e) => e.type === 'mode')).toEqual([{ type: 'mode', mode }]);
      expect(one.modules.ioc.live.clientCount()).toBe(0);
      expect(two.modules.ioc.live.clientCount()).toBe(1);
      remove();
    } finally {
      await one.modules.ioc.stop();
      await two.modules.ioc.stop();
      await one.database.close();
      await two.database.close();
    }
  });

  it('reads every figure again when its LISTEN connection comes back (what was announced meanwhile is lost)', async () => {
    const platform = await openPlatform(config);
    try {
      const events: ScreenEvent[] = [];
      let wake: () => void = () => {};
      const remove = await platform.modules.ioc.live.subscribe({
        send: (event) => {
          events.push(event);
          wake();
        },
        end: () => {},
      });
      const until = async (test: (e: ScreenEvent) => boolean) => {
        while (!events.some(test)) await new Promise<void>((resolve) => (wake = resolve));
      };
      // Listening started with this screen, which is sent every panel once: from then on only what changes.
      await until((e) => e.type === 'panel' && e.panel === 'devices');
      const devices = await platform.modules.ioc.screen.panel(systemCtx('test'), 'devices');
      // A device written without an announcement (as if its NOTIFY were lost while the connection was down)…
      const cgj = (await platform.modules.org.service.findDepartmentByCode('CGJ'))!.id;
      await platform.database.query(
        `insert into iot.devices (code, profile_code, name, lng, lat, department_id, status, token_hash, token_hint)
         values ('LOST-0001', 'manhole', '未通知的设备', 112.82, 28.37, $1, 'online', 'lost-0001', '0001')`,
        [cgj],
      );
      // …then this process's LISTEN connection is cut; once back, the screens are sent what changed.
      await platform.database.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`,
      );
      await until(
        (e) =>
          e.type === 'panel' &&
          e.panel === 'devices' &&
          (e.data as typeof devices).total === devices.total + 1,
      );
      remove();
    } finally {
      await platform.modules.ioc.stop();
      await platform.database.close();
    }
  });
});
