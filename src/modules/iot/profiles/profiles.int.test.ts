import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { iotPlatform } from '../iot-test-kit.ts';

describe.each(databaseKinds)('device profiles (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  beforeAll(async () => {
    t = await iotPlatform(kind);
  });
  afterAll(() => t?.p.close());

  it('seeds the five sensing profiles with their keys, and the overload category for weigh-in-motion cases', async () => {
    const profiles = await t.p.modules.iot.profiles.list();
    expect(profiles.map((p) => p.code).sort()).toEqual(
      ['dust', 'gateway', 'lamppost', 'manhole', 'water_level', 'wim'].sort(),
    );
    const manhole = profiles.find((p) => p.code === 'manhole')!;
    expect(manhole.keys.find((k) => k.key === 'tilt')).toMatchObject({ unit: '°', min: 0, max: 180 });
    expect((await t.p.modules.events.categories.find('transport.overload'))?.name).toBe('车辆超限超载');
  });

  it('seeds again without adding or changing anything', async () => {
    await t.p.modules.iot.profiles.update(systemCtx('test'), 'manhole', { retentionDays: 7 });
    await t.p.modules.iot.seed();
    expect((await t.p.modules.iot.profiles.require('manhole')).retentionDays).toBe(7);
  });
});
