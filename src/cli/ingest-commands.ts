import type { Command } from 'commander';
import { systemCtx } from '../core/context.ts';
import { InputError } from '../core/errors.ts';
import type { Batch } from '../modules/ingest/contract.ts';
import { parseMapOption } from '../modules/ingest/index.ts';
import { output, withConfigOptions, withPlatform } from './options.ts';

/**
 * Opens the platform as `ingest` and `rejects` need it: a batch needs the reference data (departments, resources)
 * but not loading it again, nor a license sync (see OpenOptions); registry merges still run.
 */
function withBatchPlatform<T>(command: Command, work: Parameters<typeof withPlatform<T>>[1]) {
  return withPlatform(command, work, { seed: false });
}

// What `ingest --json` prints besides the batch id (a contract: scripts rely on these names).
const summaryFields = [
  'total',
  'accepted',
  'rejected',
  'duplicates',
  'inserted',
  'updated',
  'unchanged',
  'warnings',
  'rejectedByReason',
  'seconds',
] as const;

/**
 * What `ingest --json` prints: the batch's counts; the registry merge when the resource feeds one (`seconds` is
 * aggregation's, `merge.seconds` the merge's); and `totalSeconds`, file to registry. The bench reads it too.
 */
export type IngestSummary = { [F in (typeof summaryFields)[number]]: Batch[F] } & {
  batchId: number;
  merge: {
    keys: number;
    changed: number;
    conflicts: number;
    seconds: number;
    steps: Record<string, number>;
  } | null;
  totalSeconds: number;
};

/** `ingest FILE --into RESOURCE` and `rejects BATCH_ID`. */
export function registerIngestCommands(program: Command) {
  withConfigOptions(
    program
      .command('ingest <file>')
      .description('load a CSV (UTF-8/GBK/GB18030), XLSX, JSON or NDJSON file into a resource'),
  )
    .requiredOption('--into <resource>', 'resource code, or population, legal_person, license, component')
    .option('--source <department>', 'code of the department that delivered the file')
    .option('--map <pairs>', 'column mapping overrides: "列名=item,列名2=item2"')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts, command: Command) => {
      const ctx = systemCtx('cli');
      const progress = process.stderr.isTTY && !opts.json;
      let started = 0;
      const batch = await withBatchPlatform(command, async ({ modules }) => {
        let sourceDepartmentId: number | null = null;
        if (opts.source) {
          const department = await modules.org.service.findDepartmentByCode(opts.source);
          if (!department)
            throw new InputError(
              'unknown_department',
              'Unknown department',
              [{ field: 'source', reason: 'invalid' }],
              { department: opts.source },
            );
          sourceDepartmentId = department.id;
        }
        started = performance.now();
        const loaded = await modules.ingest.service.ingestFile(ctx, {
          resource: opts.into,
          file,
          mapping: opts.map ? parseMapOption(opts.map) : undefined,
          sourceDepartmentId,
          onProgress: progress
            ? (rows) => process.stderr.write(`\r已处理 processed ${rows.toLocaleString()} rows`)
            : undefined,
        });
        if (progress) process.stderr.write('\n');
        // The registry merge of the batch (a resource that feeds one) runs after it committed: wait for it, since
        // the load is not done for the user until the registry has it.
        await modules.ingest.service.idle();
        return modules.ingest.service.get(ctx, loaded.id);
      });
      const merge = batch.merge?.status === 'done' ? batch.merge : null;
      const result = {
        batchId: batch.id,
        ...Object.fromEntries(summaryFields.map((f) => [f, batch[f]])),
        merge: merge && {
          keys: merge.keys,
          changed: merge.changed,
          conflicts: merge.conflicts,
          seconds: merge.seconds,
          steps: merge.steps ?? {},
        },
        totalSeconds: (performance.now() - started) / 1000,
      } as IngestSummary;
      output(opts.json, result, () => {
        const r = result;
        console.log(
          `Batch ${r.batchId}: ${r.total} rows, ${r.accepted} accepted (${r.inserted} inserted, ${r.updated} updated, ` +
            `${r.unchanged} unchanged, ${r.duplicates} duplicates), ${r.rejected} rejected, ${r.warnings} with warnings, ${r.seconds?.toFixed(1)} s`,
        );
        if (r.merge)
          console.log(
            `Registry merge: ${r.merge.keys} keys, ${r.merge.changed} changed, ${r.merge.conflicts} new conflicts, ${r.merge.seconds.toFixed(1)} s; ${r.totalSeconds.toFixed(1)} s in all`,
          );
        else if (batch.merge?.status === 'failed')
          console.log('Registry merge failed: it is done again at the next start');
        for (const [reason, n] of Object.entries(r.rejectedByReason).sort((a, b) => b[1] - a[1]))
          console.log(`  ${reason.padEnd(22)} ${n}`);
        if (r.rejected) console.log(`Rejected rows: npx onecity rejects ${r.batchId}`);
      });
    });

  withConfigOptions(
    program.command('rejects <batchId>').description('list the rows a batch rejected, with reasons'),
  )
    .option('--json', 'print JSON')
    .action(async (batchId: string, opts, command: Command) => {
      const id = Number(batchId);
      if (!Number.isInteger(id) || id <= 0)
        throw new InputError('invalid_input', 'Bad batch id', [{ field: 'batchId', reason: 'invalid' }]);
      const rows = await withBatchPlatform(command, async ({ modules }) => {
        // Contract: `row`, `reasons` (codes) and `raw` (values by column, in the file's order); `fields` says which
        // item and column each reason came from.
        const all: {
          row: number;
          reasons: string[];
          fields: { reason: string; item: string; column: string | null }[];
          raw: Record<string, string>;
        }[] = [];
        for (let page = 1; ; page++) {
          const { items, total } = await modules.ingest.service.issues(systemCtx('cli'), id, {
            kind: 'rejected',
            page,
            pageSize: 1000,
          });
          all.push(...items.map(({ row, reasons, fields, raw }) => ({ row, reasons, fields, raw })));
          if (all.length >= total || items.length === 0) return all;
        }
      });
      output(opts.json, rows, () => {
        for (const r of rows)
          console.log(
            `${String(r.row).padStart(8)}  ${r.reasons.join(',').padEnd(30)} ${JSON.stringify(r.raw)}`,
          );
      });
    });
}
