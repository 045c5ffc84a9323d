// Benchmark: the full-scale demo district loaded into the base registries (aggregation of every departmental
// file, then the registry merge) against a raw PostgreSQL COPY of the same rows, in one run on the server;
// then 10,000 random entity lookups. Figures are printed, not asserted.
// Usage: npm run bench:registry -- [--scale small|full] [--seed N]   (default full)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { loadConfig } from '../src/core/config.ts';
import { lookupCtx } from '../src/core/context.ts';
import { generateDemo, loadDemo } from '../src/demo/index.ts';
import { openPlatform } from '../src/server/platform.ts';

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const scale = (argument('--scale') ?? 'full') as 'small' | 'full';
const seed = argument('--seed') ? Number(argument('--seed')) : undefined;
const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-registry-'));
const dbName = `onecity_bench_registry_${process.pid}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;

try {
  console.log(`Generating the ${scale} demo district …`);
  const demo = await generateDemo({ scale, seed, dir: path.join(work, 'files') });
  const fileRows = demo.files.reduce((n, f) => n + f.rows, 0);
  console.log(
    `${demo.files.length} files, ${fileRows.toLocaleString()} rows, in ${demo.seconds.toFixed(1)} s`,
  );

  const { database, modules } = await openPlatform(
    loadConfig({
      DATABASE_URL: url.toString(),
      ONECITY_DATA_DIR: work,
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
        .unsafe(`copy (select ${columns.join(', ')} from data.r_${resource.id}) to stdout with (format csv)`)
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
} finally {
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  fs.rmSync(work, { recursive: true, force: true });
}
