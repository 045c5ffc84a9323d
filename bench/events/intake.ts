// Benchmark: Open311 intake (form-encoded POST /open311/v2/requests.json with a key: the case classified by its
// service code, numbered, dispatched by the rules, its history and audit entry written) at 100 concurrent clients,
// with the sharing API's point lookup measured in the same run on the same server as the yardstick (see
// bench/sharing.ts). A fresh database `onecity_bench_events` each run, with the small demo's population for the
// sharing API. Figures are printed, not asserted. Target: intake p99 < 100 ms.
// Usage: npm run bench:events-intake -- [--seconds 20] [--connections 100] [--profile]
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { loadConfig } from '../../src/core/config.ts';
import { systemCtx } from '../../src/core/context.ts';
import { openPlatform } from '../../src/server/platform.ts';
import { benchCredential, loadPopulation, loadSharingApi, startBenchServer } from '../sharing-setup.ts';

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const seconds = Number(argument('--seconds') ?? 20);
const connections = Number(argument('--connections') ?? 100);
const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'onecity_bench_events';
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-events-'));
const config = loadConfig({
  DATABASE_URL: url.toString(),
  ONECITY_DATA_DIR: work,
  LOG_LEVEL: 'silent',
  ONECITY_DEMO: 'none',
});

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${dbName} with (force)`);
await admin.unsafe(`create database ${dbName}`);
await admin.end();

// What residents write; the service code (not the text) says the category, as Open311 clients send it.
const texts = [
  '人行道上井盖缺了一块，晚上很危险',
  '小区门口占道经营，早晚高峰堵路',
  '路灯坏了一个星期了，一直不亮',
  '工地夜间施工噪声太大，影响休息',
  '下雨后路口积水严重，车辆无法通行',
  '垃圾桶满了没人清运，气味很大',
];

/** One resident's report as an Open311 client posts it, varied so that no two are alike. */
function report(apiKey: string, codes: string[], n: number): string {
  return new URLSearchParams({
    api_key: apiKey,
    service_code: codes[n % codes.length]!,
    lat: (28.33 + (n % 97) / 2000).toFixed(5),
    long: (112.8 + (n % 89) / 2000).toFixed(5),
    address_string: `望城区高塘岭街道郭亮中路${(n % 300) + 1}号`,
    description: `${texts[n % texts.length]}（第${n}条）`,
    first_name: '先生',
    last_name: '王',
    phone: `138${String(10_000_000 + (n % 89_999_999)).padStart(8, '0')}`,
    email: `resident${n}@example.com`,
  }).toString();
}

/** Loads Open311 POSTs for `duration` seconds; returns autocannon's result. */
function loadIntake(port: number, apiKey: string, codes: string[], duration: number, start: number) {
  let next = start;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    // Report slow answers as latency rather than as timeouts.
    timeout: 60,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    requests: [
      {
        path: '/open311/v2/requests.json',
        setupRequest: (request) => {
          request.body = report(apiKey, codes, next++);
          return request;
        },
      },
    ],
  });
}

const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
let server: ChildProcess | undefined;
try {
  await loadPopulation(sql, config, work, 'small', 1);
  const bearer = await benchCredential(config);
  const keys = (
    await sql<{ key: string }[]>`
      select key from registry.entities where registry = 'population' order by random() limit 10000`
  ).map((r) => r.key);
  const { database, modules } = await openPlatform(config);
  const { apiKey } = await modules.events.keys.create(systemCtx('bench'), { name: '基准测试客户端' });
  // The services an Open311 client would read from services.json: every category.
  const codes = (await modules.events.categories.list()).map((c) => c.code);
  await database.close();

  const started = await startBenchServer(url.toString(), work, process.argv.includes('--profile'));
  server = started.server;
  const port = started.port;

  // A few seconds of each first, so that both run warm (compiled code, prepared statements, full pools).
  await loadSharingApi({ port, bearer, keys, connections, seconds: 3 });
  await loadIntake(port, apiKey, codes, 3, 1_000_000);

  console.log(`— ${connections} connections, ${seconds} s each —`);
  const sharing = await loadSharingApi({ port, bearer, keys, connections, seconds });
  const [{ before }] = await sql<{ before: number }[]>`select count(*)::int as before from events.cases`;
  const intake = await loadIntake(port, apiKey, codes, seconds, 0);
  // Requests still in flight when the load stopped are answered all the same.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const [{ dispatched, total }] = await sql<{ dispatched: number; total: number }[]>`
    select count(*) filter (where status = 'dispatched' and department_id is not null)::int as dispatched,
           count(*)::int as total
    from events.cases where channel = 'open311'`;

  const line = (name: string, r: autocannon.Result) =>
    console.log(
      `${name.padEnd(34)} ${Math.round(r.requests.average).toLocaleString().padStart(7)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   (${r['2xx'].toLocaleString()} × 2xx, ${r.non2xx} other, ${r.errors} errors, ${r.timeouts} timeouts)`,
    );
  line('Open311 intake (POST, dispatched):', intake);
  line('sharing API (masked, audited):', sharing);
  console.log(
    `intake rate: ${((intake.requests.average / sharing.requests.average) * 100).toFixed(0)}% of the sharing API's; target p99 < 100 ms: ${intake.latency.p99 < 100 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `cases: ${(total - before).toLocaleString()} opened in the measured run, ${dispatched.toLocaleString()} of ${total.toLocaleString()} Open311 cases dispatched`,
  );
} finally {
  server?.kill('SIGTERM');
  await sql.end();
  fs.rmSync(work, { recursive: true, force: true });
}
