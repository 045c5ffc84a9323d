// Runs one `onecity ingest` of a file in this process, as a user's command would, and prints its figures as
// JSON: seconds, counts and this process's peak RSS. Config comes from the environment.
// Usage: node bench/ingest-run.ts FILE RESOURCE
import { loadConfig } from '../src/core/config.ts';
import { systemCtx } from '../src/core/context.ts';
import { openPlatform } from '../src/server/app.ts';

const [file, resource] = process.argv.slice(2);
const { database, modules } = await openPlatform(loadConfig(process.env));
const started = performance.now();
const batch = await modules.ingest.service.ingestFile(systemCtx('bench'), {
  resource: resource!,
  file: file!,
});
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    seconds,
    inserted: batch.inserted,
    rejected: batch.rejected,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
// The registry merge that follows a committed batch is not part of this benchmark (bench/registry's job):
// stop here without waiting for it; its transaction is rolled back and the database is dropped anyway.
void database;
process.exit(0);
