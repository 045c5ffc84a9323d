import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { iotPlatform } from '../iot-test-kit.ts';

describe.each(databaseKinds)('the built-in simulator on %s', (kind) => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  beforeAll(async () => {
    t = await iotPlatform(kind);
  });
  afterAll(async () => {
    t?.p.modules.iot.simulator.stop();
    await t?.p.close();
  });

  it("hands each selected device's readings to the data path, and only theirs", async () => {
    const iot = t.p.modules.iot;
    await t.addDevice({ code: 'WC-JG-0001', profile: 'manhole', department: 'CGJ' });
    await t.addDevice({
      code: 'WC-SW-0001',
      profile: 'water_level',
      department: 'SLJ',
      attributes: { warning_level: 35.8, guarantee_level: 37.3 },
    });
    await t.addDevice({ code: 'WC-ZC-0001', profile: 'wim', department: 'JTYSJ' });
    await t.addDevice({ code: 'WC-JG-0002', profile: 'manhole', department: 'CGJ', status: 'retired' });
    await t.addDevice({ code: 'WC-WG-01', profile: 'gateway', department: 'CGJ' });
    await t.addDevice({ code: 'MH-REAL-1', profile: 'manhole', department: 'CGJ' });
    const accept = vi.spyOn(iot.protocol, 'accept');
    try {
      expect(await iot.simulator.start({ codePrefix: 'WC-', everySeconds: 1 })).toEqual({ devices: 3 });
      expect(iot.simulator.running()).toBe(true);
      const seen = () => new Set(accept.mock.calls.map(([device]) => device.code));
      await vi.waitFor(() => expect(seen()).toEqual(new Set(['WC-JG-0001', 'WC-SW-0001', 'WC-ZC-0001'])), {
        timeout: 10_000,
      });
      for (const [device, kindOf, payload] of accept.mock.calls) {
        expect(kindOf).toBe('telemetry');
        const keys = Object.keys(JSON.parse(String(payload))).sort();
        const expected = {
          manhole: ['battery', 'tilt', 'water'],
          water_level: ['level', 'rainfall'],
          wim: ['axles', 'gross_weight', 'plate', 'speed'],
        }[device.profileCode];
        expect(keys, device.code).toEqual(expected);
      }
      expect(iot.simulator.counts().sent).toBeGreaterThanOrEqual(3);
    } finally {
      iot.simulator.stop();
      accept.mockRestore();
    }
    expect(iot.simulator.running()).toBe(false);
  });

  it('stores the readings through the real data path: the latest values move, nothing is refused', async () => {
    const iot = t.p.modules.iot;
    await t.addDevice({ code: 'WD-LD-0001', profile: 'lamppost', department: 'CGJ' });
    const device = (await iot.devices.byCode('WD-LD-0001'))!;
    try {
      expect(await iot.simulator.start({ codePrefix: 'WD-', everySeconds: 1 })).toEqual({ devices: 1 });
      await vi.waitFor(
        async () =>
          expect(Object.keys((await iot.telemetry.latest(device)).values).sort()).toEqual([
            'lamp',
            'noise',
            'pm25',
            'power',
          ]),
        { timeout: 15_000, interval: 200 },
      );
    } finally {
      iot.simulator.stop();
    }
    const { values } = await iot.telemetry.latest(device);
    expect([0, 1]).toContain(values.lamp!.value);
    expect(iot.simulator.counts()).toMatchObject({ rejected: 0, failed: 0 });
    expect(iot.simulator.counts().accepted).toBeGreaterThanOrEqual(4);
  });

  it('registers devices with tokens that authenticate, once', async () => {
    const iot = t.p.modules.iot;
    const cgj = (await t.p.modules.org.service.findDepartmentByCode('CGJ'))!.id;
    const input = { profileCode: 'manhole', name: '模拟', lng: 112.82, lat: 28.37, departmentId: cgj };
    const tokens = await iot.simulator.register(systemCtx('test'), [
      { code: 'SIM-00001', ...input },
      { code: 'SIM-00002', ...input },
    ]);
    expect(tokens.map((x) => x.code)).toEqual(['SIM-00001', 'SIM-00002']);
    const device = await iot.devices.authenticate(tokens[0]!.token);
    expect(device).toMatchObject({ code: 'SIM-00001', profileCode: 'manhole', departmentId: cgj });
    expect(device!.subdistrictCode).toMatch(/^430112\d{3}$/);
    // Codes already registered are left as they are.
    expect(await iot.simulator.register(systemCtx('test'), [{ code: 'SIM-00001', ...input }])).toEqual([]);
    const audit = await t.call('GET', '/api/audit?action=iot.device.create&pageSize=10', t.as.admin!);
    expect(audit.statusCode, audit.body).toBe(200);
    expect(
      audit
        .json()
        .items.map((e: { targetId: string }) => e.targetId)
        .sort(),
    ).toEqual(['SIM-00001', 'SIM-00002']);
  });
});
