// Benchmark of `onecity events import` on PostgreSQL, printed, not asserted: a former system's export of 1,000,000
// cases (the demo district's generator, written as a 12345 system exports: Chinese headers, category names,
// Chinese statuses) is imported as a user runs it, in a process of its own, into a fresh database; then the same
// file is COPY'd into a plain table with the same columns (the baseline, same run). Prints both rates and the ratio.
// Usage: npm run bench:events-import -- [rows]   (default 1,000,000, or ONECITY_BENCH_ROWS)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { generateDemoCases } from '../../src/demo/case-history.ts';
import { DEMO_SEED } from '../../src/demo/generate.ts';
import { loadDistrict } from '../../src/demo/places.ts';
import { type ImportSummary, seedCategories } from '../../src/modules/events/index.ts';

const rows = Number(process.argv[2] ?? process.env.ONECITY_BENCH_ROWS ?? 1_000_000);
const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-events-import-'));
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });

const headers = [
  '工单编号',
  '受理时间',
  '来源',
  '诉求内容',
  '事发地址',
  '诉求类别',
  '办理状态',
  '办结时间',
  '满意度',
];
const statusNames: Record<string, string> = {
  closed: '已办结',
  merged: '已并案',
  received: '待受理',
  dispatched: '已派单',
  accepted: '已签收',
  in_progress: '处理中',
  replied: '已答复',
  reviewed: '已审核',
  returned: '退单',
  suspended: '挂起',
};
const channelNames: Record<string, string> = {
  hotline: '12345热线',
  grid: '网格员',
  app: 'APP',
  open311: 'open311',
};
const satisfactionNames: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};
const names = new Map(seedCategories.map((c) => [c.code, c.name]));
const chinaTime = (d: Date | null) =>
  d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ') : '';
const quoted = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Writes the export: the demo generator's cases, as a former 12345 system writes them. */
async function writeExport(file: string) {
  const district = await loadDistrict();
  const out = fs.createWriteStream(file);
  out.write(`${headers.join(',')}\n`);
  let chunk = '';
  for (const c of generateDemoCases({
    seed: DEMO_SEED,
    count: rows,
    now: new Date(),
    district,
    categories: seedCategories.map((c) => ({ code: c.code, timeLimit: c.limit })),
    departmentOf: () => null,
    perState: 0,
  })) {
    chunk += `${[
      c.number,
      chinaTime(c.receivedAt),
      channelNames[c.channel] ?? c.channel,
      quoted(c.content),
      quoted(c.address ?? ''),
      names.get(c.categoryCode ?? '') ?? '',
      statusNames[c.status],
      chinaTime(c.closedAt),
      c.satisfaction ? satisfactionNames[c.satisfaction] : '',
    ].join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

/** `onecity events import FILE --json` in a process of its own, as a user runs it. */
async function onecityImport(file: string, url: string): Promise<ImportSummary> {
  const main = path.join(import.meta.dirname, '../../src/cli/main.ts');
  const { stdout } = await promisify(execFile)(process.execPath, [main, 'events', 'import', file, '--json'], {
    env: {
      ...process.env,
      LOG_LEVEL: 'silent',
      ONECITY_DEMO: 'none',
      DATABASE_URL: url,
      ONECITY_DATA_DIR: path.join(work, 'data'),
    },
    maxBuffer: 1 << 26,
  });
  return JSON.parse(stdout) as ImportSummary;
}

const rate = (n: number, seconds: number) => `${Math.round(n / seconds).toLocaleString('en')} rows/s`;

const dbName = `onecity_bench_events_import_${process.pid}`;
try {
  const file = path.join(work, 'cases.csv');
  let t = performance.now();
  console.log(`Generating ${rows.toLocaleString('en')} cases …`);
  await writeExport(file);
  console.log(
    `File: ${(fs.statSync(file).size / 1e6).toFixed(0)} MB, ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  // Migrated and seeded before the clock starts: the import's time is the import's.
  await promisify(execFile)(
    process.execPath,
    [path.join(import.meta.dirname, '../../src/cli/main.ts'), 'migrate'],
    {
      env: {
        ...process.env,
        LOG_LEVEL: 'silent',
        DATABASE_URL: url.toString(),
        ONECITY_DATA_DIR: path.join(work, 'data'),
      },
    },
  );

  t = performance.now();
  const summary = await onecityImport(file, url.toString());
  const importSeconds = (performance.now() - t) / 1000;
  console.log(
    `onecity events import:  ${rate(rows, importSeconds)} (${importSeconds.toFixed(1)} s in all, ${summary.seconds.toFixed(1)} s loading; ` +
      `${summary.loaded.toLocaleString('en')} loaded, ${summary.rejected} rejected, ${summary.skipped} skipped)`,
  );

  const bare = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await bare.unsafe(`create table bare_cases (${headers.map((_, i) => `c${i} text`).join(', ')})`);
    t = performance.now();
    await pipeline(
      fs.createReadStream(file),
      await bare.unsafe('copy bare_cases from stdin with (format csv, header true)').writable(),
    );
    const copySeconds = (performance.now() - t) / 1000;
    const [{ n }] = await bare<{ n: number }[]>`select count(*)::int as n from bare_cases`;
    console.log(`COPY into a plain table: ${rate(n, copySeconds)} (${copySeconds.toFixed(1)} s)`);
    console.log(
      `Ratio: the import runs at ${((copySeconds / importSeconds) * 100).toFixed(0)} % of raw COPY's rate (1 : ${(importSeconds / copySeconds).toFixed(1)})`,
    );
  } finally {
    await bare.end();
  }
} finally {
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  fs.rmSync(work, { recursive: true, force: true });
}
