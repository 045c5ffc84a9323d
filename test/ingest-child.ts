// Test support: runs one ingest in this process and prints "progress N" as rows are read,
// so a test can kill it mid-batch. Usage: node test/ingest-child.ts FILE RESOURCE (config from the environment).
import { loadConfig } from '../src/core/config.ts';
import { systemCtx } from '../src/core/context.ts';
import { openPlatform } from '../src/server/platform.ts';

const [file, resource] = process.argv.slice(2);
const { modules } = await openPlatform(loadConfig(process.env), undefined, { seed: false }); // as the CLI's ingest
await modules.ingest.service.ingestFile(systemCtx('test'), {
  resource: resource!,
  file: file!,
  onProgress: (rows) => console.log(`progress ${rows}`),
});
console.log('done');
