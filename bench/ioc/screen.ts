// Benchmark: the operations center's big screen (issue 17), on PostgreSQL with the demo district at a scale (see
// screen-data.ts: by default the small demo plus synthetic bulk, a year of 1,000,000 cases and 800,000 people; the
// full demo's load did not finish within 15 minutes on the 2-core machine), the server's simulator driving the
// demo's devices and the bench's own manhole covers publishing over MQTT all along. Figures are printed, not
// asserted:
//
// 1. First complete render in Chromium at 1920×1080: a fresh browser context signed in as the administrator opens
//    /ioc; the time from navigation start until the screen root says data-ready="true" (every panel and the map
//    drawn). The first open, on the server's cold figures, is printed apart; then the median and p90 of --runs
//    opens, each in a fresh context, beside two pages of the console opened the same way in the same run: the
//    sign-in page until its form is there, and the home page until its title is. Target < 2 s.
// 2. Alarm latency: --alarms covers of their own each publish a breach (tilt 30°) --spacing ms apart; the time
//    from just before the publish until the feed line naming the device is painted on an open screen (a
//    MutationObserver in the page, the next frame's Date.now(); same machine clock), and until the feed event
//    reaches a plain client of GET /api/ioc/stream (the server's part). Target p99 < 1 s on the screen.
// 3. Cost per screen: the server process's CPU and resident memory over --seconds with no screen, with --screens
//    plain stream clients (each signed in, loading summary, trends, map and feed, then holding the stream), and
//    with none again, while a pool of covers tilts and settles --changes times a second (alarms and their cases
//    opening and being noted); the difference per screen, and the CPU of connecting them.
//
// Usage: npm run bench:ioc -- [--scale bulk|full|small] [--cases 1000000] [--people 800000] [--fresh]
// [--load-limit 15] [--runs 10] [--alarms 100] [--spacing 150] [--screens 50] [--seconds 30] [--devices 1000]
// [--rate 100] [--changes 2] [--keep] (or the environment: IOC_SCALE, IOC_RUNS, IOC_ALARMS, IOC_SCREENS,
// IOC_SECONDS, IOC_DEVICES). --cases, --people: the bulk scale's synthetic cases and people; --fresh loads the
// full demo again; --load-limit: minutes the full load may take before the run falls back to bulk; --rate:
// messages a second of the --devices load covers; --keep leaves the run's database.
// ONECITY_BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres); Mosquitto on IOT_MQTT_URL
// (mqtt://127.0.0.1:1883) carries the devices when it runs, else the server's embedded broker does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { cpuSeconds, pidsOf } from '../iot/cpu.ts';
import { adminPassword, type BenchServer, freePort, signIn, startServer } from '../iot/server.ts';
import { subscribeEvents } from '../iot/sse.ts';
import { freshContext, launchBrowser, pageErrors, timeUntil, watchFeed } from './screen-browser.ts';
import { connectScreens, type Interval, measureInterval, signInScreens } from './screen-cost.ts';
import { prepareDatabase, type Scale } from './screen-data.ts';
import {
  type BenchFleet,
  churnAlarms,
  publishNormal,
  publishProbe,
  type Running,
  registerFleet,
} from './screen-devices.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: process.env.IOC_SCALE ?? 'bulk' },
    cases: { type: 'string', default: '1000000' },
    people: { type: 'string', default: '800000' },
    fresh: { type: 'boolean', default: false },
    'load-limit': { type: 'string', default: '15' },
    runs: { type: 'string', default: process.env.IOC_RUNS ?? '10' },
    alarms: { type: 'string', default: process.env.IOC_ALARMS ?? '100' },
    spacing: { type: 'string', default: '150' },
    screens: { type: 'string', default: process.env.IOC_SCREENS ?? '50' },
    seconds: { type: 'string', default: process.env.IOC_SECONDS ?? '30' },
    devices: { type: 'string', default: process.env.IOC_DEVICES ?? '1000' },
    rate: { type: 'string', default: '100' },
    changes: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
  },
});
const settings = {
  scale: args.scale as Scale,
  runs: Number(args.runs),
  alarms: Number(args.alarms),
  spacing: Number(args.spacing),
  screens: Number(args.screens),
  seconds: Number(args.seconds),
  devices: Number(args.devices),
  rate: Number(args.rate),
  changes: Number(args.changes),
  loadLimit: Number(args['load-limit']),
  cases: Number(args.cases),
  people: Number(args.people),
};
if (!['full', 'bulk', 'small'].includes(settings.scale)) throw new Error('--scale is bulk, full or small');
for (const [name, value] of Object.entries(settings))
  if (typeof value === 'number' && !(value > 0)) throw new Error(`--${name} is a positive number`);

