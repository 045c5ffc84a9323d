// Benchmark of loading into the base registries, printed, not asserted. Two parts:
// 1. A department's population file → the population registry, as a user runs it (`onecity ingest FILE --into
//    population`: aggregation, then the registry merge with provenance, history and conflicts), against pgloader
//    (Debian's package, no validation) and psql's COPY of the same CSV into a plain table, in one run, on
//    PostgreSQL; then the same ingest on PGlite (pgloader has no PGlite: its rate is set against PostgreSQL's).
// 2. With --demo: the full-scale demo district loaded into the registries (every departmental file, then the
//    merges) against a raw COPY of the same rows, then 10,000 random entity lookups (takes several minutes).
// Usage: npm run bench:registry -- [rows] [--pglite-rows N] [--demo [--scale small|full] [--seed N]]
//   rows: the population file's rows (default 1,000,000, or ONECITY_BENCH_ROWS); --pglite-rows: PGlite's (default
//   the same, at most 200,000: PGlite is slower, and a smaller file gives its rate soon enough).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import postgres from 'postgres';
import type { IngestSummary } from '../src/cli/ingest-commands.ts';
import { loadConfig } from '../src/core/config.ts';
import { lookupCtx } from '../src/core/context.ts';
import { generateDemo, loadDemo } from '../src/demo/index.ts';
import { openPlatform } from '../src/server/platform.ts';
import { populationHeader, writePopulationCsv } from '../test/population-csv.ts';

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const rows = Number(
  process.argv.slice(2).find((a, i, all) => /^\d+$/.test(a) && !all[i - 1]?.startsWith('--')) ??
    process.env.ONECITY_BENCH_ROWS ??
    1_000_000,
);
const pgliteRows = Number(argument('--pglite-rows') ?? Math.min(rows, 200_000));
const demo = process.argv.includes('--demo');
const scale = (argument('--scale') ?? 'full') as 'small' | 'full';
const seed = argument('--seed') ? Number(argument('--seed')) : undefined;
const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-registry-'));
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
try {
  await benchFile();
  if (demo) await benchDemo();
} finally {
  await admin.end();
  fs.rmSync(work, { recursive: true, force: true });
}

/** A database of its own on the server for one part of the run, dropped when `use` ends. */
async function withServerDatabase(name: string, use: (url: string) => Promise<void>) {
  const dbName = `onecity_bench_${name}_${process.pid}`;
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  try {
    await use(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  }
}

/** `onecity ingest FILE --into population --json` in a process of its own, as a user runs it. */
async function onecityIngest(file: string, env: Record<string, string>): Promise<IngestSummary> {
  const main = path.join(import.meta.dirname, '../src/cli/main.ts');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--max-semi-space-size=16', main, 'ingest', file, '--into', 'population', '--json'],
    { env: { ...process.env, LOG_LEVEL: 'silent', ONECITY_DEMO: 'none', ...env }, maxBuffer: 1 << 24 },
  );
  return JSON.parse(stdout) as IngestSummary;
}

function rate(n: number, seconds: number) {
  return `${Math.round(n / seconds).toLocaleString()} rows/s`;
}

/** The merge's steps in the order they run (MergeSteps in src/modules/registry/merge/merge.ts). */
const mergeSteps = [
  'lock',
  'stage',
  'sourceRecords',
  'prepare',
  'entities',
  'history',
  'changedEntities',
  'sharedEntities',
  'analyze',
];

/** Prints one ingest's rate and where its time went. */
function printIngest(label: string, n: number, run: IngestSummary) {
  const m = run.merge;
  console.log(
    `${label}: ${rate(n, run.totalSeconds)} (${run.totalSeconds.toFixed(1)} s: aggregation ${(run.seconds ?? 0).toFixed(1)} s, ` +
      `merge ${m ? `${m.seconds.toFixed(1)} s; ${m.keys.toLocaleString()} keys, ${m.changed.toLocaleString()} changed, ${m.conflicts} conflicts` : 'none'})`,
  );
  // Where the merge's time went, step by step (see MergeSteps in src/modules/registry/merge/merge.ts).
  if (m)
    console.log(
      `  merge steps: ${mergeSteps
        .filter((step) => m.steps[step] !== undefined)
        .map((step) => `${step} ${m.steps[step]!.toFixed(1)} s`)
        .join(', ')}`,
    );
}

