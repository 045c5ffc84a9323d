// The screen bench's database on PostgreSQL, at one of three scales.
// - full: the whole demo district (800,000 people, a year of 1,000,000 cases, the registries, devices, sharing)
//   loaded once by `onecity demo --scale full` into the kept database onecity_bench_ioc_full (timed, within a
//   limit); each run works on a copy made with CREATE DATABASE … TEMPLATE, so every run starts from the same
//   district. A load that fails or passes the limit falls back to bulk.
// - bulk: the small demo (`onecity demo --scale small`) plus synthetic bulk in SQL: a year of generated cases
//   (bench/events/generate-cases.ts, as the briefing bench fills its database) and the small demo's people copied
//   under other keys until the population registry holds as many as the full district.
// - small: the small demo alone (5,000 people, 30,000 cases), for quick runs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { generateCases } from '../events/generate-cases.ts';

const root = path.resolve(import.meta.dirname, '../..');
const TEMPLATE = 'onecity_bench_ioc_full';
const RUN_DB = 'onecity_bench_ioc_screen';

export type Scale = 'full' | 'bulk' | 'small';

/** The database a run uses, what it holds, and how it was made. */
export type BenchDatabase = {
  url: string;
  scale: Scale;
  /** How the data got there (the full load's time, or when it was loaded for an earlier run). */
  note: string;
  drop(): Promise<void>;
};

const urlOf = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** What the kept full database says of its load (a comment set once the load finished), or null. */
async function loadedNote(admin: postgres.Sql): Promise<string | null> {
  const [row] = await admin<{ note: string | null }[]>`
    select shobj_description(oid, 'pg_database') as note from pg_database where datname = ${TEMPLATE}`;
  return row?.note ?? null;
}

/** Runs `onecity demo --scale <scale>` on database `name`; resolves to its seconds, rejects past `limitMinutes`. */
async function loadDemo(
  serverUrl: string,
  name: string,
  scale: 'small' | 'full',
  dataDir: string,
  limitMinutes: number,
): Promise<number> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=16', path.join(root, 'src/cli/main.ts'), 'demo', '--scale', scale],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: urlOf(serverUrl, name),
        ONECITY_DATA_DIR: dataDir,
        ONECITY_DEMO: 'none',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const limit = setTimeout(() => child.kill('SIGTERM'), limitMinutes * 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(limit);
  if (code !== 0)
    throw new Error(
      child.signalCode
        ? `the ${scale} demo did not load within ${limitMinutes} min`
        : `onecity demo --scale ${scale} exited with ${code}`,
    );
  return (performance.now() - started) / 1000;
}

/**
 * The synthetic bulk: `cases` generated cases over the year before now, and the population registry's people
 * copied under other keys (same values, so the same subdistricts) until it holds `people`.
 */
async function addBulk(url: string, cases: number, people: number): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const casesMs = await generateCases(sql, cases, new Date());
    const started = performance.now();
    await sql`
      with source as (
        select e.*, row_number() over (order by e.key) as n, count(*) over () as total
        from registry.entities e where e.registry = 'population')
      insert into registry.entities (registry, key, values, provenance, search)
      select s.registry, s.key || '-' || g, s.values, s.provenance, s.search
      from source s, generate_series(1, ceil(${people}::float / greatest(1, s.total))::int - 1) g
      where (g * s.total + s.n) <= ${people}`;
    await sql`vacuum analyze registry.entities`;
    const peopleS = (performance.now() - started) / 1000;
    return `${cases.toLocaleString()} cases generated in ${(casesMs / 1000).toFixed(0)} s, people copied up to ${people.toLocaleString()} in ${peopleS.toFixed(0)} s`;
  } finally {
    await sql.end();
  }
}

/**
 * The run's database at `scale`. Full loads the kept database first if it has not been (or with `fresh`), and
 * falls back to bulk, saying why, when that load fails or takes longer than `limitMinutes`.
 */
export async function prepareDatabase(opts: {
  serverUrl: string;
  scale: Scale;
  fresh: boolean;
  limitMinutes: number;
  dataDir: string;
  bulk: { cases: number; people: number };
}): Promise<BenchDatabase> {
  const admin = postgres(opts.serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${RUN_DB} with (force)`);
    const drop = async () => {
      const sql = postgres(opts.serverUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${RUN_DB} with (force)`);
      await sql.end();
    };
    const url = urlOf(opts.serverUrl, RUN_DB);
    let fellBack = '';
    if (opts.scale === 'full') {
      let note = opts.fresh ? null : await loadedNote(admin);
      if (!note) {
        console.log(`Loading the full demo district into ${TEMPLATE} (limit ${opts.limitMinutes} min) …`);
        await admin.unsafe(`drop database if exists ${TEMPLATE} with (force)`);
        await admin.unsafe(`create database ${TEMPLATE}`);
        try {
          const dir = path.join(opts.dataDir, 'full');
          const seconds = await loadDemo(opts.serverUrl, TEMPLATE, 'full', dir, opts.limitMinutes);
          note = `full demo loaded ${new Date().toISOString()} in ${Math.round(seconds)} s`;
          await admin.unsafe(`comment on database ${TEMPLATE} is '${note}'`);
        } catch (error) {
          await admin.unsafe(`drop database if exists ${TEMPLATE} with (force)`);
          fellBack = `full scale: ${(error as Error).message}; fell back to bulk. `;
          console.log(fellBack);
        }
      }
      if (note) {
        const started = performance.now();
        await admin.unsafe(`create database ${RUN_DB} template ${TEMPLATE}`);
        const copied = ((performance.now() - started) / 1000).toFixed(0);
        return { url, scale: 'full', note: `${note}; copied for this run in ${copied} s`, drop };
      }
    }
    await admin.unsafe(`create database ${RUN_DB}`);
    console.log('Loading the small demo district …');
    const seconds = await loadDemo(opts.serverUrl, RUN_DB, 'small', path.join(opts.dataDir, 'small'), 30);
    let note = `${fellBack}small demo loaded in ${seconds.toFixed(0)} s`;
    if (opts.scale === 'small') return { url, scale: 'small', note, drop };
    console.log('Adding the synthetic bulk …');
    note += `; ${await addBulk(url, opts.bulk.cases, opts.bulk.people)}`;
    return { url, scale: 'bulk', note, drop };
  } finally {
    await admin.end();
  }
}
