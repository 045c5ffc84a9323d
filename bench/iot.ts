// Benchmark: city sensing's data path (issue 16). Simulated manhole covers publish over MQTT (QoS 1); the bench
// prints the points stored per second against raw COPY of the same points into the same table (iot.telemetry), in
// the same run; the CPU of each process; whether every point was stored (stored = sent − bad counted); and the alarm
// latency (a breaching value published → the alarm pushed to a console client on GET /api/iot/alarms/stream).
//
// 1. PostgreSQL with the external broker (Mosquitto on 127.0.0.1:1883): a fresh database, `onecity serve` with
//    ONECITY_MQTT_URL; a few connections carry every device's messages, the token in the topic.
// 2. PGlite with the embedded broker on a free port: one connection per device, the token as MQTT username.
//
// Each run has two phases: "max" publishes a fixed number of points (or for IOT_MAX_SECONDS) as fast as the
// pipeline stores them (the rate is points / time until the last is stored); "steady" publishes at a share of that rate for some seconds while breaching
// values (tilt 30°, on devices of their own) are published now and then, and measures their alarms' latency.
// Figures are printed, not asserted. Targets: ≥ 25 % of raw COPY, no point lost, alarm latency p99 < 200 ms.
//
// Usage: npm run bench:iot   Options (env): IOT_DEVICES (1000), IOT_POINTS (300000, the max phase), IOT_CONNECTIONS
// (8), IOT_READINGS (readings per message, 1; 3 points each), IOT_BAD_EVERY (100: every 100th message is bad),
// IOT_PROBES (50 breaching values), IOT_STEADY_SECONDS (15), IOT_STEADY_SHARE (0.5 of the max rate) or IOT_RATE
// (points/s of the steady phase), IOT_MAX_SECONDS (60: the max phase publishes for at most this long),
// IOT_BACKLOG (6000 points published and not yet stored, PostgreSQL), IOT_PGLITE_DEVICES (1000),
// IOT_PGLITE_POINTS (100000), IOT_ONLY (postgres|pglite),
// ONECITY_BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), IOT_MQTT_URL (mqtt://127.0.0.1:1883).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../src/core/db.ts';
import { cpuMeter, pidsOf, type Watched } from './iot/cpu.ts';
import {
  closeAll,
  deviceConnections,
  publishBreach,
  type Route,
  runLoad,
  type SentPoint,
  sharedConnections,
} from './iot/load.ts';
import {
  type BenchDevice,
  type BenchServer,
  freePort,
  registerManholes,
  signIn,
  startServer,
} from './iot/server.ts';
import { subscribeAlarms } from './iot/sse.ts';

const option = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  devices: option('IOT_DEVICES', 1000),
  points: option('IOT_POINTS', 300_000),
  connections: option('IOT_CONNECTIONS', 8),
  readings: option('IOT_READINGS', 1),
  badEvery: option('IOT_BAD_EVERY', 100),
  probes: option('IOT_PROBES', 50),
  steadySeconds: option('IOT_STEADY_SECONDS', 15),
  maxSeconds: option('IOT_MAX_SECONDS', 60),
  steadyShare: option('IOT_STEADY_SHARE', 0.5),
  steadyRate: process.env.IOT_RATE ? Number(process.env.IOT_RATE) : undefined,
  window: option('IOT_WINDOW', 100),
  backlog: option('IOT_BACKLOG', 6000),
  pgliteDevices: option('IOT_PGLITE_DEVICES', 1000),
  pglitePoints: option('IOT_PGLITE_POINTS', 100_000),
};
const only = process.env.IOT_ONLY;
const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const brokerUrl = process.env.IOT_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const pointsPerReading = 3;

/** What one phase measured. */
type Phase = {
  name: string;
  points: number;
  badMessages: number;
  publishSeconds: number;
  storedSeconds: number;
  cpu: Record<string, number>;
  latencies?: number[];
  missingAlarms?: number;
};

/** What a database's run measured. */
type Run = {
  database: string;
  devices: number;
  phases: Phase[];
  sentGood: number;
  sentBad: number;
  stored: number;
  badCounted: number;
  copySeconds: number;
  copyPoints: number;
};