/** Part 1: the population file into the registry, against pgloader and COPY of the same file. */
async function benchFile() {
  const file = path.join(work, 'population.csv');
  console.log(`Generating ${rows.toLocaleString()} population rows …`);
  await writePopulationCsv(file, rows);
  console.log(`File: ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);
  const columns = populationHeader.split(',').map((_, i) => `c${i}`);

  let pgloaderRate = 0;
  await withServerDatabase('file', async (url) => {
    const bare = postgres(url, { max: 1, onnotice: () => {} });
    await bare.unsafe(`create table bare_pgloader (${columns.map((c) => `${c} text`).join(', ')})`);
    await bare.unsafe(`create table bare_copy (${columns.map((c) => `${c} text`).join(', ')})`);
    // pgloader (Debian's package) with its defaults, into a plain table: no validation, no keys.
    const command = path.join(work, 'population.load');
    fs.writeFileSync(
      command,
      `LOAD CSV FROM '${file}' (${columns.join(', ')})
       INTO ${url}?bare_pgloader (${columns.join(', ')})
       WITH skip header = 1, fields terminated by ',', fields optionally enclosed by '"';\n`,
    );
    let t = performance.now();
    await promisify(execFile)('pgloader', ['--quiet', command], { maxBuffer: 1 << 24 });
    const pgloaderSeconds = (performance.now() - t) / 1000;
    const [{ n }] = await bare<{ n: number }[]>`select count(*)::int as n from bare_pgloader`;
    if (n !== rows) throw new Error(`pgloader loaded ${n} rows of ${rows}`);
    pgloaderRate = rows / pgloaderSeconds;
    console.log(`pgloader (PostgreSQL):   ${rate(rows, pgloaderSeconds)} (${pgloaderSeconds.toFixed(1)} s)`);

    t = performance.now();
    await pipeline(
      fs.createReadStream(file),
      await bare.unsafe('copy bare_copy from stdin with (format csv, header true)').writable(),
    );
    const copySeconds = (performance.now() - t) / 1000;
    console.log(`psql COPY (PostgreSQL):  ${rate(rows, copySeconds)} (${copySeconds.toFixed(1)} s)`);
    await bare.end();

    const run = await onecityIngest(file, { DATABASE_URL: url, ONECITY_DATA_DIR: path.join(work, 'pg') });
    if (run.inserted !== rows || !run.merge) throw new Error(`unexpected ingest: ${JSON.stringify(run)}`);
    printIngest('onecity ingest → population registry (PostgreSQL)', rows, run);
    console.log(
      `ratio: ${(rows / run.totalSeconds / pgloaderRate).toFixed(2)}× pgloader's rate; target ≥ 1.5×`,
    );
  });

  // PGlite: the same ingest into an embedded database (pgloader cannot load PGlite).
  const pgliteFile = pgliteRows === rows ? file : path.join(work, 'population-pglite.csv');
  if (pgliteFile !== file) await writePopulationCsv(pgliteFile, pgliteRows);
  const run = await onecityIngest(pgliteFile, { ONECITY_DATA_DIR: path.join(work, 'pglite') });
  if (run.inserted !== pgliteRows || !run.merge) throw new Error(`unexpected ingest: ${JSON.stringify(run)}`);
  printIngest(
    `onecity ingest → population registry (PGlite, ${pgliteRows.toLocaleString()} rows)`,
    pgliteRows,
    run,
  );
  console.log(
    `ratio: ${(pgliteRows / run.totalSeconds / pgloaderRate).toFixed(2)}× pgloader's rate on PostgreSQL`,
  );
}