const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const brokerUrl = process.env.IOT_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const SCREEN = '/ioc';
const READY = '[data-testid="ioc-screen"][data-ready="true"]';
const RENDER_TARGET_MS = 2000;
const ALARM_TARGET_MS = 1000;
// The pool of covers raised and cleared in turn while the screens' cost is measured.
const POOL = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : Number.NaN;
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value).toLocaleString()} ms` : 'n/a');
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** Opens `url` in a fresh context (signed in unless `anonymous`) and times it until `selector`; closes it. */
async function timeOpen(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  base: string,
  url: string,
  selector: string,
  anonymous = false,
) {
  const context = await freshContext(
    browser,
    base,
    anonymous ? undefined : { username: 'admin', password: adminPassword },
  );
  try {
    return (await timeUntil(context, url, selector)).ms;
  } finally {
    await context.close();
  }
}

/** Part 1: the screen's first complete render against the console's pages, each in fresh contexts. */
async function measureRender(base: string) {
  const browser = await launchBrowser();
  try {
    const cold = await timeOpen(browser, base, SCREEN, READY);
    console.log(`  first open (the server's figures cold): ${ms(cold)}`);
    // The console's pages once too, so that each measured open finds the same warm server.
    await timeOpen(browser, base, '/login', '[data-testid="login-submit"]', true);
    await timeOpen(browser, base, '/', '[data-testid="home-title"]');
    const screen: number[] = [];
    const login: number[] = [];
    const home: number[] = [];
    for (let run = 0; run < settings.runs; run++) {
      screen.push(await timeOpen(browser, base, SCREEN, READY));
      login.push(await timeOpen(browser, base, '/login', '[data-testid="login-submit"]', true));
      home.push(await timeOpen(browser, base, '/', '[data-testid="home-title"]'));
      console.log(
        `  run ${run + 1}: screen ${ms(screen.at(-1)!)}, sign-in page ${ms(login.at(-1)!)}, home ${ms(home.at(-1)!)}`,
      );
    }
    return { cold, screen: sorted(screen), login: sorted(login), home: sorted(home) };
  } finally {
    await browser.close();
  }
}

/** Part 2: alarms published one by one, timed to the screen's feed and to a plain stream client. */
async function measureAlarms(base: string, cookie: string, fleet: BenchFleet, prefix: string) {
  const browser = await launchBrowser();
  const published = new Map<string, number>();
  const overStream = new Map<string, number>();
  const stream = await subscribeEvents(base, cookie, '/api/ioc/stream', (_event, data) => {
    const at = Date.now();
    const event = JSON.parse(data) as { type: string; item?: { kind: string; detail: string } };
    if (event.type !== 'feed' || event.item?.kind !== 'alarm') return;
    const code = event.item.detail.split(' ')[0]!;
    if (code.startsWith(prefix) && !overStream.has(code)) overStream.set(code, at);
  });
  try {
    const context = await freshContext(browser, base, { username: 'admin', password: adminPassword });
    // The overview, not rotating: the feed is on it.
    const { page } = await timeUntil(context, `${SCREEN}?view=overview&rotate=0`, READY);
    const feed = await watchFeed(page, prefix);
    for (const probe of fleet.probes) {
      const next = performance.now() + settings.spacing;
      published.set(probe.code, await publishProbe(fleet, probe.index));
      await sleep(next - performance.now());
    }
    // The last alarms may still be on their way.
    const deadline = Date.now() + 15_000;
    let onScreen = await feed.seen();
    while (Date.now() < deadline && Object.keys(onScreen).length < published.size) {
      await sleep(250);
      onScreen = await feed.seen();
    }
    const latencies = (arrived: Map<string, number>) =>
      sorted([...published].flatMap(([code, at]) => (arrived.has(code) ? [arrived.get(code)! - at] : [])));
    return {
      published: published.size,
      screen: latencies(new Map(Object.entries(onScreen))),
      stream: latencies(overStream),
    };
  } finally {
    await stream.close();
    await browser.close();
  }
}

