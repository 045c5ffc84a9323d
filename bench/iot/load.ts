// The devices' side of the iot bench: MQTT connections publishing manhole covers' readings (QoS 1) as ThingsBoard
// devices do, a known share of them bad, and every good point recorded so the same points can be COPYed as the
// baseline and counted against what was stored.
import mqtt, { type MqttClient } from 'mqtt';

/** One point sent: which device (index into the bench's devices), key, time (ms) and value. */
export type SentPoint = { device: number; key: string; ts: number; value: number };

/** How messages reach the broker: which connection carries a device's messages and on which topic. */
export type Route = {
  clients: MqttClient[];
  clientOf: (device: number) => number;
  topicOf: (device: number) => string;
};

/**
 * Connections for an external broker (Mosquitto): `count` connections carry every device's messages, the token in
 * the topic (`v1/devices/<token>/telemetry`), as a bridge or gateway in front of OneCity publishes.
 */
export async function sharedConnections(url: string, tokens: string[], count: number): Promise<Route> {
  const clients = await connectAll(
    Array.from({ length: count }, (_, i) => ({ url, clientId: `bench-${process.pid}-${i}` })),
  );
  return {
    clients,
    clientOf: (device) => device % count,
    topicOf: (device) => `v1/devices/${tokens[device]}/telemetry`,
  };
}

/** Connections for the embedded broker: one per device, the token as MQTT username (`v1/devices/me/telemetry`). */
export async function deviceConnections(url: string, tokens: string[]): Promise<Route> {
  const clients = await connectAll(
    tokens.map((token, i) => ({ url, clientId: `bench-${process.pid}-${i}`, username: token })),
  );
  return { clients, clientOf: (device) => device, topicOf: () => 'v1/devices/me/telemetry' };
}

async function connectAll(options: { url: string; clientId: string; username?: string }[]) {
  const clients: MqttClient[] = [];
  // A few at a time: each connection of a device looks its token up.
  for (let i = 0; i < options.length; i += 50) {
    clients.push(
      ...(await Promise.all(
        options
          .slice(i, i + 50)
          .map(({ url, ...o }) =>
            mqtt.connectAsync(url, { ...o, clean: true, reconnectPeriod: 0, connectTimeout: 10_000 }),
          ),
      )),
    );
  }
  return clients;
}

/** Closes the connections. */
export async function closeAll(route: Route) {
  await Promise.all(route.clients.map((c) => c.endAsync()));
}

/** A manhole cover's normal reading (no rule breached: tilt < 15°, water < 80 cm, battery > 10 %). */
function normal(n: number) {
  return { tilt: (n % 50) / 10, water: n % 60, battery: 50 + (n % 50) };
}

export type LoadPlan = {
  /** Messages to send. */
  messages: number;
  /** Devices the load uses: indexes 0 … devices-1. */
  devices: number;
  /** Readings per message (a device that buffers sends several, `[{ts, values}, …]`); 3 points each. */
  readings: number;
  /** Every `badEvery`-th message is bad: one value out of range (tilt 500°, the profile allows 0–180). */
  badEvery: number;
  /** Stops publishing after this many seconds even if not all messages are sent (a slow pipeline). */
  maxSeconds?: number;
  /** Messages per second; unset: as fast as the connections' windows allow. */
  rate?: number;
  /** Publishes not yet acknowledged by the broker, per connection. */
  window: number;
  /**
   * Holds the next message while this says so, given the points this load has sent: the bench's feedback on what is
   * stored, so that it publishes as fast as the pipeline takes the points rather than filling the broker's queues
   * (Mosquitto drops QoS 1 messages beyond a subscriber's max_queued_messages, 1000 by default).
   */
  holdWhile?: (pointsSent: number) => boolean;
  /** Called before message `n` is sent (the bench slips its alarm probes in so). */
  beforeMessage?: (n: number, elapsedMs: number) => Promise<void> | void;
};

/** What a load sent. */
export type LoadResult = { messages: number; badMessages: number; points: SentPoint[]; seconds: number };

/** Loads the devices' messages onto the broker per the plan; resolves once the broker has acknowledged all. */
export async function runLoad(route: Route, plan: LoadPlan, counter: { n: number }): Promise<LoadResult> {
  const inFlight = new Array<number>(route.clients.length).fill(0);
  const waiting = new Array<(() => void) | undefined>(route.clients.length);
  const points: SentPoint[] = [];
  let badMessages = 0;
  let failure: Error | undefined;
  const started = performance.now();
  let m = 0;
  for (; m < plan.messages; m++) {
    if (failure) throw failure;
    if (plan.maxSeconds && performance.now() - started > plan.maxSeconds * 1000) break;
    if (plan.rate) {
      const due = started + (m * 1000) / plan.rate;
      const ahead = due - performance.now();
      if (ahead > 4) await new Promise((resolve) => setTimeout(resolve, ahead));
    }
    while (plan.holdWhile?.(points.length)) await new Promise((resolve) => setTimeout(resolve, 2));
    await plan.beforeMessage?.(m, performance.now() - started);
    const device = m % plan.devices;
    const c = route.clientOf(device);
    while (inFlight[c]! >= plan.window) await new Promise<void>((resolve) => (waiting[c] = resolve));
    const n = counter.n++;
    let payload: string;
    if (m % plan.badEvery === plan.badEvery - 1) {
      badMessages++;
      payload = JSON.stringify({ tilt: 500 });
    } else {
      const now = Date.now();
      const readings = [];
      for (let r = 0; r < plan.readings; r++) {
        // A buffered reading per second back from now, the newest last.
        const ts = now - (plan.readings - 1 - r) * 1000;
        const values = normal(n + r);
        for (const [key, value] of Object.entries(values)) points.push({ device, key, ts, value });
        readings.push({ ts, values });
      }
      payload = JSON.stringify(plan.readings === 1 ? readings[0] : readings);
    }
    inFlight[c]!++;
    route.clients[c]!.publish(route.topicOf(device), payload, { qos: 1 }, (error) => {
      if (error) failure ??= error;
      inFlight[c]!--;
      const wake = waiting[c];
      waiting[c] = undefined;
      wake?.();
    });
  }
  // Until the broker has acknowledged every message.
  while (inFlight.some((n) => n > 0)) {
    if (failure) throw failure;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (failure) throw failure;
  return {
    messages: m,
    badMessages,
    points,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Publishes one breaching reading (tilt 30°, the rule says > 15°) for `device`; resolves when the broker has it. */
export async function publishBreach(route: Route, device: number): Promise<SentPoint> {
  const ts = Date.now();
  await route.clients[route.clientOf(device)]!.publishAsync(
    route.topicOf(device),
    JSON.stringify({ ts, values: { tilt: 30 } }),
    { qos: 1 },
  );
  return { device, key: 'tilt', ts, value: 30 };
}
