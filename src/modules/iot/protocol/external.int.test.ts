import { randomBytes } from 'node:crypto';
import { count, eq, inArray } from 'drizzle-orm';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { createLogger } from '../../../core/logger.ts';
import { openPlatform } from '../../../server/platform.ts';
import { iotPlatform } from '../iot-test-kit.ts';
import { devices, telemetry } from '../schema.ts';
import { observeTelemetry } from './protocol-test-kit.ts';

// The Mosquitto of the machine (CI makes sure it runs): an existing broker, as ONECITY_MQTT_URL names one.
const MOSQUITTO = 'mqtt://127.0.0.1:1883';
// Each run its own shared-subscription group, so that other OneCity processes on the same broker take none of its
// messages (in a district every process uses the one group `onecity`).
const group = () => `onecity-test-${randomBytes(4).toString('hex')}`;
const waitLong = { timeout: 15_000, interval: 50 };

async function publisher(): Promise<MqttClient> {
  return connectAsync(MOSQUITTO, { protocolVersion: 5, reconnectPeriod: 0 });
}

describe.each(databaseKinds)('device data from an external broker (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  let seen: ReturnType<typeof observeTelemetry>;
  let pub: MqttClient;

  beforeAll(async () => {
    t = await iotPlatform(kind);
    seen = observeTelemetry(t.p.modules.iot.telemetry);
    const started = await t.p.modules.iot.start({ url: MOSQUITTO, group: group(), connections: 2 });
    expect(started.url).toBe(MOSQUITTO);
    pub = await publisher();
  });
  afterAll(async () => {
    await pub?.endAsync(true);
    await t?.p.close();
  });

  it('takes telemetry and attributes published with the token in the topic', async () => {
    const manhole = await t.addDevice({ code: 'MH-0101', profile: 'manhole', department: 'CGJ' });
    await pub.publishAsync(`v1/devices/${manhole.token}/telemetry`, '{"tilt":16.5,"battery":"x"}', {
      qos: 1,
    });
    await vi.waitFor(
      () => expect(seen.points()).toMatchObject([{ code: 'MH-0101', key: 'tilt', num: 16.5 }]),
      waitLong,
    );
    await vi.waitFor(
      () => expect(seen.bad).toMatchObject([{ deviceCode: 'MH-0101', reason: 'wrong_type' }]),
      waitLong,
    );
    await pub.publishAsync(`v1/devices/${manhole.token}/attributes`, '{"fw":"5.0"}', { qos: 0 });
    await vi.waitFor(async () => {
      const [row] = await t.p.database.db.select().from(devices).where(eq(devices.id, manhole.id));
      expect(row!.attributes).toEqual({ fw: '5.0' });
    }, waitLong);
  });

  it('acknowledges a message to the broker only once it is stored', async () => {
    const sensor = await t.addDevice({ code: 'MH-0150', profile: 'manhole', department: 'CGJ' });
    const telemetry = t.p.modules.iot.telemetry;
    const store = telemetry.store;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let calls = 0;
    telemetry.store = async (points, devs) => {
      calls++;
      await gate;
      await store(points, devs);
    };
    try {
      const sent = 100;
      for (let i = 0; i < sent; i++)
        await pub.publishAsync(`v1/devices/${sensor.token}/telemetry`, JSON.stringify({ water: i }), {
          qos: 1,
        });
      // The broker sends a subscriber only so many unacknowledged messages (Mosquitto: 20 per connection): while
      // nothing is stored nothing is acknowledged, so the rest wait at the broker.
      await vi.waitFor(() => expect(calls).toBeGreaterThan(0), waitLong);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(calls).toBeLessThan(sent);
      open();
      await vi.waitFor(
        () => expect(seen.points().filter((p) => p.code === 'MH-0150')).toHaveLength(sent),
        waitLong,
      );
      // Two connections share the messages: each value once, in whatever order the two stored them.
      expect(
        seen
          .points()
          .filter((p) => p.code === 'MH-0150')
          .map((p) => p.num)
          .sort((a, b) => a! - b!),
      ).toEqual(Array.from({ length: sent }, (_, i) => i));
    } finally {
      open();
      telemetry.store = store;
    }
  });

  it('a token no device holds, or a retired one, is counted in the process and taken nowhere', async () => {
    const retired = await t.addDevice({
      code: 'MH-0199',
      profile: 'manhole',
      department: 'CGJ',
      status: 'retired',
    });
    const before = t.p.modules.iot.protocol.stats().unknownToken;
    const stored = seen.stored.length;
    await pub.publishAsync('v1/devices/NoSuchToken123456789/telemetry', '{"tilt":1}', { qos: 1 });
    await pub.publishAsync(`v1/devices/${retired.token}/telemetry`, '{"tilt":1}', { qos: 1 });
    // `me` in the topic means the broker did not put the publisher's token there: nobody to take it for.
    await pub.publishAsync('v1/devices/me/telemetry', '{"tilt":1}', { qos: 1 });
    await vi.waitFor(() => expect(t.p.modules.iot.protocol.stats().unknownToken).toBe(before + 3), waitLong);
    expect(seen.stored.length).toBe(stored);
  });

  it('takes the gateway API from gateways only', async () => {
    const gateway = await t.addDevice({ code: 'GW-0101', profile: 'gateway', department: 'SLJ' });
    const station = await t.addDevice({ code: 'WL-0101', profile: 'water_level', department: 'SLJ' });
    const notGateway = await t.addDevice({ code: 'WL-0102', profile: 'water_level', department: 'SLJ' });
    await pub.publishAsync(`v1/gateway/${gateway.token}/connect`, '{"device":"WL-0101"}', { qos: 1 });
    await pub.publishAsync(`v1/gateway/${gateway.token}/telemetry`, '{"WL-0101":[{"level":28.4}]}', {
      qos: 1,
    });
    await vi.waitFor(
      () =>
        expect(seen.points().filter((p) => p.code === 'WL-0101')).toMatchObject([
          { key: 'level', num: 28.4 },
        ]),
      waitLong,
    );
    const [row] = await t.p.database.db.select().from(devices).where(eq(devices.id, station.id));
    expect(row!.gatewayId).toBe(gateway.id);

    const before = t.p.modules.iot.protocol.stats().notGateway;
    await pub.publishAsync(`v1/gateway/${notGateway.token}/telemetry`, '{"WL-0101":[{"level":1}]}', {
      qos: 1,
    });
    await vi.waitFor(() => expect(t.p.modules.iot.protocol.stats().notGateway).toBe(before + 1), waitLong);
    expect(seen.points().filter((p) => p.code === 'WL-0101')).toHaveLength(1);
  });
});