/** Part 3: the server's CPU and memory with no screen, with the screens, and with none again. */
async function measureCost(server: BenchServer, inspectPort: number, fleet: BenchFleet) {
  const pid = server.process.pid!;
  const watched = { pid, inspectPort };
  const churn = churnAlarms(fleet, settings.changes);
  try {
    await sleep(5000);
    const none = () => 0;
    console.log(`  ${settings.seconds} s without screens …`);
    const before = await measureInterval(watched, settings.seconds, 0, none);
    const cookies = await signInScreens(server.base, settings.screens, adminPassword);
    const cpu = cpuSeconds(pid);
    const started = performance.now();
    const screens = await connectScreens(server.base, cookies);
    const connect = {
      cpuMs: (cpuSeconds(pid) - cpu) * 1000,
      seconds: (performance.now() - started) / 1000,
    };
    await sleep(5000);
    console.log(`  ${settings.seconds} s with ${settings.screens} screens …`);
    const during = await measureInterval(watched, settings.seconds, settings.screens, screens.events);
    await screens.close();
    await sleep(5000);
    console.log(`  ${settings.seconds} s without screens again …`);
    const after = await measureInterval(watched, settings.seconds, 0, none);
    return { before, connect, during, after };
  } finally {
    await churn.stop();
  }
}

/** What the district holds, counted in its database. */
async function districtSize(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ people: number; cases: number; year: number; devices: number }[]>`
      select (select count(*)::int from registry.entities where registry = 'population') as people,
             (select count(*)::int from events.cases) as cases,
             (select count(*)::int from events.cases where received_at > now() - interval '1 year') as year,
             (select count(*)::int from iot.devices) as devices`;
    return row!;
  } finally {
    await sql.end();
  }
}

