// Benchmark: the sharing API's point lookup (GET /api/share/v1/population/<id>, masked and audited) under HTTP
// load against pgbench running the equivalent point lookup on the same PostgreSQL database, in one run.
// The full-scale population is loaded once into the database `onecity_bench_sharing` and kept for later runs
// (--fresh loads it again). Figures are printed, not asserted.
// Usage: npm run bench:sharing -- [--seconds 20] [--connections 16,64] [--fresh] [--profile]
// Each connection count is one round: pgbench and the HTTP load with as many clients.
import { type ChildProcess, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { loadConfig } from '../src/core/config.ts';
import { benchCredential, loadPopulation, loadSharingApi, startBenchServer } from './sharing-setup.ts';

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const seconds = Number(argument('--seconds') ?? 20);
const connectionCounts = (argument('--connections') ?? '16,64').split(',').map(Number);
const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'onecity_bench_sharing';
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-sharing-'));

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
if (process.argv.includes('--fresh')) await admin.unsafe(`drop database if exists ${dbName} with (force)`);
const [exists] = await admin`select 1 from pg_database where datname = ${dbName}`;
if (!exists) await admin.unsafe(`create database ${dbName}`);
await admin.end();

const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
let server: ChildProcess | undefined;
try {
  // The full-scale population (公安's household file: 800,000 people less its rejected rows), once.
  await loadPopulation(sql, platformConfig(), work, 'full', 750_000);
  const bearer = await benchCredential(platformConfig());
  const keys = (
    await sql<{ key: string }[]>`
      select key from registry.entities where registry = 'population' order by random() limit 10000`
  ).map((r) => r.key);

  // Baseline: pgbench, the same point lookup (one population entity by an indexed column) from as many clients.
  const [range] = await sql<{ low: number; high: number }[]>`
    select min(id)::int as low, max(id)::int as high from registry.entities where registry = 'population'`;
  const script = path.join(work, 'lookup.sql');
  fs.writeFileSync(
    script,
    `\\set id random(${range!.low}, ${range!.high})\nselect key, values from registry.entities where id = :id;\n`,
  );
  const started = await startBenchServer(url.toString(), work, process.argv.includes('--profile'));
  server = started.server;
  const port = started.port;
  for (const connections of connectionCounts) {
    console.log(`— ${connections} connections —`);
    const { stdout } = await promisify(execFile)('pgbench', [
      '-n',
      ...['-c', String(connections), '-j', '2', '-T', String(seconds), '-M', 'prepared', '-f', script],
      url.toString(),
    ]);
    const pgbenchRate = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);

    const callsBefore = await callRows();
    const result = await loadSharingApi({ port, bearer, keys, connections, seconds });
    // Requests still in flight when the load stopped are answered (and logged) by the server all the same.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sent = result.requests.sent;
    const logged = (await callRows()) - callsBefore;
    const rate = result.requests.average;

    console.log(`pgbench point lookup:        ${Math.round(pgbenchRate).toLocaleString()} tps`);
    console.log(
      `sharing API (masked, audited): ${Math.round(rate).toLocaleString()} req/s, ${result['2xx'].toLocaleString()} × 2xx, ${result.non2xx} other, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
    console.log(`ratio: ${((rate / pgbenchRate) * 100).toFixed(0)}% of pgbench; target ≥ 40%`);
    console.log(`latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; target p99 < 20 ms`);
    console.log(
      `call log rows: ${logged.toLocaleString()} for ${sent.toLocaleString()} requests sent (${(result['2xx'] + result.non2xx).toLocaleString()} answered before the load stopped)${logged === sent ? '' : ' MISMATCH'}`,
    );
  }
} finally {
  server?.kill('SIGTERM');
  await sql.end();
  fs.rmSync(work, { recursive: true, force: true });
}

function platformConfig() {
  return loadConfig({
    DATABASE_URL: url.toString(),
    ONECITY_DATA_DIR: work,
    LOG_LEVEL: 'silent',
    ONECITY_DEMO: 'none',
  });
}

/** Rows in the sharing call log. */
async function callRows() {
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from sharing.calls`;
  return n;
}
