// What grows in the big screen's heap, when the soak bench (soak.ts) says the heap after GC grows: it starts
// `onecity serve` with the small demo and its simulator as the soak does, opens /ioc in Chromium, and after the
// warm-up takes a heap snapshot (CDP HeapProfiler.takeHeapSnapshot, on the overview, after GC) every few minutes.
// It prints the heap after GC of each, the snapshots' sizes by kind (JS objects, strings, arrays, closures, V8's
// compiled code, native) and the constructors/names that grew most from the first to the last. `--inject N` replays
// N stream events per interval (copies of the last real ones, new feed lines and changed panel figures, dispatched
// on the page's EventSource), so a leak per event shows in minutes rather than hours. `--js-flags` is passed to V8
// (e.g. "--no-opt --no-maglev --no-sparkplug": no optimized code, to tell compiled code from kept objects).
//
// Usage: node bench/ioc/heap-diff.ts [--warmup 180] [--every 300] [--count 3] [--inject 0] [--js-flags=…]
// [--keep DIR (the .heapsnapshot files are kept there, to open in DevTools)]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type CDPSession, chromium, type Page } from 'playwright-core';
import { adminPassword, freePort, startServer } from '../iot/server.ts';

const { values: args } = parseArgs({
  options: {
    warmup: { type: 'string', default: '180' },
    every: { type: 'string', default: '300' },
    count: { type: 'string', default: '3' },
    inject: { type: 'string', default: '0' },
    'js-flags': { type: 'string' },
    keep: { type: 'string' },
  },
});
const warmupMs = Number(args.warmup) * 1000;
const everyMs = Number(args.every) * 1000;
const count = Number(args.count);
const inject = Number(args.inject);
if (!(warmupMs >= 0) || !(everyMs > 0) || !(count >= 2) || !(inject >= 0))
  throw new Error('--warmup, --every, --inject are numbers, --count at least 2');