/** How the bench sees what the server stored while it runs. */
type StoredProbe = {
  /** Resolves once every point sent so far is stored; false if nothing moved for 30 s. */
  waitFor(sent: SentPoint[], expected: number): Promise<boolean>;
  /** The points stored as last seen (kept current while the load runs), when the bench can see it. */
  stored?: () => number;
  /** Stops watching. */
  close(): void;
};

/** Appends `more` to `to` (a spread of hundreds of thousands of arguments overflows the stack). */
function append<T>(to: T[], more: T[]) {
  for (const item of more) to.push(item);
}

/** Polls `done` every 100 ms until it says so; false when `progress` has not changed for 30 s. */
async function until(done: () => Promise<{ done: boolean; progress: number }>) {
  let last = -1;
  let since = performance.now();
  for (;;) {
    const { done: finished, progress } = await done();
    if (finished) return true;
    if (progress !== last) {
      last = progress;
      since = performance.now();
    } else if (performance.now() - since > 30_000) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Counting the rows of iot.telemetry (PostgreSQL: the bench connects to the same database). */
function countingProbe(sql: postgres.Sql): StoredProbe {
  let stored = 0;
  let watching = true;
  const count = async () => {
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from iot.telemetry`;
    stored = n;
    return n;
  };
  // Counted every 50 ms while the load runs: the feedback that paces the publishers (see LoadPlan.holdWhile).
  void (async () => {
    while (watching) {
      await count().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    waitFor: (_sent, expected) =>
      until(async () => {
        const n = await count();
        return { done: n >= expected, progress: n };
      }),
    stored: () => stored,
    close: () => {
      watching = false;
    },
  };
}

/**
 * The embedded broker acknowledges a QoS 1 message once its points are stored: when the broker has acknowledged every
 * message, everything sent is stored. The exact count is taken after the server stops (PGlite: the server holds
 * the database while it runs).
 */
const acknowledgedProbe: StoredProbe = { waitFor: async () => true, close: () => {} };

/**
 * The load on a started server: a warm-up message from every device, the max phase, then the steady phase with the
 * alarm probes. Returns the phases and every good point sent (`maxPoints`: those of the max phase).
 */
async function drive(opts: {
  server: BenchServer;
  cookie: string;
  route: Route;
  devices: BenchDevice[];
  loadDevices: number;
  points: number;
  probe: StoredProbe;
  watched: Watched;
}) {
  const { route, devices, loadDevices, probe, watched } = opts;
  const counter = { n: 0 };
  const sent: SentPoint[] = [];
  // Published but not yet stored: at most `backlog` points, where the bench sees what is stored; elsewhere (the
  // embedded broker acknowledges a message once stored) the connections' windows hold the publishers back.
  const stored = probe.stored;
  const holdWhile = stored
    ? (pointsSent: number) => sent.length + pointsSent - stored() > settings.backlog
    : undefined;
  const plan = { readings: settings.readings, window: settings.window, holdWhile };
  const messagesFor = (points: number) =>
    Math.max(1, Math.round(points / (pointsPerReading * plan.readings)));

  // Warm-up: one message from every device (probe devices too), so that each has been seen (token looked up, device
  // online) before anything is measured.
  const warm = await runLoad(
    route,
    { ...plan, messages: devices.length, devices: devices.length, badEvery: Infinity },
    counter,
  );
  append(sent, warm.points);
  if (!(await probe.waitFor(sent, sent.length))) throw new Error('the warm-up points were not stored');

  const phases: Phase[] = [];
  // Max: as fast as the broker takes them; the time runs until the last point is stored.
  let meter = cpuMeter(watched);
  let started = performance.now();
  const max = await runLoad(
    route,
    {
      ...plan,
      messages: messagesFor(opts.points),
      devices: loadDevices,
      badEvery: settings.badEvery,
      maxSeconds: settings.maxSeconds,
    },
    counter,
  );
  append(sent, max.points);
  const maxStored = await probe.waitFor(sent, sent.length);
  phases.push({
    name: 'max',
    points: max.points.length,
    badMessages: max.badMessages,
    publishSeconds: max.seconds,
    storedSeconds: maxStored ? (performance.now() - started) / 1000 : Number.NaN,
    cpu: meter.stop(),
  });

  // Steady: a share of the max rate, with the breaching values among the load.
  const maxRate = max.points.length / phases[0]!.storedSeconds;
  const steadyRate =
    settings.steadyRate ?? (Number.isFinite(maxRate) ? maxRate * settings.steadyShare : 1000);
  const messageRate = steadyRate / (pointsPerReading * plan.readings);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  // IOT_PROBES=0 measures the steady load alone, without a console subscribed.
  const stream = settings.probes
    ? await subscribeAlarms(opts.server.base, opts.cookie, (alarm, at) => {
        const t0 = sentAt.get(alarm.deviceCode);
        if (t0 === undefined) return;
        sentAt.delete(alarm.deviceCode);
        latencies.push(at - t0);
      })
    : undefined;
  const probePoints: Promise<SentPoint>[] = [];
  const every = (settings.steadySeconds * 1000) / (settings.probes + 1);
  meter = cpuMeter(watched);
  started = performance.now();
  const steady = await runLoad(
    route,
    {
      ...plan,
      messages: Math.round(messageRate * settings.steadySeconds),
      devices: loadDevices,
      badEvery: settings.badEvery,
      rate: messageRate,
      beforeMessage: (_n, elapsed) => {
        if (probePoints.length < settings.probes && elapsed >= every * (probePoints.length + 1)) {
          const device = loadDevices + probePoints.length;
          sentAt.set(devices[device]!.code, performance.now());
          probePoints.push(publishBreach(route, device));
        }
      },
    },
    counter,
  );
  append(sent, steady.points);
  append(sent, await Promise.all(probePoints));
  const steadyStored = await probe.waitFor(sent, sent.length);
  const storedSeconds = (performance.now() - started) / 1000;
  const cpu = meter.stop();
  // The last alarms may still be on their way.
  const deadline = performance.now() + 10_000;
  while (sentAt.size > 0 && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await stream?.close();
  phases.push({
    name: `steady (${Math.round(steadyRate).toLocaleString()} points/s offered)`,
    points: steady.points.length + probePoints.length,
    badMessages: steady.badMessages,
    publishSeconds: steady.seconds,
    storedSeconds: steadyStored ? storedSeconds : Number.NaN,
    cpu,
    ...(settings.probes && { latencies, missingAlarms: sentAt.size }),
  });
  return {
    phases,
    sent,
    maxPoints: max.points,
    sentBad: max.badMessages + steady.badMessages,
  };
}

/** The points as CSV for COPY into iot.telemetry (device_id, key, ts, num, txt), in chunks of about 1 MB. */
function csvChunks(points: SentPoint[], idOf: (device: number) => number): string[] {
  const chunks: string[] = [];
  let lines: string[] = [];
  for (const p of points) {
    lines.push(`${idOf(p.device)},${p.key},${new Date(p.ts).toISOString()},${p.value},\n`);
    if (lines.length === 20_000) {
      chunks.push(lines.join(''));
      lines = [];
    }
  }
  if (lines.length) chunks.push(lines.join(''));
  return chunks;
}

const columns = ['device_id', 'key', 'ts', 'num', 'txt'];

async function benchPostgres(): Promise<Run> {
  if (pidsOf('mosquitto').length === 0)
    throw new Error(`Mosquitto is not running (expected at ${brokerUrl})`);
  const dbName = 'onecity_bench_iot';
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-iot-'));
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  let server: BenchServer | undefined;
  let route: Route | undefined;
  try {
    server = await startServer({
      DATABASE_URL: url.toString(),
      ONECITY_DATA_DIR: work,
      ONECITY_MQTT_URL: brokerUrl,
    });
    const cookie = await signIn(server.base);
    console.log(`PostgreSQL: registering ${settings.devices + settings.probes} manhole covers …`);
    const devices = await registerManholes(server.base, cookie, 'MH-PG', settings.devices + settings.probes);
    route = await sharedConnections(
      brokerUrl,
      devices.map((d) => d.token),
      settings.connections,
    );
    const serverPid = server.process.pid!;
    console.log(`PostgreSQL: publishing ${settings.points.toLocaleString()} points …`);
    const probe = countingProbe(sql);
    const driven = await drive({
      server,
      cookie,
      route,
      devices,
      loadDevices: settings.devices,
      points: settings.points,
      probe,
      watched: {
        'onecity server': () => [serverPid],
        mosquitto: () => pidsOf('mosquitto'),
        'PostgreSQL (all processes)': () => pidsOf('postgres'),
        bench: () => [process.pid],
      },
    }).finally(() => probe.close());
    const [{ stored }] = await sql<{ stored: number }[]>`select count(*)::int as stored from iot.telemetry`;
    const [{ bad }] = await sql<{ bad: number }[]>`
      select coalesce(sum(count), 0)::int as bad from iot.bad_payloads`;
    await closeAll(route);
    route = undefined;
    await server.stop();
    server = undefined;

    // Baseline: raw COPY of the max phase's points into the same table, the server stopped.
    const ids = new Map(
      (await sql<{ id: number; code: string }[]>`select id, code from iot.devices`).map((r) => [
        r.code,
        r.id,
      ]),
    );
    const chunks = csvChunks(driven.maxPoints, (d) => ids.get(devices[d]!.code)!);
    const t = performance.now();
    const copy = await sql
      .unsafe(`copy iot.telemetry (${columns.join(', ')}) from stdin with (format csv)`)
      .writable();
    for (const chunk of chunks) {
      if (!copy.write(chunk)) await new Promise((resolve) => copy.once('drain', resolve));
    }
    await new Promise<void>((resolve, reject) => {
      copy.once('error', reject);
      copy.once('finish', resolve);
      copy.end();
    });
    // The stream finishes when the data is sent; the next statement on the one connection waits for the COPY's end.
    await sql`select 1`;
    const copySeconds = (performance.now() - t) / 1000;
    return {
      database: 'PostgreSQL + Mosquitto',
      devices: settings.devices,
      phases: driven.phases,
      sentGood: driven.sent.length,
      sentBad: driven.sentBad,
      stored,
      badCounted: bad,
      copySeconds,
      copyPoints: driven.maxPoints.length,
    };
  } finally {
    if (route) await closeAll(route).catch(() => {});
    await server?.stop();
    await sql.end();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function benchPglite(): Promise<Run> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-iot-'));
  let server: BenchServer | undefined;
  let route: Route | undefined;
  try {
    server = await startServer({ ONECITY_DATA_DIR: work, ONECITY_MQTT_PORT: String(await freePort()) });
    const cookie = await signIn(server.base);
    const count = settings.pgliteDevices + settings.probes;
    console.log(`PGlite: registering ${count} manhole covers …`);
    const devices = await registerManholes(server.base, cookie, 'MH-PGL', count);
    route = await deviceConnections(
      server.mqttUrl,
      devices.map((d) => d.token),
    );
    const serverPid = server.process.pid!;
    console.log(`PGlite: publishing ${settings.pglitePoints.toLocaleString()} points …`);
    const driven = await drive({
      server,
      cookie,
      route,
      devices,
      loadDevices: settings.pgliteDevices,
      points: settings.pglitePoints,
      probe: acknowledgedProbe,
      watched: {
        'onecity server (with PGlite, broker)': () => [serverPid],
        bench: () => [process.pid],
      },
    });
    await closeAll(route);
    route = undefined;
    // Stopping writes what the server still holds; then the bench opens its data directory.
    await server.stop();
    server = undefined;

    const database = await openDatabase({ dataDir: work, databaseUrl: undefined });
    try {
      const [{ stored }] = await database.query<{ stored: number }>(
        'select count(*)::int as stored from iot.telemetry',
      );
      const [{ bad }] = await database.query<{ bad: number }>(
        'select coalesce(sum(count), 0)::int as bad from iot.bad_payloads',
      );
      const ids = new Map(
        (await database.query<{ id: number; code: string }>('select id, code from iot.devices')).map((r) => [
          r.code,
          r.id,
        ]),
      );
      const chunks = csvChunks(driven.maxPoints, (d) => ids.get(devices[d]!.code)!);
      // Baseline: PGlite's COPY of the max phase's points into the same table.
      const t = performance.now();
      await database.rawTransaction((tx) =>
        tx.copyIn(
          'iot.telemetry',
          columns,
          (async function* () {
            yield* chunks;
          })(),
        ),
      );
      const copySeconds = (performance.now() - t) / 1000;
      return {
        database: 'PGlite + embedded broker',
        devices: settings.pgliteDevices,
        phases: driven.phases,
        sentGood: driven.sent.length,
        sentBad: driven.sentBad,
        stored: stored!,
        badCounted: bad!,
        copySeconds,
        copyPoints: driven.maxPoints.length,
      };
    } finally {
      await database.close();
    }
  } finally {
    if (route) await closeAll(route).catch(() => {});
    await server?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const rate = (points: number, seconds: number) =>
  Number.isFinite(seconds) ? `${Math.round(points / seconds).toLocaleString()} points/s` : 'not all stored';
const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : Number.NaN;

/** Prints a run's figures as a table. */
function report(run: Run) {
  const rows: [string, string][] = [];
  const copyRate = run.copyPoints / run.copySeconds;
  rows.push(['devices', `${run.devices.toLocaleString()} (+ ${settings.probes} for the alarm probes)`]);
  for (const phase of run.phases) {
    rows.push([
      `${phase.name}: stored`,
      `${rate(phase.points, phase.storedSeconds)} (${phase.points.toLocaleString()} points, ${phase.badMessages} bad messages; published in ${phase.publishSeconds.toFixed(1)} s, all stored after ${phase.storedSeconds.toFixed(1)} s)`,
    ]);
    for (const [name, percent] of Object.entries(phase.cpu))
      rows.push([`${phase.name}: CPU ${name}`, `${percent.toFixed(0)} % of a core`]);
    if (phase.latencies) {
      const sorted = [...phase.latencies].sort((a, b) => a - b);
      rows.push([
        `${phase.name}: alarm latency`,
        `p50 ${quantile(sorted, 0.5).toFixed(0)} ms, p99 ${quantile(sorted, 0.99).toFixed(0)} ms, max ${quantile(sorted, 1).toFixed(0)} ms over ${sorted.length} alarms${phase.missingAlarms ? `; ${phase.missingAlarms} NOT pushed within 10 s` : ''} (target p99 < 200 ms)`,
      ]);
    }
  }
  rows.push([
    'raw COPY (same points, same table)',
    `${Math.round(copyRate).toLocaleString()} points/s (${run.copyPoints.toLocaleString()} points in ${run.copySeconds.toFixed(2)} s)`,
  ]);
  const max = run.phases[0]!;
  rows.push([
    'ratio (max phase / raw COPY)',
    Number.isFinite(max.storedSeconds)
      ? `${((max.points / max.storedSeconds / copyRate) * 100).toFixed(1)} % (target ≥ 25 %)`
      : 'n/a (not all stored)',
  ]);
  const lost = run.sentGood - run.stored;
  rows.push([
    'points: sent good / stored / bad sent / bad counted',
    `${run.sentGood.toLocaleString()} / ${run.stored.toLocaleString()} / ${run.sentBad} / ${run.badCounted}`,
  ]);
  rows.push([
    'no point lost',
    lost === 0 && run.badCounted === run.sentBad
      ? 'yes (stored = sent − bad counted)'
      : `NO: ${lost} good points missing, ${run.sentBad - run.badCounted} bad values not counted`,
  ]);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n── ${run.database} ──`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

console.log(`iot bench: ${JSON.stringify(settings)}; ${os.cpus().length} CPUs, Node ${process.version}`);
// Each run's table as soon as it is done (a later run that fails leaves the earlier figures on the screen).
if (only !== 'pglite') report(await benchPostgres());
if (only !== 'postgres') report(await benchPglite());
// The broker's connections and timers are closed; nothing else should hold the process open.
process.exit(0);
