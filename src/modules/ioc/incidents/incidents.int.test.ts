import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { offsetMetres } from '../../events/index.ts';
import { iocPlatform } from '../ioc-test-kit.ts';

// The incident's place, in 高塘岭街道; everything else is placed so many metres east and north of it.
const SEAT = { lng: 112.82, lat: 28.37 };
const at = (east: number, north: number) => offsetMetres(SEAT, east, north);

describe.each(databaseKinds)('emergency mode (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iocPlatform>>;
  const caseAt: Record<string, string> = {};
  let alarmId = 0;
  let cgjId = 0;

  beforeAll(async () => {
    t = await iocPlatform(kind);
    cgjId = t.ids.CGJ!;
    // Devices at known distances: 150 m, 600 m, 1400 m (outside a 1 km radius), and a retired one at 50 m.
    for (const [code, east, north] of [
      ['MH-NEAR', 90, 120],
      ['MH-MID', -360, 480],
      ['MH-FAR', 1400, 0],
      ['MH-OLD', 0, 50],
      ['MH-ALARM', 3000, -3000],
    ] as const) {
      const made = await t.call('POST', '/api/iot/devices', t.as.admin!, {
        code,
        profileCode: 'manhole',
        name: `井盖 ${code}`,
        ...at(east, north),
        departmentId: cgjId,
      });
      expect(made.statusCode, made.body).toBe(201);
    }
    const retired = await t.call('POST', '/api/iot/devices/MH-OLD/retire', t.as.admin!, { reason: '更换' });
    expect(retired.statusCode, retired.body).toBe(200);

    // Open cases at 300 m and 800 m, one at 2 km.
    for (const [name, east, north] of [
      ['c300', 0, -300],
      ['c800', 800, 0],
      ['c2000', 0, 2000],
    ] as const) {
      const res = await t.call('POST', '/api/events/cases', t.as.operator!, {
        content: `井盖破损，位置 ${name}`,
        title: `井盖破损 ${name}`,
        categoryCode: 'city.manhole',
        ...at(east, north),
        dispatch: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      caseAt[name] = res.json().number;
    }

    // An alarm of a device far away (its case, at the device, is far away too).
    const device = (await t.p.modules.iot.devices.byCode('MH-ALARM'))!;
    await t.p.modules.iot.alarms.evaluate({
      points: [{ deviceId: device.id, key: 'tilt', ts: new Date(), num: 23.5, txt: null }],
      devices: new Map([[device.id, device]]),
    });
    await t.p.modules.iot.alarms.idle();
    const alarms = await t.p.modules.iot.alarms.list(systemCtx('test'), {
      status: 'all',
      device: 'MH-ALARM',
      page: 1,
      pageSize: 10,
    });
    alarmId = alarms.items[0]!.id;

    const facilities = await t.call('POST', '/api/ioc/facilities', t.as.admin!, [
      { kind: 'school', name: '近的小学', ...at(200, 0), capacity: 900 },
      { kind: 'school', name: '远的小学', ...at(0, 1500), capacity: 600 },
      { kind: 'shelter', name: '近的公园避难场所', ...at(-100, -100), capacity: 5000 },
      { kind: 'hospital', name: '近的卫生院', ...at(0, 700), capacity: 60 },
    ]);
    expect(facilities.statusCode, facilities.body).toBe(200);
  });
  afterAll(() => t?.p.close());

  const start = (who: string, body: object) => t.call('POST', '/api/ioc/incidents', t.as[who]!, body);
  const incident = (more: object = {}) => ({
    title: '雷锋大道路面塌陷',
    description: '路面塌陷约 4 平方米，已设置围挡',
    ...SEAT,
    radiusM: 1000,
    caseNumbers: [caseAt.c2000],
    alarmIds: [alarmId],
    ...more,
  });
  const audited = async (action: string) =>
    (await t.call('GET', `/api/audit?action=${action}`, t.as.admin!)).json().items;

  it('refuses bad input field by field, and stays in routine', async () => {
    const outside = await start('steward', incident({ lng: 116.4, lat: 39.9 }));
    expect(outside.statusCode, outside.body).toBe(400);
    expect(outside.json().errors).toEqual([
      expect.objectContaining({ field: 'lng', reason: 'incident_outside_district' }),
    ]);
    const unknown = await start(
      'steward',
      incident({ caseNumbers: [caseAt.c300, '209901010001'], alarmIds: [alarmId, 999999] }),
    );
    expect(unknown.statusCode, unknown.body).toBe(400);
    expect(unknown.json().errors.map((e: { field: string; reason: string }) => [e.field, e.reason])).toEqual([
      ['caseNumbers.1', 'incident_unknown_case'],
      ['alarmIds.1', 'incident_unknown_alarm'],
    ]);
    expect(unknown.json().detail).toContain('工单 209901010001 不存在');
    const shape = await start('steward', { title: '', lng: 'x', lat: 28, radiusM: 5 });
    expect(shape.statusCode).toBe(400);
    expect(
      shape
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['lng', 'radiusM', 'title']);
    const mode = await t.call('GET', '/api/ioc/mode', t.as.screen!);
    expect(mode.json()).toEqual({ mode: 'routine', view: null });
  });

  it('starts an incident, shows what is near by distance, its linked work and departments, then ends it', async () => {
    const started = await start('steward', incident());
    expect(started.statusCode, started.body).toBe(201);
    const view = started.json();
    expect(view.incident).toMatchObject({
      title: '雷锋大道路面塌陷',
      radiusM: 1000,
      startedByName: 'steward',
      endedAt: null,
      caseNumbers: [caseAt.c2000],
      alarmIds: [alarmId],
    });
    expect(view.incident.subdistrictName).toContain('高塘岭');

    // Near: nearest first, within the radius only, the retired device left out.
    expect(view.near.devices.map((d: { code: string }) => d.code)).toEqual(['MH-NEAR', 'MH-MID']);
    expect(view.near.devices.map((d: { distanceM: number }) => d.distanceM)).toEqual([150, 600]);
    expect(view.near.cases.map((c: { number: string }) => c.number)).toEqual([caseAt.c300, caseAt.c800]);
    expect(view.near.cases.map((c: { distanceM: number }) => c.distanceM)).toEqual([300, 800]);
    expect(view.near.cases[0]).toMatchObject({ title: '井盖破损 c300', status: 'dispatched' });
    expect(
      view.near.facilities.map((f: { name: string; distanceM: number }) => [f.name, f.distanceM]),
    ).toEqual([
      ['近的公园避难场所', 141],
      ['近的小学', 200],
      ['近的卫生院', 700],
    ]);

    // Linked: the far case and the alarm, with their timeline.
    expect(view.linked.cases).toEqual([
      {
        number: caseAt.c2000,
        title: '井盖破损 c2000',
        status: 'dispatched',
        departmentName: expect.any(String),
      },
    ]);
    expect(view.linked.alarms).toEqual([
      {
        id: alarmId,
        deviceCode: 'MH-ALARM',
        deviceName: '井盖 MH-ALARM',
        severity: 'critical',
        status: 'active_unack',
      },
    ]);
    const kinds = view.timeline.map((l: { kind: string; ref: string; action: string | null }) => [
      l.kind,
      l.ref,
      l.action,
    ]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['incident_started', String(view.incident.id), null],
        ['case_step', caseAt.c2000, 'receive'],
        ['case_step', caseAt.c2000, 'dispatch'],
        ['alarm_started', String(alarmId), null],
      ]),
    );
    const times = view.timeline.map((l: { at: string }) => l.at);
    expect(times).toEqual([...times].sort());
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'incident_started', by: 'steward' });
    // 城管局 answers for the cases and devices, with its phone.
    const cgj = view.departments.find((d: { id: number }) => d.id === cgjId);
    expect(cgj).toMatchObject({
      name: expect.any(String),
      phone: expect.toBeOneOf([expect.any(String), null]),
    });

    // Every screen reads the same mode; the list has it open.
    for (const who of ['screen', 'leader', 'admin']) {
      const mode = await t.call('GET', '/api/ioc/mode', t.as[who]!);
      expect(mode.statusCode, who).toBe(200);
      expect(mode.json()).toMatchObject({ mode: 'emergency', view: { incident: { id: view.incident.id } } });
    }

    // One at a time.
    const second = await start('admin', incident({ title: '另一起事件' }));
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json()).toMatchObject({ code: 'incident_open' });
    expect(second.json().detail).toContain('雷锋大道路面塌陷');

    const id = view.incident.id;
    const ended = await t.call('POST', `/api/ioc/incidents/${id}/end`, t.as.admin!, {
      note: '险情排除，道路恢复通行',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ id, endedByName: '系统管理员', endNote: '险情排除，道路恢复通行' });
    expect(ended.json().endedAt).toBeTruthy();
    expect((await t.call('GET', '/api/ioc/mode', t.as.screen!)).json()).toEqual({
      mode: 'routine',
      view: null,
    });

    const again = await t.call('POST', `/api/ioc/incidents/${id}/end`, t.as.admin!, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('incident_ended');
    expect((await t.call('POST', '/api/ioc/incidents/999999/end', t.as.admin!, {})).statusCode).toBe(404);

    // Both switches are audited, naming the incident.
    const [startEntry] = await audited('ioc.emergency.start');
    expect(startEntry).toMatchObject({
      actorName: 'steward',
      targetType: 'ioc_incident',
      targetId: String(id),
      targetName: '雷锋大道路面塌陷',
      detail: { radiusM: 1000, caseNumbers: [caseAt.c2000], alarmIds: [alarmId] },
    });
    const [endEntry] = await audited('ioc.emergency.end');
    expect(endEntry).toMatchObject({
      actorName: 'admin',
      targetId: String(id),
      detail: { note: '险情排除，道路恢复通行' },
    });

    // A new one may start now; the list shows both, newest first.
    const next = await start('admin', incident({ title: '第二起事件', caseNumbers: [], alarmIds: [] }));
    expect(next.statusCode, next.body).toBe(201);
    const list = await t.call('GET', '/api/ioc/incidents?pageSize=10', t.as.leader!);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    expect(list.json().items.map((i: { title: string }) => i.title)).toEqual([
      '第二起事件',
      '雷锋大道路面塌陷',
    ]);
    const closed = await t.call(
      'POST',
      `/api/ioc/incidents/${next.json().incident.id}/end`,
      t.as.steward!,
      {},
    );
    expect(closed.statusCode).toBe(200);
  });

  it('lets leader and screen read the mode but not switch it; refuses departments and strangers', async () => {
    for (const who of ['leader', 'screen', 'cgj', 'operator']) {
      const res = await start(who, incident({ caseNumbers: [], alarmIds: [] }));
      expect(res.statusCode, who).toBe(403);
      expect((await t.call('POST', '/api/ioc/incidents/1/end', t.as[who]!, {})).statusCode, who).toBe(403);
    }
    for (const who of ['cgj', 'operator']) {
      expect((await t.call('GET', '/api/ioc/mode', t.as[who]!)).statusCode, who).toBe(403);
      expect((await t.call('GET', '/api/ioc/incidents', t.as[who]!)).statusCode, who).toBe(403);
    }
    for (const [method, url] of [
      ['GET', '/api/ioc/mode'],
      ['GET', '/api/ioc/incidents'],
      ['POST', '/api/ioc/incidents'],
      ['POST', '/api/ioc/incidents/1/end'],
    ] as const)
      expect((await t.call(method, url, null, method === 'POST' ? {} : undefined)).statusCode, url).toBe(401);
    // Nothing was started by the refused calls.
    expect((await t.call('GET', '/api/ioc/mode', t.as.leader!)).json().mode).toBe('routine');
  });
});