/** Part 2 (--demo): the demo district into the registries, against raw COPY; then entity lookups. */
async function benchDemo() {
  await withServerDatabase('demo', async (serverDb) => {
    const url = new URL(serverDb);
    console.log(`Generating the ${scale} demo district …`);
    const demo = await generateDemo({ scale, seed, dir: path.join(work, 'demo-files') });
    const fileRows = demo.files.reduce((n, f) => n + f.rows, 0);
    console.log(
      `${demo.files.length} files, ${fileRows.toLocaleString()} rows, in ${demo.seconds.toFixed(1)} s`,
    );

    const { database, modules } = await openPlatform(
      loadConfig({
        DATABASE_URL: url.toString(),
        ONECITY_DATA_DIR: path.join(work, 'demo'),
        LOG_LEVEL: 'silent',
        ONECITY_DEMO: 'none',
      }),
    );
    const began = performance.now();
    const elapsed = () => ((performance.now() - began) / 1000).toFixed(1).padStart(6);
    const loaded = await loadDemo(modules, demo, {
      onProgress: (line) => console.log(`${elapsed()} s  ${line}`),
    });
    const loadRate = fileRows / loaded.filesSeconds;
    console.log(`registries: ${JSON.stringify(await modules.registry.service.stats())}`);
    console.log(
      `demo files → registries (ingest + merge): ${Math.round(loadRate).toLocaleString()} rows/s (${loaded.filesSeconds.toFixed(1)} s)`,
    );
    console.log(
      `licenses issued and signed: ${loaded.licenses.toLocaleString()} in ${loaded.licensesSeconds.toFixed(1)} s`,
    );

    // Baseline: the same rows as they were loaded (each feeding resource's data table, exported as CSV), copied
    // raw into bare tables of text columns, each COPY on a connection of its own as bench/ingest does.
    const connect = () => postgres(url.toString(), { max: 1, onnotice: () => {} });
    let copyRows = 0;
    let copySeconds = 0;
    for (const file of demo.files) {
      const resource = await modules.catalog.service.get(lookupCtx, file.alias);
      const csv = path.join(work, `${file.alias}.copy.csv`);
      const bare = `bare_${resource.id}`;
      const exporter = connect();
      const columns = (
        await exporter<{ column_name: string }[]>`
        select column_name from information_schema.columns
        where table_schema = 'data' and table_name = ${`r_${resource.id}`} and column_name not like '\\_%'
        order by ordinal_position`
      ).map((c) => `"${c.column_name}"`);
      await exporter.unsafe(`create table ${bare} (${columns.map((c) => `${c} text`).join(', ')})`);
      await pipeline(
        await exporter
          .unsafe(
            `copy (select ${columns.join(', ')} from data.r_${resource.id}) to stdout with (format csv)`,
          )
          .readable(),
        fs.createWriteStream(csv),
      );
      // postgres.js 3.4 can leave a connection's socket paused after COPY TO (porsager/postgres#499): a later query
      // on it never returns, and neither does a graceful end. The export is this client's last use; close it at once.
      await exporter.end({ timeout: 0 });
      const importer = connect();
      const t = performance.now();
      await pipeline(
        fs.createReadStream(csv),
        await importer.unsafe(`copy ${bare} from stdin with (format csv)`).writable(),
      );
      copySeconds += (performance.now() - t) / 1000;
      const [{ n }] = await importer<{ n: number }[]>`select count(*)::int as n from ${importer(bare)}`;
      copyRows += n;
      await importer.end();
    }
    const copyRate = copyRows / copySeconds;
    console.log(
      `raw COPY (PostgreSQL): ${Math.round(copyRate).toLocaleString()} rows/s (${copyRows.toLocaleString()} rows, ${copySeconds.toFixed(2)} s)`,
    );
    console.log(`ratio: ${((loadRate / copyRate) * 100).toFixed(1)}% of raw COPY; target ≥ 30%`);

    // Lookups: random entities of every registry, read whole (values, provenance, sources, conflicts, history).
    const picker = connect();
    const keys = await picker<{ registry: string; key: string }[]>`
    select registry, key from registry.entities order by random() limit 10000`;
    await picker.end();
    const times: number[] = [];
    for (const { registry, key } of keys) {
      const t = performance.now();
      await modules.registry.service.get(registry, key);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    await database.close();

    console.log(
      `get: ${times.length.toLocaleString()} lookups, p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms; target p99 < 5 ms`,
    );
  });
}
