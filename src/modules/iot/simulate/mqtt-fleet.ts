/**
 * A fleet of simulated devices over MQTT, as `onecity simulate` and the benches drive it: one connection per
 * device (its access token as the username), each publishing its profile's readings to its telemetry topic,
 * `rate` messages a second in all, round-robin over the devices. QoS 1: a message counts as sent when the broker
 * acknowledged it.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { simulatedValues } from './generators.ts';

/** A device of the fleet. */
export type FleetDevice = { code: string; token: string; profileCode: string };

/** Counts so far: connections made and refused, messages acknowledged and failed. */
export type FleetCounts = { connected: number; refused: number; sent: number; failed: number };

const TICK_MS = 100;
// Connections are opened this many at a time: a broker takes a burst of thousands of CONNECTs badly.
const CONNECT_BATCH = 50;

/**
 * Connects the devices and publishes until `durationMs` passes or `signal` aborts; resolves to the counts.
 * `topicToken`: publish to v1/devices/<token>/telemetry (an external broker that does not authenticate by token).
 */
export async function driveFleet(args: {
  url: string;
  devices: FleetDevice[];
  rate: number;
  durationMs?: number;
  topicToken?: boolean;
  signal?: AbortSignal;
  onProgress?: (counts: FleetCounts, seconds: number) => void;
}): Promise<FleetCounts & { seconds: number }> {
  const counts: FleetCounts = { connected: 0, refused: 0, sent: 0, failed: 0 };
  const clients: { device: FleetDevice; client: MqttClient }[] = [];
  try {
    for (let i = 0; i < args.devices.length && !args.signal?.aborted; i += CONNECT_BATCH) {
      await Promise.all(
        args.devices.slice(i, i + CONNECT_BATCH).map(async (device) => {
          try {
            const client = await mqtt.connectAsync(args.url, {
              clientId: `onecity-sim-${device.code}-${process.pid}`,
              ...(!args.topicToken && { username: device.token }),
              reconnectPeriod: 0,
              connectTimeout: 10_000,
            });
            client.on('error', () => {}); // counted where it shows: a publish that fails
            clients.push({ device, client });
            counts.connected++;
          } catch {
            counts.refused++;
          }
        }),
      );
    }
    const started = performance.now();
    if (clients.length === 0) return { ...counts, seconds: 0 };
    let owed = 0;
    let next = 0;
    let handed = 0;
    let lastReport = 0;
    await new Promise<void>((resolve) => {
      const finish = () => {
        clearInterval(timer);
        args.signal?.removeEventListener('abort', finish);
        resolve();
      };
      args.signal?.addEventListener('abort', finish);
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        const seconds = (now - started) / 1000;
        if (args.durationMs !== undefined && now - started >= args.durationMs) return finish();
        owed += (args.rate * (now - last)) / 1000;
        last = now;
        for (; owed >= 1; owed--) {
          const { device, client } = clients[next++ % clients.length]!;
          const values = simulatedValues(device.profileCode, device, new Date());
          const topic = args.topicToken ? `v1/devices/${device.token}/telemetry` : 'v1/devices/me/telemetry';
          handed++;
          client.publish(topic, JSON.stringify(values ?? {}), { qos: 1 }, (err) => {
            if (err) counts.failed++;
            else counts.sent++;
          });
        }
        if (Math.floor(seconds) > lastReport) {
          lastReport = Math.floor(seconds);
          args.onProgress?.({ ...counts }, lastReport);
        }
      }, TICK_MS);
    });
    // Messages still waiting for their acknowledgement get a moment; whatever is left unacknowledged failed.
    const waitUntil = performance.now() + 5_000;
    while (counts.sent + counts.failed < handed && performance.now() < waitUntil)
      await new Promise((r) => setTimeout(r, 50));
    counts.failed += handed - counts.sent - counts.failed;
    return { ...counts, seconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.all(clients.map(({ client }) => client.endAsync(true).catch(() => {})));
  }
}
