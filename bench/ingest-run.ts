// Runs one `onecity ingest` of a file in this process, as a user's command would, and prints its figures as
// JSON: seconds, counts, this process's peak RSS and its peak anonymous (private) RSS. Config comes from the
// environment.
// Usage: node bench/ingest-run.ts FILE RESOURCE
import fs from 'node:fs';
import { loadConfig } from '../src/core/config.ts';
import { systemCtx } from '../src/core/context.ts';
import { openPlatform } from '../src/server/platform.ts';

const [file, resource] = process.argv.slice(2);
// Opened as the CLI's ingest opens it: reference data loaded only into a new database, no license sync.
const { database, modules } = await openPlatform(loadConfig(process.env), undefined, { seed: false });
// Peak RSS covers the whole process, its start included: about 200 MB on PostgreSQL before any row is read (in
// some runs about 90 MB more, already at that point), with the Node binary and libraries mapped from disk. The
// anonymous part sampled while ingesting (heap, buffers, the key index, PGlite's memory) is what the ingest holds.
let peakAnonKb = 0;
const anonKb = () => Number(/RssAnon:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
const sampler = setInterval(() => {
  peakAnonKb = Math.max(peakAnonKb, anonKb());
}, 50);
const started = performance.now();
const batch = await modules.ingest.service.ingestFile(systemCtx('bench'), {
  resource: resource!,
  file: file!,
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakAnonKb = Math.max(peakAnonKb, anonKb());
console.log(
  JSON.stringify({
    seconds,
    inserted: batch.inserted,
    rejected: batch.rejected,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    peakAnonMb: Math.round(peakAnonKb / 1024),
  }),
);
// The registry merge that follows a committed batch is not part of this benchmark (bench/registry's job):
// stop here without waiting for it; its transaction is rolled back and the database is dropped anyway.
void database;
process.exit(0);