console.log(
  `ioc screen bench: ${JSON.stringify(settings)}; ${os.cpus().length} CPUs, load average ${load()}, Node ${process.version}`,
);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-ioc-screen-'));
const database = await prepareDatabase({
  serverUrl,
  scale: settings.scale,
  fresh: !!args.fresh,
  limitMinutes: settings.loadLimit,
  dataDir: path.join(work, 'demo'),
  bulk: { cases: settings.cases, people: settings.people },
});
const prefix = `SCR${Date.now().toString(36).toUpperCase()}`;
let server: BenchServer | undefined;
let fleet: BenchFleet | undefined;
let publishing: Running | undefined;
try {
  const mosquitto = pidsOf('mosquitto').length > 0;
  // The server's inspector, for its heap after a full collection (screen-cost.ts).
  const inspectPort = await freePort();
  const started = performance.now();
  server = await startServer({
    DATABASE_URL: database.url,
    ONECITY_DATA_DIR: path.join(work, 'data'),
    ONECITY_DEMO: 'none',
    ONECITY_SIMULATE: 'on',
    ...(mosquitto ? { ONECITY_MQTT_URL: brokerUrl } : { ONECITY_MQTT_PORT: String(await freePort()) }),
    // Fifty screens sign in from this one address within a second.
    ONECITY_RATE_LIMIT_LOGIN: '0',
    ONECITY_RATE_LIMIT_LOGIN_TOTAL: '0',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:${inspectPort}`.trim(),
  });
  const serverStart = (performance.now() - started) / 1000;
  const cookie = await signIn(server.base);
  console.log(`Registering ${settings.devices + settings.alarms + POOL} manhole covers …`);
  fleet = await registerFleet({
    base: server.base,
    cookie,
    prefix,
    load: settings.devices,
    probes: settings.alarms,
    pool: POOL,
    brokerUrl: mosquitto ? brokerUrl : undefined,
    mqttUrl: server.mqttUrl,
  });
  const size = await districtSize(database.url);
  console.log(
    `District (${database.scale}): ${size.people.toLocaleString()} people, ${size.cases.toLocaleString()} cases ` +
      `(${size.year.toLocaleString()} in the last year), ${size.devices.toLocaleString()} devices; ${database.note}; ` +
      `server started in ${serverStart.toFixed(1)} s`,
  );
  publishing = publishNormal(fleet, settings.rate);

  console.log(`\n1. First complete render (${settings.runs} runs after a warm-up) …`);
  const render = await measureRender(server.base);
  console.log(`\n2. ${settings.alarms} alarms, ${settings.spacing} ms apart …`);
  const alarms = await measureAlarms(server.base, cookie, fleet, `${prefix}-A-`);
  console.log(`\n3. Cost per screen (${settings.screens} screens, ${settings.changes} alarm changes/s) …`);
  const cost = await measureCost(server, inspectPort, fleet);

  report({ scale: database.scale, size, note: database.note, render, alarms, cost });
} finally {
  await publishing?.stop().catch(() => {});
  await fleet?.close().catch(() => {});
  await server?.stop();
  if (!args.keep) await database.drop();
  fs.rmSync(work, { recursive: true, force: true });
}

function report(run: {
  scale: Scale;
  size: Awaited<ReturnType<typeof districtSize>>;
  note: string;
  render: Awaited<ReturnType<typeof measureRender>>;
  alarms: Awaited<ReturnType<typeof measureAlarms>>;
  cost: Awaited<ReturnType<typeof measureCost>>;
}) {
  const { render, alarms, cost } = run;
  const rows: [string, string][] = [];
  const spread = (values: number[]) =>
    `median ${ms(quantile(values, 0.5))}, p90 ${ms(quantile(values, 0.9))}`;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  rows.push([
    'render: screen /ioc until data-ready',
    `${spread(render.screen)} (target < 2 s: ${met(quantile(render.screen, 0.5) < RENDER_TARGET_MS)} at the median, ${met(quantile(render.screen, 0.9) < RENDER_TARGET_MS)} at p90)`,
  ]);
  rows.push(['render: screen, first open (cold figures)', ms(render.cold)]);
  rows.push(['baseline: sign-in page until its form', spread(render.login)]);
  rows.push(['baseline: console home until its title', spread(render.home)]);
  const latency = (values: number[]) =>
    `p50 ${ms(quantile(values, 0.5))}, p99 ${ms(quantile(values, 0.99))}, max ${ms(quantile(values, 1))} ` +
    `(${values.length} of ${alarms.published} seen${values.length < alarms.published ? ` — ${alarms.published - values.length} MISSING` : ''})`;
  rows.push([
    'alarm → screen feed line painted',
    `${latency(alarms.screen)}; target p99 < 1 s: ${met(alarms.screen.length === alarms.published && quantile(alarms.screen, 0.99) < ALARM_TARGET_MS)}`,
  ]);
  rows.push(['alarm → feed event on a stream client', latency(alarms.stream)]);
  const interval = (name: string, i: Interval) =>
    rows.push([
      `server ${name}`,
      `CPU ${i.cpuMsPerS.toFixed(1)} ms/s, heap after GC ${mb(i.heapBytes / 1024)}, RSS ${mb(i.rssKb)} ` +
        `(${mb(i.rssRangeKb[0])}–${mb(i.rssRangeKb[1])})` +
        (i.screens ? `, ${(i.events / i.screens / i.seconds).toFixed(2)} events/s to each screen` : ''),
    ]);
  interval('with no screen', cost.before);
  interval(`with ${cost.during.screens} screens`, cost.during);
  interval('with no screen again', cost.after);
  const idle = (cost.before.cpuMsPerS + cost.after.cpuMsPerS) / 2;
  rows.push([
    'per connected screen',
    `CPU ${((cost.during.cpuMsPerS - idle) / cost.during.screens).toFixed(2)} ms/s, heap ` +
      `${Math.round((cost.during.heapBytes - cost.before.heapBytes) / 1024 / cost.during.screens)} KB ` +
      '(JS heap after GC with the screens against before them; RSS moves more with GC than with screens)',
  ]);
  rows.push([
    'connecting a screen (loads + stream)',
    `CPU ${(cost.connect.cpuMs / cost.during.screens).toFixed(1)} ms each (${cost.during.screens} in ${cost.connect.seconds.toFixed(1)} s)`,
  ]);
  const notes = [
    `scale: ${run.scale} — ${run.size.people.toLocaleString()} people, ${run.size.cases.toLocaleString()} cases, ${run.size.devices.toLocaleString()} devices (${run.note})`,
    `devices publishing: the simulator's demo devices and ${settings.devices} covers at ${settings.rate} messages/s`,
    `machine: ${os.cpus().length} CPUs, load average now ${load()} (other work shares it)`,
    `page errors: ${pageErrors.length ? [...new Set(pageErrors)].join('; ') : 'none'}`,
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('\n── Operations center screen ──');
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  for (const note of notes) console.log(`note: ${note}`);
}