describe('several OneCity processes share an external broker (postgres)', () => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  let second: Awaited<ReturnType<typeof openPlatform>>;
  let pub: MqttClient;

  beforeAll(async () => {
    t = await iotPlatform('postgres');
    // A second platform on the same database: a second OneCity process of the district.
    second = await openPlatform(t.p.config, createLogger('silent'), { seed: false });
    pub = await publisher();
  });
  afterAll(async () => {
    await pub?.endAsync(true);
    await second?.modules.iot.stop();
    await second?.database.close();
    await t?.p.close();
  });

  it('each message is taken exactly once, by one of them', async () => {
    const shared = group();
    const first = observeTelemetry(t.p.modules.iot.telemetry);
    const other = observeTelemetry(second.modules.iot.telemetry);
    await t.p.modules.iot.start({ url: MOSQUITTO, group: shared, connections: 2 });
    await second.modules.iot.start({ url: MOSQUITTO, group: shared, connections: 2 });

    const sensors: { id: number; code: string; token: string }[] = [];
    for (let i = 0; i < 10; i++)
      sensors.push(
        await t.addDevice({
          code: `MH-02${String(i).padStart(2, '0')}`,
          profile: 'manhole',
          department: 'CGJ',
        }),
      );
    const sent = 200;
    await Promise.all(
      Array.from({ length: sent }, (_, i) =>
        pub.publishAsync(`v1/devices/${sensors[i % 10]!.token}/telemetry`, JSON.stringify({ water: i }), {
          qos: 1,
        }),
      ),
    );

    const taken = () => [...first.points(), ...other.points()];
    await vi.waitFor(() => expect(taken().length).toBeGreaterThanOrEqual(sent), waitLong);
    const values = taken()
      .map((p) => p.num)
      .sort((a, b) => a! - b!);
    expect(values).toEqual(Array.from({ length: sent }, (_, i) => i));
    // Each value came from the device that sent it.
    for (const p of taken()) expect(p.code).toBe(sensors[p.num! % 10]!.code);
    // And stored once: the rows in the table.
    const ids = sensors.map((d) => d.id);
    await vi.waitFor(async () => {
      const [rows] = await t.p.database.db
        .select({ n: count() })
        .from(telemetry)
        .where(inArray(telemetry.deviceId, ids));
      expect(rows!.n).toBe(sent);
    }, waitLong);
    // Both processes took a share.
    expect(first.points().length).toBeGreaterThan(0);
    expect(other.points().length).toBeGreaterThan(0);
  });
});
