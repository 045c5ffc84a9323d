// Setup shared by the benchmarks that measure the sharing API (bench/sharing.ts, and bench/events/intake.ts, which
// prints its rate beside the Open311 intake's): the population loaded, a credential on it, a server started.
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type postgres from 'postgres';
import type { Config } from '../src/core/config.ts';
import { systemCtx } from '../src/core/context.ts';
import { generateDemo } from '../src/demo/index.ts';
import { openPlatform } from '../src/server/platform.ts';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Loads 公安's household file (the population) of the demo at `scale` through ingest, unless at least `enough` people
 * are there already. `work` holds the generated files.
 */
export async function loadPopulation(
  sql: postgres.Sql,
  config: Config,
  work: string,
  scale: 'small' | 'full',
  enough: number,
) {
  const [loaded] = await sql<{ n: number }[]>`
    select count(*)::int as n from information_schema.tables where table_schema = 'registry' and table_name = 'entities'`;
  if (loaded?.n) {
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from registry.entities where registry = 'population'`;
    if (n >= enough) return console.log(`Population: ${n.toLocaleString()} people (loaded earlier)`);
  }
  console.log(`Loading the ${scale} population …`);
  const demo = await generateDemo({ scale, dir: path.join(work, 'files') });
  const { database, modules } = await openPlatform(config);
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

/**
 * A credential for 卫健局's grant on the population (every item; personal ones masked), through the services a
 * user's clicks call: apply, the provider's and the center's approvals, then a credential. Returns `keyId.secret`.
 */
export async function benchCredential(config: Config): Promise<string> {
  const { database, modules } = await openPlatform(config);
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

/** The sharing API's point lookup (GET /api/share/v1/population/<key>) under load, the way bench/sharing.ts runs it. */
export function loadSharingApi(opts: {
  port: number;
  bearer: string;
  keys: string[];
  connections: number;
  seconds: number;
}) {
  let next = 0;
  return autocannon({
    url: `http://127.0.0.1:${opts.port}`,
    connections: opts.connections,
    duration: opts.seconds,
    headers: { authorization: `Bearer ${opts.bearer}` },
    requests: [
      {
        setupRequest: (request) => {
          request.path = `/api/share/v1/population/${opts.keys[next++ % opts.keys.length]}`;
          return request;
        },
      },
    ],
  });
}

/**
 * Starts `onecity serve` on `databaseUrl` and resolves with the process and its port once it listens (`profile`: the
 * server writes a CPU profile to the temporary directory when it stops).
 */
export function startBenchServer(
  databaseUrl: string,
  dataDir: string,
  profile = false,
): Promise<{ server: ChildProcess; port: number }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(
    process.execPath,
    [
      '--max-semi-space-size=16',
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${os.tmpdir()}`] : []),
      path.join(root, 'src/cli/main.ts'),
      'serve',
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        ONECITY_DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ONECITY_DEMO: 'none',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    server.stdout!.on('data', (data: Buffer) => {
      if (data.toString().includes('is running')) resolve({ server, port });
    });
  });
}
