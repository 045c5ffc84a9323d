import fs from 'node:fs';
import type { Command } from 'commander';
import { systemCtx } from '../core/context.ts';
import { message } from '../core/messages.ts';
import { output, withConfigOptions, withPlatform } from './options.ts';

// How many rejected rows `--json` prints; `--rejects FILE` writes them all.
const SHOWN_REJECTS = 50;

/** `events import FILE`: loads a former system's cases (CSV, XLSX, JSONL) and says what it did with each row. */
export function addImportCommand(events: Command) {
  withConfigOptions(
    events
      .command('import <file>')
      .description("load a former system's cases (CSV in UTF-8 or GBK, XLSX, JSONL); bad rows are listed"),
  )
    .option('--rejects <file>', 'write every rejected row (row, field, reason, value) to this JSONL file')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts, command: Command) => {
      const progress = process.stderr.isTTY && !opts.json;
      const summary = await withPlatform(command, ({ modules }) =>
        modules.events.imports.importFile(systemCtx('cli'), file, {
          onProgress: progress
            ? (rows) => process.stderr.write(`\r已读取 read ${rows.toLocaleString()} rows`)
            : undefined,
        }),
      );
      if (progress) process.stderr.write('\n');
      if (opts.rejects)
        fs.writeFileSync(opts.rejects, summary.rejects.map((r) => `${JSON.stringify(r)}\n`).join(''));
      const { rejects, ...counts } = summary;
      output(opts.json, { ...counts, rejects: rejects.slice(0, SHOWN_REJECTS) }, () => {
        console.log(
          `${summary.file}: ${summary.total} rows, ${summary.loaded} loaded, ${summary.skipped} already there, ` +
            `${summary.rejected} rejected, ${summary.seconds.toFixed(1)} s`,
        );
        for (const r of rejects.slice(0, SHOWN_REJECTS))
          console.log(
            `  row ${r.row}  ${r.field}: ${message(r.reason, 'zh-CN', {}, 'events')}${r.value ? ` (${r.value})` : ''}`,
          );
        if (rejects.length > SHOWN_REJECTS)
          console.log(`  … ${summary.rejected - SHOWN_REJECTS} more (--rejects FILE lists them all)`);
      });
    });
}
