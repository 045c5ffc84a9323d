// Benchmark: generating the operations briefing (DOCX and PDF) of a week and of a month on PostgreSQL with a year
// of cases (1,000,000 by default, the full demo's) and a busy sharing API (calls over the last 60 days), against
// the events statistics query of the same period measured in the same run (the figure every briefing needs at
// least). A fresh database is made (dropped at the end unless --keep); the history is generated in SQL. Each
// measure is the median of --runs runs (default 3), in-process through the services. Target: < 30 s a briefing.
// Usage: npm run bench:ioc-briefing -- [--cases 1000000] [--calls 2000000] [--runs 3] [--keep]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { loadConfig } from '../../src/core/config.ts';
import { systemCtx } from '../../src/core/context.ts';
import { createLogger } from '../../src/core/logger.ts';
import { briefingPeriodAt } from '../../src/modules/ioc/index.ts';
import { openPlatform } from '../../src/server/platform.ts';
import { generateCases } from '../events/generate-cases.ts';

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const caseCount = Number(argument('--cases') ?? 1_000_000);
const callCount = Number(argument('--calls') ?? 2_000_000);
const runs = Number(argument('--runs') ?? 3);
const TARGET_S = 30;
const serverUrl = process.env.ONECITY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'onecity_bench_ioc_briefing';
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-bench-briefing-'));

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${dbName} with (force)`);
await admin.unsafe(`create database ${dbName}`);
await admin.end();

const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
const config = loadConfig({
  DATABASE_URL: url.toString(),
  ONECITY_DATA_DIR: work,
  LOG_LEVEL: 'silent',
  ONECITY_DEMO: 'none',
});
const rows: { name: string; seconds: number; baseline?: number; target?: boolean }[] = [];
try {
  (await openPlatform(config)).database.close();
  const now = new Date();
  const generated = await generateCases(sql, caseCount, now);
  const casesMade = performance.now();
  console.log(
    `Generated ${caseCount.toLocaleString()} cases over the year in ${(generated / 1000).toFixed(1)} s`,
  );
  const started = performance.now();
  await generateCalls(callCount, now);
  console.log(
    `Generated ${callCount.toLocaleString()} sharing API calls over 60 days in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // The statistics' rollups recount the days of cases changed in the 30 s before their last refresh: the history
  // is let settle that long, so the baseline measures a read, not a recount of the year.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 31_000 - (performance.now() - casesMade))));
  const { database, modules } = await openPlatform(config, createLogger('silent'));
  try {
    const ctx = systemCtx('bench');
    const week = briefingPeriodAt('weekly', now).previous;
    const month = briefingPeriodAt('monthly', now).previous;
    const built = performance.now();
    await modules.events.stats.statistics(ctx, {});
    console.log(
      `First statistics read (builds the rollups of every case, once): ${((performance.now() - built) / 1000).toFixed(1)} s\n`,
    );
    for (const [kind, period] of [
      ['weekly', week],
      ['monthly', month],
    ] as const) {
      const figures = await modules.ioc.briefings.figures(ctx, period);
      const baseline = await median(() =>
        modules.events.stats.statistics(ctx, { from: figures.from, to: figures.to }),
      );
      rows.push({ name: `baseline: events statistics of ${period}`, seconds: baseline });
      rows.push({
        name: `${kind} figures only (${period})`,
        seconds: await median(() => modules.ioc.briefings.figures(ctx, period)),
        baseline,
      });
      rows.push({
        name: `${kind} briefing, DOCX + PDF, archived (${period})`,
        seconds: await median(() => modules.ioc.briefings.generate(ctx, period)),
        baseline,
        target: true,
      });
      console.log(
        `${period}: received ${figures.cases.received.value.toLocaleString()}, closed ${figures.cases.closed.value.toLocaleString()}, sharing calls ${figures.sharing.calls.value.toLocaleString()}`,
      );
    }
  } finally {
    await database.close();
  }

  console.log(
    `\n${'measure'.padEnd(58)}${'seconds'.padStart(9)}${'× baseline'.padStart(12)}   target < ${TARGET_S} s`,
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(58)}${r.seconds.toFixed(2).padStart(9)}${(r.baseline ? (r.seconds / r.baseline).toFixed(1) : '').padStart(12)}   ${r.target ? (r.seconds < TARGET_S ? 'met' : 'MISSED') : r.baseline ? '' : '(baseline)'}`,
    );
} finally {
  await sql.end();
  if (!process.argv.includes('--keep')) {
    const drop = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await drop.unsafe(`drop database if exists ${dbName} with (force)`);
    await drop.end();
  }
  fs.rmSync(work, { recursive: true, force: true });
}

/** The median of `runs` runs of `work`, in seconds (after one run to warm up). */
async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push((performance.now() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** `count` logged sharing API calls over the 60 days before `now`, by the departments, mostly served. */
async function generateCalls(count: number, now: Date) {
  await sql`
    with d as (select array_agg(id order by id) as ids, count(*)::int as n from org.departments where kind = 'department')
    insert into sharing.calls (at, key_id, consumer_department_id, resource_id, endpoint, rows, outcome, status, ms)
    select ${now}::timestamptz - random() * interval '60 days', 'ak_bench',
           d.ids[1 + floor(power(random(), 1.5) * d.n)::int], 1, 'get', 1,
           case when random() < 0.97 then 'ok' else 'no_grant' end, 200, 3
    from generate_series(1, ${count}::int), d`;
  await sql`vacuum analyze sharing.calls`;
}
