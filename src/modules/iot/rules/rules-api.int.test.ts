import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { alarmPlatform } from '../alarms/alarm-test-kit.ts';

describe.each(databaseKinds)('alarm rules (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof alarmPlatform>>;
  beforeAll(async () => {
    t = await alarmPlatform(kind);
    await t.device({ code: 'DU-0001', profile: 'dust', department: 'CGJ' });
    await t.device({ code: 'WL-0001', profile: 'water_level', department: 'SLJ' });
  });
  afterAll(() => t?.p.close());

  const noiseRule = {
    name: '夜间噪声',
    kind: 'threshold',
    params: { key: 'noise', op: '>', value: 70, hysteresis: 2 },
    severity: 'minor',
  };

  it("lists the profiles' seeded rules", async () => {
    const res = await t.call('GET', '/api/iot/rules?profile=manhole', t.as.cgj!);
    expect(res.statusCode, res.body).toBe(200);
    const tilt = res.json().items.find((r: { name: string }) => r.name === '井盖倾斜');
    expect(tilt).toMatchObject({
      profileCode: 'manhole',
      deviceCode: null,
      kind: 'threshold',
      params: { key: 'tilt', op: '>', value: 15, hysteresis: 3 },
      severity: 'critical',
      caseCategory: 'city.manhole',
      enabled: true,
    });
  });

  it('the center adds a profile rule; the engine applies it at once; a department may not', async () => {
    expect(
      (await t.call('POST', '/api/iot/rules', t.as.cgj!, { ...noiseRule, profileCode: 'dust' })).statusCode,
    ).toBe(403);
    const res = await t.call('POST', '/api/iot/rules', t.as.admin!, { ...noiseRule, profileCode: 'dust' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ profileCode: 'dust', deviceCode: null, kind: 'threshold' });
    await t.store([{ device: 'DU-0001', key: 'noise', value: 75 }]);
    expect((await t.alarmsOf('DU-0001')).map((a) => a.ruleName)).toEqual(['夜间噪声']);

    // Switched off, it raises nothing more.
    const off = await t.call('PATCH', `/api/iot/rules/${res.json().id}`, t.as.admin!, { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    await t.store([{ device: 'DU-0001', key: 'noise', value: 60, minutes: 1 }]);
    expect((await t.alarmsOf('DU-0001'))[0]!.status).toBe('active_unack');
  });

  it("a department adds and edits rules of its own devices only, and sees no other department's", async () => {
    const own = await t.call('POST', '/api/iot/rules', t.as.cgj!, {
      ...noiseRule,
      name: '本工地噪声',
      deviceCode: 'DU-0001',
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ deviceCode: 'DU-0001', profileCode: null });
    // Another department's device is not there for CGJ.
    const other = await t.call('POST', '/api/iot/rules', t.as.cgj!, {
      name: '水位',
      kind: 'threshold',
      params: { key: 'level', op: '>', value: 30 },
      severity: 'major',
      deviceCode: 'WL-0001',
    });
    expect(other.statusCode).toBe(404);
    const slj = await t.call('POST', '/api/iot/rules', t.as.slj!, {
      name: '水位 30 米',
      kind: 'threshold',
      params: { key: 'level', op: '>', value: 30 },
      severity: 'major',
      deviceCode: 'WL-0001',
    });
    expect(slj.statusCode, slj.body).toBe(201);
    const sljId = slj.json().id;

    const seen = (await t.call('GET', '/api/iot/rules', t.as.cgj!)).json().items as { name: string }[];
    expect(seen.map((r) => r.name)).toContain('本工地噪声');
    expect(seen.map((r) => r.name)).not.toContain('水位 30 米');
    expect(seen.map((r) => r.name)).toContain('井盖倾斜');
    expect((await t.call('PATCH', `/api/iot/rules/${sljId}`, t.as.cgj!, { name: 'x' })).statusCode).toBe(404);
    expect((await t.call('DELETE', `/api/iot/rules/${sljId}`, t.as.cgj!)).statusCode).toBe(404);
    expect((await t.call('GET', '/api/iot/rules?device=WL-0001', t.as.cgj!)).statusCode).toBe(404);
    // A leader reads but does not edit; a profile's rule stays the center's.
    expect(
      (await t.call('POST', '/api/iot/rules', t.as.leader!, { ...noiseRule, deviceCode: 'DU-0001' }))
        .statusCode,
    ).toBe(403);
    const tilt = (await t.call('GET', '/api/iot/rules?profile=manhole', t.as.cgj!)).json().items[0];
    expect(
      (await t.call('PATCH', `/api/iot/rules/${tilt.id}`, t.as.cgj!, { severity: 'minor' })).statusCode,
    ).toBe(403);

    const edited = await t.call('PATCH', `/api/iot/rules/${own.json().id}`, t.as.cgj!, {
      params: { key: 'noise', op: '>', value: 80 },
      severity: 'major',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ params: { value: 80 }, severity: 'major' });
    const removed = await t.call('DELETE', `/api/iot/rules/${own.json().id}`, t.as.cgj!);
    expect(removed.statusCode).toBe(204);
    const audit = await t.p.modules.audit.service.list(t.adminCtx, {
      targetType: 'iot_rule',
      targetId: String(own.json().id),
      page: 1,
      pageSize: 10,
      sort: 'oldest',
    });
    expect(audit.items.map((e) => e.action)).toEqual([
      'iot.rule.create',
      'iot.rule.update',
      'iot.rule.delete',
    ]);
  });

  it('checks the parameters by kind, the keys against the profile, and the case category, naming the field', async () => {
    const post = (body: object) => t.call('POST', '/api/iot/rules', t.as.admin!, body);
    const fields = (res: { json(): { errors: { field: string }[] } }) =>
      res.json().errors.map((e) => e.field);

    const noMinutes = await post({
      name: '持续',
      kind: 'duration',
      params: { key: 'pm10', op: '>', value: 100 },
      severity: 'minor',
      profileCode: 'dust',
    });
    expect(noMinutes.statusCode).toBe(400);
    expect(fields(noMinutes)).toContain('params.minutes');

    const badKey = await post({
      ...noiseRule,
      params: { ...noiseRule.params, key: 'tilt' },
      profileCode: 'dust',
    });
    expect(badKey.statusCode).toBe(400);
    expect(fields(badKey)).toEqual(['params.key']);

    const badCategory = await post({ ...noiseRule, caseCategory: 'no.such', profileCode: 'dust' });
    expect(badCategory.statusCode).toBe(400);
    expect(fields(badCategory)).toEqual(['caseCategory']);

    const both = await post({ ...noiseRule, profileCode: 'dust', deviceCode: 'DU-0001' });
    expect(both.statusCode).toBe(400);
    expect(await post({ ...noiseRule, kind: 'magic' }).then((r) => r.statusCode)).toBe(400);

    const tilt = (await t.call('GET', '/api/iot/rules?profile=dust', t.as.admin!)).json().items[0];
    const badPatch = await t.call('PATCH', `/api/iot/rules/${tilt.id}`, t.as.admin!, {
      params: { key: 'pm10', op: '>', value: 150, minutes: -1 },
    });
    expect(badPatch.statusCode).toBe(400);
    expect(fields(badPatch)).toEqual(['params.minutes']);
  });
});
