// Benchmark: aggregation of a population CSV against raw PostgreSQL COPY of the same file, in one run.
// Usage: npm run bench:ingest -- [rows]   (default 1,000,000; --pglite runs on the embedded database instead)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { loadConfig } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db.ts';
import { populationHeader, writePopulationCsv } from '../test/population-csv.ts';

const rows = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const onPglite = process.argv.includes('--pglite');
const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-'));
const file = path.join(work, 'population.csv');

console.log(`Generating ${rows.toLocaleString()} population rows …`);
await writePopulationCsv(file, rows);
console.log(`File: ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);

if (onPglite) {
  await benchPglite();
} else {
  await benchPostgres();
}

type IngestRun = {
  seconds: number;
  inserted: number;
  rejected: number;
  peakRssMb: number;
  peakAnonMb: number;
};

/** Prints both rates, their ratio and the ingest's peak memory. */
function report(database: string, copySeconds: number, run: IngestRun, target: string) {
  const copyRate = rows / copySeconds;
  const ingestRate = rows / run.seconds;
  console.log(
    `raw COPY (${database}):       ${Math.round(copyRate).toLocaleString()} rows/s (${copySeconds.toFixed(2)} s)`,
  );
  console.log(
    `onecity ingest (${database}): ${Math.round(ingestRate).toLocaleString()} rows/s (${run.seconds.toFixed(2)} s; ${run.inserted} inserted, ${run.rejected} rejected)`,
  );
  console.log(`ratio: ${((ingestRate / copyRate) * 100).toFixed(0)}% of raw COPY; ${target}`);
  console.log(
    `peak RSS of the ingest process: ${run.peakRssMb} MB (target < 400 MB); its private (anonymous) memory while ingesting: at most ${run.peakAnonMb} MB`,
  );
}

/**
 * The same file through onecity ingest, in a process of its own as a user runs it, so that its peak memory
 * is its own (not this script's, which generated the file and ran the baseline).
 */
async function ingest(env: Record<string, string>): Promise<IngestRun> {
  const script = path.join(import.meta.dirname, 'ingest-run.ts');
  // With the young-generation size the onecity command runs with (src/cli/main.ts, package.json).
  const args = ['--max-semi-space-size=16', script, file, 'population'];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as IngestRun;
}

async function benchPglite() {
  try {
    const run = await ingest({ ONECITY_DATA_DIR: work });
    // Baseline in the same database: a bare table and PGlite's COPY from an in-memory blob of the same file.
    const database = await openDatabase(loadConfig({ ONECITY_DATA_DIR: work }));
    await database.rawTransaction(async (tx) => {
      await tx.query(
        `create table bare (${populationHeader
          .split(',')
          .map((_, i) => `c${i} text`)
          .join(', ')})`,
      );
    });
    const t = performance.now();
    await database.rawTransaction((tx) =>
      tx.copyIn(
        'bare',
        populationHeader.split(',').map((_, i) => `c${i}`),
        skipHeader(fs.createReadStream(file, 'utf8')),
      ),
    );
    const copySeconds = (performance.now() - t) / 1000;
    await database.close();
    report(
      'PGlite',
      copySeconds,
      run,
      `${Math.round(rows / run.seconds).toLocaleString()} rows/s (target ≥ 100,000 rows/s)`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The file's rows without the header, in chunks that end at a line end (as copyIn requires). */
async function* skipHeader(chunks: AsyncIterable<string>) {
  let carry = '';
  let first = true;
  for await (const chunk of chunks) {
    let text = carry + chunk;
    if (first) text = text.slice(text.indexOf('\n') + 1);
    first = false;
    const cut = text.lastIndexOf('\n') + 1;
    carry = text.slice(cut);
    if (cut) yield text.slice(0, cut);
  }
  if (carry) yield `${carry}\n`;
}

async function benchPostgres() {
  const dbName = `onecity_bench_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;

  try {
    // Baseline: raw COPY of the same file into a bare table with one text column per CSV column.
    const bare = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const columns = populationHeader.split(',').map((_, i) => `c${i} text`);
    await bare.unsafe(`create table bare (${columns.join(', ')})`);
    const t = performance.now();
    await pipeline(
      fs.createReadStream(file),
      await bare.unsafe('copy bare from stdin with (format csv, header true)').writable(),
    );
    const copySeconds = (performance.now() - t) / 1000;
    await bare.end();

    // OneCity: standardize, validate, de-duplicate and upsert by key into the population resource.
    const run = await ingest({ DATABASE_URL: url.toString(), ONECITY_DATA_DIR: work });
    report('PostgreSQL', copySeconds, run, 'target ≥ 50%');
  } finally {
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