/** A snapshot's self sizes and object counts by node type, and by "type name" (a constructor, a string's start). */
type Summary = { heap: number; events: number; byType: Map<string, number>; byName: Map<string, Row> };
type Row = { count: number; size: number };

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-ioc-heap-'));
const snapshots = args.keep ?? work;
fs.mkdirSync(snapshots, { recursive: true });
log('starting onecity serve with the small demo district and its simulator …');
const server = await startServer({
  ONECITY_DATA_DIR: work,
  ONECITY_DEMO: 'small',
  ONECITY_SIMULATE: 'on',
  ONECITY_MQTT_PORT: String(await freePort()),
  ONECITY_RATE_LIMIT_LOGIN: '0',
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    ...(args['js-flags'] ? [`--js-flags=${args['js-flags']}`] : []),
  ],
});
const summaries: Summary[] = [];
try {
  const context = await browser.newContext({
    baseURL: server.base,
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  if (inject) await page.addInitScript(recordEvents);
  const signedIn = await page.request.post('/api/auth/login', {
    data: { username: 'admin', password: adminPassword },
  });
  if (signedIn.status() !== 200) throw new Error(`sign-in: ${signedIn.status()} ${await signedIn.text()}`);
  await page.goto('/ioc');
  await page.locator('[data-testid="ioc-screen"][data-ready="true"]').waitFor({ timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  log(`screen ready; warming up for ${warmupMs / 1000} s`);
  await page.waitForTimeout(warmupMs);
  for (let i = 0; i < count; i++) {
    if (i && inject) await replay(page, inject, everyMs);
    else if (i) await page.waitForTimeout(everyMs);
    const file = path.join(snapshots, `ioc-${i}.heapsnapshot`);
    const summary = await snapshot(page, cdp, file);
    summaries.push(summary);
    log(`snapshot ${i}: heap after GC ${kb(summary.heap)}, ${summary.events} events received`);
    if (!args.keep) fs.rmSync(file);
  }
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
report(summaries);

/** The heap after GC, on the overview (as the soak samples it), and a snapshot of it written to `file`. */
async function snapshot(page: Page, cdp: CDPSession, file: string): Promise<Summary> {
  const overview = page.getByTestId('view-overview');
  if (await overview.isEnabled()) {
    await overview.click();
    await page.waitForTimeout(2000);
  }
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const events = Number(await page.getByTestId('ioc-screen').getAttribute('data-events'));
  const out = fs.openSync(file, 'w');
  const chunk = ({ chunk }: { chunk: string }) => fs.writeSync(out, chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', chunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', chunk);
    fs.closeSync(out);
  }
  return { heap: usedSize, events, ...summarize(file) };
}

/** A .heapsnapshot's nodes summed by type and by type and name. */
function summarize(file: string): Pick<Summary, 'byType' | 'byName'> {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const { node_fields: fields, node_types: nodeTypes } = snap.snapshot.meta;
  const [fType, fName, fSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const byType = new Map<string, number>();
  const byName = new Map<string, Row>();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = nodeTypes[0][snap.nodes[i + fType]!]!;
    const size = snap.nodes[i + fSize]!;
    const name = snap.strings[snap.nodes[i + fName]!]!.slice(0, 60).replace(/\s+/g, ' ');
    byType.set(type, (byType.get(type) ?? 0) + size);
    const key = `${type} ${name}`;
    const row = byName.get(key) ?? { count: 0, size: 0 };
    row.count++;
    row.size += size;
    byName.set(key, row);
  }
  return { byType, byName };
}

function report(all: Summary[]) {
  const first = all[0]!;
  const last = all.at(-1)!;
  console.log('\nIOC screen heap snapshots');
  console.log(`  heap after GC   ${all.map((s) => kb(s.heap)).join(' → ')}`);
  console.log(`  events          ${all.map((s) => s.events).join(' → ')}`);
  console.log('  self size by kind (first → … → last)');
  for (const type of [...first.byType.keys()].toSorted()) {
    const sizes = all.map((s) => s.byType.get(type) ?? 0);
    if (sizes.every((size) => size === 0)) continue;
    const grown = sizes.at(-1)! - sizes[0]!;
    console.log(
      `    ${type.padEnd(20)} ${sizes.map(kb).join(' → ')}  (${grown >= 0 ? '+' : ''}${kb(grown)})`,
    );
  }
  const rows = [...new Set([...first.byName.keys(), ...last.byName.keys()])].map((key) => {
    const a = first.byName.get(key) ?? { count: 0, size: 0 };
    const b = last.byName.get(key) ?? { count: 0, size: 0 };
    return { key, count: b.count - a.count, size: b.size - a.size };
  });
  console.log('  grown most, first → last (count, self size, type and name)');
  for (const row of rows.toSorted((x, y) => y.size - x.size).slice(0, 25))
    console.log(`    ${`+${row.count}`.padStart(7)} ${kb(row.size).padStart(8)}  ${row.key}`);
}

/** In the page, before its scripts: keeps each EventSource and the last real event of each kind. */
function recordEvents() {
  const w = window as unknown as { iocSources: EventSource[]; iocLast: Record<string, string> };
  w.iocSources = [];
  w.iocLast = {};
  const Original = window.EventSource;
  window.EventSource = class extends Original {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      w.iocSources.push(this);
      this.addEventListener('message', (message) => {
        if (!message.isTrusted) return;
        const event = JSON.parse(message.data) as { type: string; panel?: string; layer?: string };
        w.iocLast[[event.type, event.panel, event.layer].filter(Boolean).join(':')] = message.data;
      });
    }
  };
}

/** Dispatches `count` events on the page's stream over `ms`: variants of the last real panel, map and feed events. */
async function replay(page: Page, count: number, ms: number) {
  const seconds = Math.max(1, Math.round(ms / 1000));
  const each = Math.ceil(count / seconds);
  const until = Date.now() + ms;
  for (let n = 0; Date.now() < until; n += each) {
    const started = Date.now();
    await page.evaluate(
      ({ from, each }) => {
        const w = window as unknown as { iocSources: EventSource[]; iocLast: Record<string, string> };
        const source = w.iocSources.at(-1);
        const kinds = Object.keys(w.iocLast).filter((k) => /^(panel|map|feed)/.test(k));
        if (!source || !kinds.length) return;
        for (let i = from; i < from + each; i++) {
          const event = JSON.parse(w.iocLast[kinds[i % kinds.length]!]!);
          const at = new Date().toISOString();
          if (event.type === 'feed') event.item = { ...event.item, ref: `${event.item.ref}-replay-${i}`, at };
          if (event.type === 'panel') {
            event.at = at;
            for (const [key, value] of Object.entries(event.data))
              if (typeof value === 'number') event.data[key] = value + (i % 7);
          }
          source.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(event) }));
        }
      },
      { from: n, each },
    );
    await page.waitForTimeout(Math.max(0, 1000 - (Date.now() - started)));
  }
}
