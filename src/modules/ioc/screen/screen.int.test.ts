import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { idNumberCheck } from '../../../core/cn-codes.ts';
import { systemCtx } from '../../../core/context.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { grantWithCredential } from '../../sharing/api/share-test-fixture.ts';
import type { FeedItem, ScreenEvent, ScreenMap, ScreenSummary, ScreenTrends } from '../contract.ts';
import { iocPlatform, type Who } from '../ioc-test-kit.ts';
import { openScreenStream, panelWhere } from './screen-test-kit.ts';

const GAOTANGLING = { lng: 112.82, lat: 28.37 };
const person = (first17: string) => first17 + idNumberCheck(first17);

describe.each(databaseKinds)('the big screen (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iocPlatform>>;
  let base: string;
  let citizen: Who;
  const ctx = systemCtx('test');
  const tokens: Record<string, string> = {};
  let sharing: { authorization: string };

  const get = async (url: string, who: Who | null = t.as.screen!) => {
    const res = await t.call('GET', url, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  /** Registers a device as the center; returns its access token. */
  async function device(code: string, profileCode: string, department: string, extra: object = {}) {
    const res = await t.call('POST', '/api/iot/devices', t.as.admin!, {
      code,
      profileCode,
      name: `${code}号设备`,
      ...GAOTANGLING,
      departmentId: t.ids[department] ?? (await t.p.modules.org.service.findDepartmentByCode(department))!.id,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    tokens[code] = res.json().token;
  }

  /** A device sends readings over the HTTP device API; resolves once they are stored and the rules ran. */
  async function send(code: string, values: Record<string, number>) {
    const res = await t.p.app.inject({
      method: 'POST',
      url: `/api/v1/${tokens[code]}/telemetry`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(values),
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.p.modules.iot.alarms.idle();
  }

  /** A case taken at the 12345 desk, in 高塘岭街道. */
  async function newCase(content: string) {
    const res = await t.call('POST', '/api/events/cases', t.as.operator!, {
      content,
      categoryCode: 'city.road',
      dispatch: true,
      ...GAOTANGLING,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().number as string;
  }

  beforeAll(async () => {
    t = await iocPlatform(kind);
    const made = await t.call('POST', '/api/users', t.as.admin!, {
      username: 'citizen1',
      displayName: '市民',
      departmentId: null,
      roles: ['citizen'],
      password: 'Citizen#2026x',
    });
    expect(made.statusCode, made.body).toBe(201);
    const login = await t.call('POST', '/api/auth/login', null, {
      username: 'citizen1',
      password: 'Citizen#2026x',
    });
    citizen = { cookie: `onecity_session=${login.cookies.find((c) => c.name === 'onecity_session')!.value}` };

    // Everything the panels count is made through the modules before the screen reads anything.
    const batch = await t.p.modules.ingest.service.ingestRecords(ctx, 'gafj_household', [
      { id_number: person('43011219900101123'), name: '张三', sex: '男', subdistrict: '高塘岭街道' },
      { id_number: person('43011219800505224'), name: '王芳', sex: '女', subdistrict: '高塘岭街道' },
      { id_number: person('43011219700303111'), name: '李四', sex: '男', subdistrict: '乌山街道' },
    ]);
    await t.p.modules.ingest.service.idle();
    expect(batch.rejected).toBe(0);

    await device('MH-9001', 'manhole', 'CGJ');
    await device('WL-9001', 'water_level', 'SLJ', { attributes: { warning_level: 32 } });
    await device('DS-9001', 'dust', 'CGJ');
    await send('MH-9001', { tilt: 23.5 }); // a critical alarm, and the case it opens
    await send('WL-9001', { level: 31.2 });
    await send('DS-9001', { pm10: 85 });
    const fault = await t.call('POST', '/api/iot/devices/DS-9001/fault', t.as.admin!, {
      fault: true,
      reason: '传感器更换',
    });
    expect(fault.statusCode, fault.body).toBe(200);
    await newCase('郭亮中路路面塌陷一个坑');
    await newCase('雷锋大道人行道破损');

    // 民政局 calls the population registry twice through the sharing API.
    const population = (await t.p.modules.catalog.service.get(ctx, 'population')).id;
    const mzj = (await t.p.modules.org.service.findDepartmentByCode('MZJ'))!.id;
    sharing = await grantWithCredential(t.p.database, {
      resourceId: population,
      consumerDepartmentId: mzj,
      items: ['name'],
    });
    for (let i = 0; i < 2; i++) {
      const res = await t.p.app.inject({
        method: 'GET',
        url: `/api/share/v1/population/${person('43011219900101123')}`,
        headers: { authorization: sharing.authorization },
      });
      expect(res.statusCode, res.body).toBe(200);
    }

    await t.p.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.p.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t?.p.close());

  it('shows on its panels what the modules hold', async () => {
    const summary: ScreenSummary = await get('/api/ioc/summary');
    expect(summary.registries).toEqual({ people: 3, legalPersons: 0, licenses: 0, components: 0 });
    expect(summary.data).toEqual({
      recordsTotal: 3,
      recordsToday: 3,
      batchesToday: 1,
      quality: 1,
      failedBatches: 0,
    });
    expect(summary.sharing).toEqual({
      callsToday: 2,
      byDepartment: [{ departmentId: expect.any(Number), name: '民政局', calls: 2 }],
    });
    expect(summary.devices).toEqual({ total: 3, online: 2, offline: 0, fault: 1 });
    expect(summary.alarms).toEqual({
      active: 1,
      bySeverity: { critical: 1, major: 0, minor: 0, warning: 0 },
    });
    expect(summary.cases).toMatchObject({ today: 3, open: 3, overdue: 0 });
    expect(Date.parse(summary.at)).not.toBeNaN();

    // The same figures as the modules' own pages give the center.
    const overview = await get('/api/iot/overview', t.as.admin!);
    expect(summary.devices.online).toBe(overview.devices.online);
    expect(summary.alarms.active).toBe(overview.alarms.active);
    const open = await get('/api/events/cases?status=received,dispatched,accepted&pageSize=1', t.as.admin!);
    expect(summary.cases.open).toBe(open.total);
  });

  it('draws the map from the same data, layer by layer', async () => {
    const map: ScreenMap = await get('/api/ioc/map');
    const mh = (await get('/api/iot/devices/MH-9001', t.as.admin!)) as { subdistrictCode: string };
    const gaotangling = map.subdistricts.find((s) => s.code === mh.subdistrictCode)!;
    expect(gaotangling).toMatchObject({ people: 2, devices: 3, activeAlarms: 1, openCases: 3 });
    expect(map.subdistricts.find((s) => s.name === '乌山街道')).toMatchObject({ people: 1, devices: 0 });
    expect(map.devices.map((d) => [d.code, d.profile, d.status]).sort()).toEqual([
      ['DS-9001', 'dust', 'fault'],
      ['MH-9001', 'manhole', 'online'],
      ['WL-9001', 'water_level', 'online'],
    ]);
    expect(map.alarms).toEqual([
      expect.objectContaining({ deviceCode: 'MH-9001', deviceName: 'MH-9001号设备', severity: 'critical' }),
    ]);
    expect(map.cases.points).toHaveLength(3);
    expect(map.cases.heat.reduce((sum, [, , n]) => sum + n, 0)).toBe(3);
    expect(map.waterStations).toEqual([
      expect.objectContaining({ code: 'WL-9001', level: 31.2, warningLevel: 32, status: 'online' }),
    ]);
    expect(map.constructionSites).toEqual([
      expect.objectContaining({ code: 'DS-9001', pm10: 85, status: 'fault' }),
    ]);
    expect(map.facilities).toEqual([]);

    const part = await get('/api/ioc/map?layers=alarms,subdistricts');
    expect(Object.keys(part).sort()).toEqual(['alarms', 'subdistricts']);
    expect(part.alarms).toEqual(map.alarms);
    const bogus = await t.call('GET', '/api/ioc/map?layers=alarms,parking', t.as.screen!);
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().code).toBe('screen_unknown_layer');
  });

  it('feeds the newest alarms by device code and name, and the newest cases', async () => {
    const { items }: { items: FeedItem[] } = await get('/api/ioc/feed?limit=10');
    expect(items.filter((i) => i.kind === 'alarm')).toEqual([
      expect.objectContaining({ title: '井盖倾斜', detail: 'MH-9001 MH-9001号设备', severity: 'critical' }),
    ]);
    const cases = items.filter((i) => i.kind === 'case');
    expect(cases).toHaveLength(3);
    expect(cases.every((c) => c.subdistrict?.startsWith('高塘岭'))).toBe(true);
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort().reverse());
    // Nothing of the reporters: the feed names the case by its title or category.
    expect(JSON.stringify(items)).not.toContain('reporter');
  });

  it('gives 30 days of trends ending today', async () => {
    const trends: ScreenTrends = await get('/api/ioc/trends');
    expect(trends.days).toHaveLength(30);
    expect(trends.days.at(-1)).toMatchObject({
      date: todayInShanghai(),
      casesReceived: 3,
      alarms: 1,
      sharingCalls: 2,
      recordsLoaded: 3,
    });
    expect(trends.days[0]!.casesReceived).toBe(0);
  });

  it('opens to the screen account, leaders and the center only', async () => {
    const urls = ['/api/ioc/summary', '/api/ioc/trends', '/api/ioc/map', '/api/ioc/feed', '/api/ioc/stream'];
    for (const url of urls) {
      expect((await t.call('GET', url, null)).statusCode, url).toBe(401);
      for (const who of [t.as.cgj!, t.as.operator!, citizen])
        expect((await t.call('GET', url, who)).statusCode, url).toBe(403);
      if (url !== '/api/ioc/stream')
        for (const who of [t.as.screen!, t.as.leader!, t.as.steward!, t.as.admin!])
          expect((await t.call('GET', url, who)).statusCode, url).toBe(200);
    }
    // The screen account sees the screen and nothing else.
    expect((await t.call('GET', '/api/events/cases', t.as.screen!)).statusCode).toBe(403);
    const refused = await openScreenStream(base, null);
    expect(refused.res.status).toBe(401);
  });

  it('streams the whole screen on connect, then pushes each change', async () => {
    const screen = await openScreenStream(base, t.as.screen!.cookie);
    expect(screen.res.status).toBe(200);
    expect(screen.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await screen.next((e) => e.type === 'heartbeat');
    expect(screen.text()).toMatch(/^retry: 3000\n\n/);
    const cases = await screen.next(panelWhere('cases'));
    expect(cases).toMatchObject({ type: 'panel', panel: 'cases', data: { today: 3, open: 3 } });
    expect(await screen.next((e) => e.type === 'mode')).toEqual({
      type: 'mode',
      mode: { mode: 'routine', view: null },
    });

    // A case at the desk: its panel, its feed line and the map's cases layer.
    const number = await newCase('白沙洲路口井盖缺失');
    expect(await screen.next(panelWhere('cases', (d) => d.today === 4))).toMatchObject({
      data: { open: 4 },
    });
    const leader = await openScreenStream(base, t.as.leader!.cookie);
    await leader.next(panelWhere('cases', (d) => d.today === 4));
    leader.close();

    // An alarm: the device named on the feed, the panel and the map.
    await device('MH-9002', 'manhole', 'CGJ');
    await send('MH-9002', { tilt: 40 });
    const alarm = await screen.next<Extract<ScreenEvent, { type: 'feed' }>>(
      (e) => e.type === 'feed' && e.item.kind === 'alarm',
    );
    expect(alarm.item).toMatchObject({ detail: 'MH-9002 MH-9002号设备', severity: 'critical' });
    await screen.next(panelWhere('alarms', (d) => d.active === 2));
    const layer = await screen.next<Extract<ScreenEvent, { type: 'map' }>>(
      (e) => e.type === 'map' && e.layer === 'alarms' && e.data?.alarms?.length === 2,
    );
    expect(layer.data?.alarms?.map((a) => a.deviceCode).sort()).toEqual(['MH-9001', 'MH-9002']);
    expect(layer.data?.subdistricts?.some((s) => s.activeAlarms === 2)).toBe(true);
    screen.close();
    expect(number).toMatch(/^\d{13}$/);
  });

  it('pushes the data, registry and sharing panels when a batch is loaded, merged and called', async () => {
    const screen = await openScreenStream(base, t.as.screen!.cookie);
    await screen.next((e) => e.type === 'mode');
    const batch = await t.p.modules.ingest.service.ingestRecords(ctx, 'gafj_household', [
      { id_number: person('43011219600606222'), name: '赵五', sex: '女', subdistrict: '乌山街道' },
    ]);
    expect(batch.rejected).toBe(0);
    await screen.next(panelWhere('data', (d) => d.recordsTotal === 4 && d.batchesToday === 2));
    await screen.next(panelWhere('registries', (d) => d.people === 4));
    const call = await t.p.app.inject({
      method: 'GET',
      url: `/api/share/v1/population/${person('43011219900101123')}`,
      headers: { authorization: sharing.authorization },
    });
    expect(call.statusCode).toBe(200);
    await screen.next(panelWhere('sharing', (d) => d.callsToday === 3));
    screen.close();
  });

  it('announces new cases on the feed, and pushes what others broadcast', async () => {
    const screen = await openScreenStream(base, t.as.screen!.cookie);
    await screen.next((e) => e.type === 'mode');
    const number = await newCase('金星北路路灯不亮');
    const line = await screen.next<Extract<ScreenEvent, { type: 'feed' }>>(
      (e) => e.type === 'feed' && e.item.kind === 'case',
    );
    expect(line.item).toMatchObject({ ref: number, detail: expect.stringContaining('道路破损') });

    // The duty officer's switch to an incident is broadcast (here a short mode, sent whole by NOTIFY)…
    const mode = { mode: 'routine' as const, view: null };
    await t.p.modules.ioc.live.broadcast({ type: 'mode', mode });
    expect(await screen.next((e) => e.type === 'mode')).toEqual({ type: 'mode', mode });
    // …and one too long for a NOTIFY makes every process read the mode itself.
    const long = { ...mode, note: 'x'.repeat(10_000) } as typeof mode;
    await t.p.modules.ioc.live.broadcast({ type: 'mode', mode: long });
    expect(await screen.next((e) => e.type === 'mode')).toEqual({ type: 'mode', mode });
    screen.close();
  });

  it('ends open streams when the server closes', async () => {
    const open = await openScreenStream(base, t.as.admin!.cookie);
    await open.next((e) => e.type === 'mode');
    expect(t.p.modules.ioc.live.clientCount()).toBeGreaterThan(0);
    await t.p.app.close();
    await open.ended();
    expect(t.p.modules.ioc.live.clientCount()).toBe(0);
  });
});
