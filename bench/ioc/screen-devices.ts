// The devices of the screen bench: manhole covers registered through the API in three groups (a load that publishes
// normal readings all along, one device per probed alarm, a small pool raised and cleared in turn to keep alarms
// and their cases changing), the MQTT connections that carry them, and the publishing loops.
import {
  closeAll,
  deviceConnections,
  publishBreach,
  type Route,
  runLoad,
  sharedConnections,
} from '../iot/load.ts';
import { registerManholes } from '../iot/server.ts';

/** The three groups' devices on one route: indexes [0, load) load, [load, load + probes) probes, then the pool. */
export type BenchFleet = {
  route: Route;
  load: number;
  probes: { index: number; code: string }[];
  pool: number[];
  close(): Promise<void>;
};

/**
 * Registers the groups (codes `<prefix>-L-…`, `-A-…`, `-C-…`) and connects them: through the external broker at
 * `brokerUrl` (a few shared connections, the token in the topic) when given, else one connection per device to
 * the server's embedded broker at `mqttUrl`.
 */
export async function registerFleet(opts: {
  base: string;
  cookie: string;
  prefix: string;
  load: number;
  probes: number;
  pool: number;
  brokerUrl?: string;
  mqttUrl: string;
}): Promise<BenchFleet> {
  const { base, cookie, prefix } = opts;
  const load = await registerManholes(base, cookie, `${prefix}-L`, opts.load);
  const probes = await registerManholes(base, cookie, `${prefix}-A`, opts.probes);
  const pool = await registerManholes(base, cookie, `${prefix}-C`, opts.pool);
  const tokens = [...load, ...probes, ...pool].map((d) => d.token);
  const route = opts.brokerUrl
    ? await sharedConnections(opts.brokerUrl, tokens, 4)
    : await deviceConnections(opts.mqttUrl, tokens);
  return {
    route,
    load: load.length,
    probes: probes.map((d, i) => ({ index: load.length + i, code: d.code })),
    pool: pool.map((_, i) => load.length + probes.length + i),
    close: () => closeAll(route),
  };
}

/** Publishes one reading of a cover's tilt for device `index` (QoS 1); resolves once the broker has it. */
async function publishTilt(route: Route, index: number, tilt: number) {
  await route.clients[route.clientOf(index)]!.publishAsync(
    route.topicOf(index),
    JSON.stringify({ ts: Date.now(), values: { tilt } }),
    { qos: 1 },
  );
}

/** A loop that runs until stopped; `stop()` resolves once its last message is acknowledged. */
export type Running = { stop(): Promise<void> };

function loop(step: (signal: { stopped: boolean }) => Promise<void>): Running {
  const signal = { stopped: false };
  const done = (async () => {
    while (!signal.stopped) await step(signal);
  })();
  return {
    async stop() {
      signal.stopped = true;
      await done;
    },
  };
}

/** The load devices publish normal readings (no rule breached) at `rate` messages a second until stopped. */
export function publishNormal(fleet: BenchFleet, rate: number): Running {
  const counter = { n: 0 };
  return loop(async () => {
    // In slices of 5 s, so that a stop waits for at most one.
    await runLoad(
      fleet.route,
      {
        messages: Math.max(1, Math.round(rate * 5)),
        devices: fleet.load,
        readings: 1,
        badEvery: Infinity,
        rate,
        window: 100,
        maxSeconds: 6,
      },
      counter,
    );
  });
}

/**
 * The pool's covers tilt and settle in turn, `perSecond` times a second: a raise opens an alarm (and its case), the
 * next reading of that cover clears it (and notes on the case) — a steady rate of alarm and case changes.
 */
export function churnAlarms(fleet: BenchFleet, perSecond: number): Running {
  const raised = new Set<number>();
  let turn = 0;
  return loop(async (signal) => {
    const index = fleet.pool[turn++ % fleet.pool.length]!;
    const tilt = raised.delete(index) ? 0 : 30;
    if (tilt) raised.add(index);
    await publishTilt(fleet.route, index, tilt);
    if (!signal.stopped) await new Promise((resolve) => setTimeout(resolve, 1000 / perSecond));
  });
}

/** Publishes a breach (tilt 30°) for a probe device; returns the epoch ms taken just before publishing. */
export async function publishProbe(fleet: BenchFleet, index: number): Promise<number> {
  const at = Date.now();
  await publishBreach(fleet.route, index);
  return at;
}
