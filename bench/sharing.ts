// Benchmark: the sharing API's point lookup (GET /api/share/v1/population/<id>, masked and audited) under HTTP
// load against pgbench running the equivalent point lookup on the same PostgreSQL database, in one run.
// The full-scale population is loaded once into the database `onecity_bench_sharing` and kept for later runs
// (--fresh loads it again). Figures are printed, not asserted.
// Usage: npm run bench:sharing -- [--seconds 20] [--connections 16,64] [--fresh] [--profile]
// Each connection count is one round: pgbench and the HTTP load with as many clients.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { loadConfig } from '../src/core/config.ts';
import { systemCtx } from '../src/core/context.ts';
import { generateDemo } from '../src/demo/index.ts';
import { openPlatform } from '../src/server/platform.ts';

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
const root = path.resolve(import.meta.dirname, '..');

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
if (process.argv.includes('--fresh')) await admin.unsafe(`drop database if exists ${dbName} with (force)`);
const [exists] = await admin`select 1 from pg_database where datname = ${dbName}`;
if (!exists) await admin.unsafe(`create database ${dbName}`);
await admin.end();

const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
let server: ChildProcess | undefined;
try {
  await loadPopulation();
  const bearer = await benchCredential();
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
  const port = await startServer();
  for (const connections of connectionCounts) {
    console.log(`— ${connections} connections —`);
    const { stdout } = await promisify(execFile)('pgbench', [
      '-n',
      ...['-c', String(connections), '-j', '2', '-T', String(seconds), '-M', 'prepared', '-f', script],
      url.toString(),
    ]);
    const pgbenchRate = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);

    const callsBefore = await callRows();
    let next = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: seconds,
      headers: { authorization: `Bearer ${bearer}` },
      requests: [
        {
          setupRequest: (request) => {
            request.path = `/api/share/v1/population/${keys[next++ % keys.length]}`;
            return request;
          },
        },
      ],
    });
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

/** Loads the full-scale population (公安's household file: 800,000 people less its rejected rows) unless loaded. */
async function loadPopulation() {
  const [loaded] = await sql<{ n: number }[]>`
    select count(*)::int as n from information_schema.tables where table_schema = 'registry' and table_name = 'entities'`;
  if (loaded?.n) {
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from registry.entities where registry = 'population'`;
    if (n >= 750_000) return console.log(`Population: ${n.toLocaleString()} people (loaded earlier)`);
  }
  console.log('Loading the full-scale population (once; kept in onecity_bench_sharing) …');
  const demo = await generateDemo({ scale: 'full', dir: path.join(work, 'files') });
  const { database, modules } = await openPlatform(platformConfig());
  try {
    const file = demo.files.find((f) => f.alias === 'gafj_household')!;
    const department = await modules.org.service.findDepartmentByCode(file.department);
    await modules.ingest.service.ingestFile(systemCtx('bench'), {
      resource: file.alias,
      file: file.file,
      sourceDepartmentId: department!.id,
    });
  } finally {
    await database.close();
  }
  const [{ n }] = await sql<{ n: number }[]>`
    select count(*)::int as n from registry.entities where registry = 'population'`;
  console.log(`Population: ${n.toLocaleString()} people`);
}

function platformConfig() {
  return loadConfig({
    DATABASE_URL: url.toString(),
    ONECITY_DATA_DIR: work,
    LOG_LEVEL: 'silent',
    ONECITY_DEMO: 'none',
  });
}

/**
 * A credential for 卫健局's grant on the population (every item; personal ones masked), through the services a
 * user's clicks call: apply, the provider's and the center's approvals, then a credential. Returns `keyId.secret`.
 */
async function benchCredential(): Promise<string> {
  const { database, modules } = await openPlatform(platformConfig());
  try {
    const ctx = systemCtx('bench');
    const population = await modules.catalog.service.get(ctx, 'population');
    const consumer = await modules.org.service.findDepartmentByCode('WJJ');
    const today = new Date().toISOString().slice(0, 10);
    const id = await modules.sharing.apply.apply(ctx, {
      resource: 'population',
      applicantDepartmentId: consumer!.id,
      purpose: '基准测试：按身份证号核验人员信息',
      legalBasis: '《基本医疗卫生与健康促进法》',
      items: population.items.map((i) => i.code),
      rawItems: [],
      rowFilter: {},
      consumingSystem: 'bench',
      periodFrom: today,
      periodTo: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
      expectedDailyCalls: 10_000_000,
    });
    // Each stage under a name of its own: nobody decides two stages (separation of duties).
    const { status, providerDepartmentId } = await modules.sharing.applications.get(ctx, id);
    if (status === 'pending_provider')
      await modules.sharing.decide.decide(systemCtx('bench.provider'), id, {
        decision: 'approve',
        onBehalfOf: providerDepartmentId,
      });
    if ((await modules.sharing.applications.get(ctx, id)).status === 'pending_center')
      await modules.sharing.decide.decide(systemCtx('bench.center'), id, { decision: 'approve' });
    const { grant } = await modules.sharing.applications.get(ctx, id);
    // The load is the point here: no rate limit, and a quota above anything the run can reach.
    await modules.sharing.grants.setLimits(ctx, grant!.id, {
      ratePerMinute: 1_000_000,
      dailyQuota: 100_000_000,
    });
    return (await modules.sharing.credentials.create(ctx, grant!.id)).token;
  } finally {
    await database.close();
  }
}

/** Rows in the sharing call log. */
async function callRows() {
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from sharing.calls`;
  return n;
}

/** Starts `onecity serve` on the bench database and resolves its port once it listens. */
function startServer(): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  server = spawn(
    process.execPath,
    [
      '--max-semi-space-size=16',
      // --profile: the server writes a CPU profile (open it in Chrome's DevTools) when it stops.
      ...(process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${os.tmpdir()}`] : []),
      path.join(root, 'src/cli/main.ts'),
      'serve',
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        ONECITY_DATA_DIR: work,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ONECITY_DEMO: 'none',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    server!.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    server!.stdout!.on('data', (data: Buffer) => {
      if (data.toString().includes('is running')) resolve(port);
    });
  });
}
