// Benchmark: aggregation of a population CSV against raw PostgreSQL COPY of the same file, in one run.
// Usage: npm run bench:ingest -- [rows=1000000] [--pglite]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { loadConfig } from '../src/core/config.ts';
import { systemCtx } from '../src/core/context.ts';
import { openPlatform } from '../src/server/app.ts';
import { populationHeader, writePopulationCsv } from './population-csv.ts';

const rows = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-'));
const file = path.join(work, 'population.csv');

console.log(`Generating ${rows.toLocaleString()} population rows …`);
await writePopulationCsv(file, rows);
console.log(`File: ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);

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
  let t = performance.now();
  await pipeline(fs.createReadStream(file), await bare.unsafe('copy bare from stdin with (format csv, header true)').writable());
  const copySeconds = (performance.now() - t) / 1000;
  await bare.end();

  // OneCity: standardize, validate, de-duplicate and upsert by key into the population resource.
  const config = loadConfig({ DATABASE_URL: url.toString(), ONECITY_DATA_DIR: work, LOG_LEVEL: 'silent' });
  const { database, modules } = await openPlatform(config);
  t = performance.now();
  const batch = await modules.ingest.service.ingestFile(systemCtx('bench'), { resource: 'population', file });
  const ingestSeconds = (performance.now() - t) / 1000;
  await database.close();

  const copyRate = rows / copySeconds;
  const ingestRate = rows / ingestSeconds;
  console.log(`raw COPY (PostgreSQL):     ${Math.round(copyRate).toLocaleString()} rows/s (${copySeconds.toFixed(2)} s)`);
  console.log(`onecity ingest (PostgreSQL): ${Math.round(ingestRate).toLocaleString()} rows/s (${ingestSeconds.toFixed(2)} s; ${batch.inserted} inserted, ${batch.rejected} rejected)`);
  console.log(`ratio: ${((ingestRate / copyRate) * 100).toFixed(0)}% of raw COPY (target ≥ 50%)`);
  console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (target < 400 MB)`);
} finally {
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  fs.rmSync(work, { recursive: true, force: true });
}
