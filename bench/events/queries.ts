// Benchmark: the statistics, case list and map endpoints over 1,000,000 historical cases on PostgreSQL, through
// the real HTTP server, against plain SQL baselines measured in the same run. A fresh database is made (and
// dropped at the end unless --keep), the cases are generated in SQL (generate_series), then each endpoint is
// called --calls times (default 200) one after another and its p50 and p99 printed. Target: p99 < 300 ms.
// Usage: npm run bench:events-queries -- [--cases 1000000] [--calls 200] [--keep]
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { loadConfig } from '../../src/core/config.ts';
import { openPlatform } from '../../src/server/platform.ts';
import { generateCases } from './generate-cases.ts';

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const caseCount = Number(argument('--cases') ?? 1_000_000);
const calls = Number(argument('--calls') ?? 200);
const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'onecity_bench_events_queries';
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-events-'));
const root = path.resolve(import.meta.dirname, '../..');
const password = 'Bench#2026x';

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${dbName} with (force)`);
await admin.unsafe(`create database ${dbName}`);
await admin.end();

const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
let server: ChildProcess | undefined;
const results: { name: string; p50: number; p99: number; baseline?: boolean }[] = [];
try {
  const { database } = await openPlatform(
    loadConfig({
      DATABASE_URL: url.toString(),
      ONECITY_DATA_DIR: work,
      LOG_LEVEL: 'silent',
      ONECITY_DEMO: 'none',
    }),
  );
  await database.close();
  const now = new Date();
  const generated = await generateCases(sql, caseCount, now);
  console.log(
    `Generated ${caseCount.toLocaleString()} cases over a year in ${(generated / 1000).toFixed(1)} s (${Math.round((caseCount / generated) * 1000).toLocaleString()} cases/s)`,
  );

  // Baselines, the same run: plain SQL on the table, no HTTP, no service.
  await measureSql('SQL: select count(*) from events.cases', () => sql`select count(*) from events.cases`);
  await measureSql(
    'SQL: newest 20 cases (order by received_at limit 20)',
    () => sql`select * from events.cases order by received_at desc limit 20`,
  );

  const port = await startServer();
  const base = `http://127.0.0.1:${port}`;
  const cookie = await signIn(base);
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const yearAgo = new Date(now.getTime() + 8 * 3_600_000 - 364 * 86_400_000).toISOString().slice(0, 10);

  // The first read builds the rollups from every case (once; later reads recount only changed days).
  const built = performance.now();
  const first = await fetch(`${base}/api/events/statistics`, { headers: { cookie } });
  if (first.status !== 200) throw new Error(`statistics: ${first.status} ${await first.text()}`);
  console.log(
    `First statistics read (builds the daily and monthly rollups): ${Math.round(performance.now() - built)} ms`,
  );
  const [{ days, months }] = await sql<{ days: number; months: number }[]>`
    select (select count(*) from events.case_stats_days)::int as days, (select count(*) from events.case_stats_months)::int as months`;
  console.log(`Rollup rows: ${days.toLocaleString()} daily, ${months.toLocaleString()} monthly`);

  const endpoints: [string, string][] = [
    ['statistics, last 30 days', '/api/events/statistics'],
    ['statistics, whole year', `/api/events/statistics?from=${yearAgo}&to=${today}`],
    [
      'statistics, whole year, one category',
      `/api/events/statistics?from=${yearAgo}&to=${today}&category=city.road`,
    ],
    ['cases list, first page', '/api/events/cases'],
    [
      'cases list, filtered page (closed 城管 roads, page 3)',
      '/api/events/cases?status=closed&category=city.road&page=3',
    ],
    ['cases list, deep page (page 2000 of 20)', '/api/events/cases?page=2000'],
    ['cases list, search (text in content)', `/api/events/cases?q=${encodeURIComponent('编号424242')}`],
    ['map, last 30 days', '/api/events/statistics/map'],
    ['map, whole year', `/api/events/statistics/map?from=${yearAgo}&to=${today}`],
  ];
  for (const [name, path] of endpoints) await measureHttp(name, `${base}${path}`, cookie);

  console.log(
    `\n${'endpoint'.padEnd(58)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}   target p99 < 300 ms`,
  );
  for (const r of results)
    console.log(
      `${r.name.padEnd(58)}${r.p50.toFixed(1).padStart(9)}${r.p99.toFixed(1).padStart(9)}   ${r.baseline ? '(baseline)' : r.p99 < 300 ? 'met' : 'MISSED'}`,
    );
} finally {
  server?.kill('SIGTERM');
  await sql.end();
  if (!process.argv.includes('--keep')) {
    const drop = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await drop.unsafe(`drop database if exists ${dbName} with (force)`);
    await drop.end();
  }
  fs.rmSync(work, { recursive: true, force: true });
}

/** p50 and p99 of `calls` sequential runs of a query on the database directly. */
async function measureSql(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  results.push({ name, p50: at(0.5), p99: at(0.99), baseline: true });
}

/** p50 and p99 of `calls` requests one after another (one connection), after a few to warm up. */
async function measureHttp(name: string, target: string, cookie: string) {
  for (let i = 0; i < 3; i++) {
    const res = await fetch(target, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  }
  const result = await autocannon({ url: target, connections: 1, amount: calls, headers: { cookie } });
  if (result.non2xx || result.errors)
    throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  results.push({ name: `HTTP: ${name}`, p50: result.latency.p50, p99: result.latency.p99 });
}

/** Signs in as the administrator; returns the session cookie. */
async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('onecity_session='))!;
  return cookie.split(';')[0]!;
}

/** Starts `onecity serve` on the bench database and resolves its port once it listens. */
function startServer(): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  server = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      ONECITY_DATA_DIR: work,
      ONECITY_ADMIN_PASSWORD: password,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ONECITY_DEMO: 'none',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    server!.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    server!.stdout!.on('data', (data: Buffer) => {
      if (data.toString().includes('is running')) resolve(port);
    });
  });
}
