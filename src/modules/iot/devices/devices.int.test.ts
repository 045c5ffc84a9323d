import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { GAOTANGLING, iotPlatform } from '../iot-test-kit.ts';

describe.each(databaseKinds)('device registry (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  beforeAll(async () => {
    t = await iotPlatform(kind);
  });
  afterAll(() => t?.p.close());

  const manhole = (code: string, more: object = {}) => ({
    code,
    profileCode: 'manhole',
    name: `井盖 ${code}`,
    ...GAOTANGLING,
    ...more,
  });
  const fieldsOf = (body: string) =>
    (JSON.parse(body).errors ?? JSON.parse(body).fields ?? []).map((f: { field: string }) => f.field);

  it('registers a device with its place and department, and shows its token once', async () => {
    const made = await t.call(
      'POST',
      '/api/iot/devices',
      t.as.cgj!,
      manhole('MH-0001', { installedOn: '2026-05-01' }),
    );
    expect(made.statusCode, made.body).toBe(201);
    const { device, token } = made.json();
    expect(token).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(device).toMatchObject({
      code: 'MH-0001',
      profileName: '智能井盖',
      status: 'offline',
      departmentId: t.ids.CGJ,
      departmentName: expect.any(String),
      tokenHint: token.slice(-4),
      installedOn: '2026-05-01',
      canManage: true,
    });
    expect(device.subdistrictCode).toBeTruthy();
    expect(device.subdistrictName).toContain('高塘岭');
    expect(device.keys.map((k: { key: string }) => k.key)).toContain('tilt');
    expect((await t.p.modules.iot.devices.authenticate(token))?.code).toBe('MH-0001');
    const again = await t.call('GET', '/api/iot/devices/MH-0001', t.as.cgj!);
    expect(again.body).not.toContain(token);
    const audit = await t.call('GET', '/api/audit?action=iot.device.create', t.as.admin!);
    expect(audit.json().items[0]).toMatchObject({
      targetType: 'iot_device',
      targetId: 'MH-0001',
      targetName: '井盖 MH-0001（MH-0001）',
    });
  });

  it('names each bad field: code, profile, place outside the district, unknown component, attributes', async () => {
    const bad = await t.call('POST', '/api/iot/devices', t.as.admin!, {
      code: 'bad code!',
      profileCode: 'manhole',
      name: 'x',
      lng: 'east',
      lat: 28.3,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('code');
    expect(bad.body).toContain('lng');

    const checks = await t.call('POST', '/api/iot/devices', t.as.admin!, {
      code: 'WL-1',
      profileCode: 'water_level',
      name: '水位站',
      lng: 113.5,
      lat: 28.3,
      departmentId: t.ids.SLJ,
      componentCode: 'NO-SUCH-PART',
      attributes: { warning_level: 'high', colour: 1 },
    });
    expect(checks.statusCode).toBe(400);
    const fields = fieldsOf(checks.body);
    expect(fields).toEqual(
      expect.arrayContaining(['lng', 'componentCode', 'attributes.warning_level', 'attributes.colour']),
    );
    const unknownProfile = await t.call('POST', '/api/iot/devices', t.as.admin!, {
      ...manhole('X-1'),
      profileCode: 'teapot',
      departmentId: t.ids.CGJ,
    });
    expect(fieldsOf(unknownProfile.body)).toEqual(['profileCode']);
    const noDepartment = await t.call('POST', '/api/iot/devices', t.as.admin!, manhole('X-2'));
    expect(fieldsOf(noDepartment.body)).toEqual(['departmentId']);
    const duplicate = await t.call('POST', '/api/iot/devices', t.as.admin!, {
      ...manhole('MH-0001'),
      departmentId: t.ids.CGJ,
    });
    expect(duplicate.statusCode).toBe(409);
    const list = await t.call('GET', '/api/iot/devices', t.as.admin!);
    expect(list.json().items.map((d: { code: string }) => d.code)).toEqual(['MH-0001']);
  });

  it('keeps a department to its own devices; the center and leaders see all; anonymous callers none', async () => {
    const water = await t.call('POST', '/api/iot/devices', t.as.slj!, {
      code: 'WL-0001',
      profileCode: 'water_level',
      name: '高塘岭水位站',
      ...GAOTANGLING,
      attributes: { warning_level: 31.5 },
    });
    expect(water.statusCode, water.body).toBe(201);
    expect(water.json().device.attributes).toEqual({ warning_level: 31.5 });
    const foreign = await t.call('POST', '/api/iot/devices', t.as.slj!, {
      ...manhole('MH-0002'),
      departmentId: t.ids.CGJ,
    });
    expect(foreign.statusCode).toBe(403);
    expect((await t.call('POST', '/api/iot/devices', t.as.leader!, manhole('MH-0003'))).statusCode).toBe(403);

    expect((await t.call('GET', '/api/iot/devices/WL-0001', t.as.cgj!)).statusCode).toBe(404);
    expect((await t.call('PATCH', '/api/iot/devices/WL-0001', t.as.cgj!, { name: 'x' })).statusCode).toBe(
      404,
    );
    expect(
      (await t.call('POST', '/api/iot/devices/WL-0001/retire', t.as.cgj!, { reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await t.call('POST', '/api/iot/devices/WL-0001/token', t.as.cgj!)).statusCode).toBe(404);
    const cgjList = await t.call('GET', '/api/iot/devices', t.as.cgj!);
    expect(cgjList.json().items.map((d: { code: string }) => d.code)).toEqual(['MH-0001']);
    const cgjMap = await t.call('GET', '/api/iot/devices/map', t.as.cgj!);
    expect(cgjMap.json().items.map((d: { code: string }) => d.code)).toEqual(['MH-0001']);
    expect((await t.call('GET', '/api/iot/overview', t.as.cgj!)).json().devices.total).toBe(1);

    const leader = await t.call('GET', '/api/iot/devices/WL-0001', t.as.leader!);
    expect(leader.statusCode).toBe(200);
    expect(leader.json().canManage).toBe(false);
    expect((await t.call('PATCH', '/api/iot/devices/WL-0001', t.as.leader!, { name: 'x' })).statusCode).toBe(
      403,
    );
    const all = await t.call('GET', '/api/iot/devices?sort=-code', t.as.leader!);
    expect(all.json()).toMatchObject({ total: 2, items: [{ code: 'WL-0001' }, { code: 'MH-0001' }] });
    const bySubdistrict = await t.call(
      'GET',
      `/api/iot/devices?profile=water_level&subdistrict=${leader.json().subdistrictCode}`,
      t.as.admin!,
    );
    expect(bySubdistrict.json().total).toBe(1);
    const overview = (await t.call('GET', '/api/iot/overview', t.as.leader!)).json();
    expect(overview.devices).toMatchObject({ total: 2, offline: 2 });
    expect(overview.byProfile).toEqual([
      { profileCode: 'manhole', total: 1, online: 0 },
      { profileCode: 'water_level', total: 1, online: 0 },
    ]);

    expect((await t.call('GET', '/api/iot/devices', null)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/iot/devices/MH-0001', null)).statusCode).toBe(401);
    expect((await t.call('POST', '/api/iot/devices', null, manhole('Z-1'))).statusCode).toBe(401);
  });

  it('edits a device: place re-located, attributes only of its profile', async () => {
    const edited = await t.call('PATCH', '/api/iot/devices/WL-0001', t.as.slj!, {
      name: '新名称',
      attributes: { guarantee_level: 33 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: '新名称',
      attributes: { warning_level: 31.5, guarantee_level: 33 },
    });
    const outside = await t.call('PATCH', '/api/iot/devices/WL-0001', t.as.slj!, { lng: 100 });
    expect(fieldsOf(outside.body)).toEqual(['lng']);
    const toOther = await t.call('PATCH', '/api/iot/devices/WL-0001', t.as.slj!, { departmentId: t.ids.CGJ });
    expect(toOther.statusCode).toBe(403);
  });

  it('rotates a token: the old one is refused, the new one taken', async () => {
    const { token: old } = await t.addDevice({ code: 'MH-ROT', profile: 'manhole', department: 'CGJ' });
    const devices = t.p.modules.iot.devices;
    expect((await devices.authenticate(old))?.code).toBe('MH-ROT');
    const rotated = await t.call('POST', '/api/iot/devices/MH-ROT/token', t.as.cgj!);
    expect(rotated.statusCode).toBe(200);
    const { token } = rotated.json();
    expect(await devices.authenticate(old)).toBeNull();
    expect((await devices.authenticate(token))?.code).toBe('MH-ROT');
    expect((await t.call('GET', '/api/iot/devices/MH-ROT', t.as.cgj!)).json().tokenHint).toBe(
      token.slice(-4),
    );
  });

  it('marks a device faulty and back; retires it, after which its token is refused and it cannot change', async () => {
    const { token } = await t.addDevice({ code: 'MH-RET', profile: 'manhole', department: 'CGJ' });
    const devices = t.p.modules.iot.devices;
    expect(await devices.authenticate(token)).not.toBeNull();
    const fault = await t.call('POST', '/api/iot/devices/MH-RET/fault', t.as.cgj!, {
      fault: true,
      reason: '进水',
    });
    expect(fault.json().status).toBe('fault');
    const repaired = await t.call('POST', '/api/iot/devices/MH-RET/fault', t.as.cgj!, { fault: false });
    expect(repaired.json().status).toBe('offline');

    expect((await t.call('POST', '/api/iot/devices/MH-RET/retire', t.as.cgj!, {})).statusCode).toBe(400);
    const retired = await t.call('POST', '/api/iot/devices/MH-RET/retire', t.as.cgj!, {
      reason: '道路改造拆除',
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ status: 'retired', canManage: false });
    expect(await devices.authenticate(token)).toBeNull();
    expect((await t.call('PATCH', '/api/iot/devices/MH-RET', t.as.admin!, { name: 'x' })).statusCode).toBe(
      409,
    );
    expect((await t.call('POST', '/api/iot/devices/MH-RET/token', t.as.admin!)).statusCode).toBe(409);
    const audit = await t.call('GET', '/api/audit?action=iot.device.retire', t.as.admin!);
    expect(audit.body).toContain('MH-RET');
  });

  it('registers many devices in one go, or none when one is bad', async () => {
    const devices = t.p.modules.iot.devices;
    const ctx = {
      actor: {
        userId: 0,
        username: 'demo',
        displayName: 'demo',
        departmentId: null,
        roles: ['admin'],
        via: 'system',
      },
      ip: null,
      requestId: null,
    } as const;
    const tokens = await devices.registerMany(ctx as never, [
      { ...manhole('MANY-1'), departmentId: t.ids.CGJ },
      { ...manhole('MANY-2'), departmentId: t.ids.CGJ },
    ]);
    expect(tokens.map((x) => x.code)).toEqual(['MANY-1', 'MANY-2']);
    expect((await devices.authenticate(tokens[1]!.token))?.code).toBe('MANY-2');
    await expect(
      devices.registerMany(ctx as never, [
        { ...manhole('MANY-3'), departmentId: t.ids.CGJ },
        { ...manhole('MANY-4'), departmentId: t.ids.CGJ, lng: 120 },
      ]),
    ).rejects.toMatchObject({ fields: [{ field: 'lng', row: 2 }] });
    expect(await devices.byCode('MANY-3')).toBeNull();
  });

  it('lets the center change a profile; others may only read them', async () => {
    const list = await t.call('GET', '/api/iot/profiles', t.as.cgj!);
    expect(list.json().items.find((p: { code: string }) => p.code === 'water_level').attributes).toHaveLength(
      2,
    );
    expect(
      (await t.call('PATCH', '/api/iot/profiles/dust', t.as.cgj!, { retentionDays: 7 })).statusCode,
    ).toBe(403);
    const changed = await t.call('PATCH', '/api/iot/profiles/dust', t.as.admin!, { offlineMinutes: 30 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().offlineMinutes).toBe(30);
  });
});
