import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { systemCtx } from '../core/context.ts';
import { DomainError, InputError } from '../core/errors.ts';
import { message } from '../core/messages.ts';
import { type BriefingDocumentFormat, briefingDocumentFormats } from '../modules/ioc/contract.ts';
import { briefingPeriodAsOf } from '../modules/ioc/index.ts';
import { output, withConfigOptions, withPlatform } from './options.ts';

/** Exit status of a command called wrongly (a bad period or format), as shells and getopt use it. */
const USAGE = 2;

/** The period and format flags checked before the database is opened; an InputError names the bad one. */
function checkFlags(opts: { period: string; format?: string; out: string }, now = new Date()) {
  const period = briefingPeriodAsOf(opts.period, now, true);
  const format = (opts.format ?? path.extname(opts.out).slice(1).toLowerCase()) || 'pdf';
  if (!(briefingDocumentFormats as readonly string[]).includes(format))
    throw new InputError('invalid_input', 'Bad --format', [
      { field: 'format', reason: 'invalid_value', params: { values: briefingDocumentFormats.join(', ') } },
    ]);
  return { period, format: format as BriefingDocumentFormat };
}

/** One line naming what was wrong with the flags, in English (the CLI's language). */
function usageError(error: DomainError): string {
  const fields = error.fields.map(
    (f) => `--${f.field}: ${message(f.reason, 'en', f.params, 'ioc') ?? f.reason}`,
  );
  return `Error: ${fields.length ? fields.join('; ') : (message(error.code, 'en', error.params, 'ioc') ?? error.message)}`;
}

/**
 * `briefing`: makes the operations briefing (运营管理简报) of a week or a month, keeps it in the archive as the
 * console's 生成简报 does, and writes it as DOCX or PDF; `--json` prints the figures it was written from.
 */
export function registerBriefingCommand(program: Command) {
  withConfigOptions(
    program
      .command('briefing')
      .description('make the operations briefing (运营管理简报) of a week or a month as DOCX or PDF'),
  )
    .requiredOption('--period <period>', 'an ISO week, 2026-W49, or a month, 2026-11 (China time)')
    .requiredOption('--out <file>', 'where to write the document')
    .option('--format <format>', 'docx or pdf (default: from the file name, else pdf)')
    .option('--json', 'print the figures the briefing was written from, as JSON')
    .action(
      async (opts: { period: string; out: string; format?: string; json?: boolean }, command: Command) => {
        let flags: ReturnType<typeof checkFlags>;
        try {
          flags = checkFlags(opts);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          console.error(usageError(error));
          process.exitCode = USAGE;
          return;
        }
        const ctx = systemCtx('cli');
        const made = await withPlatform(command, async ({ modules }) => {
          const briefing = await modules.ioc.briefings.generate(ctx, flags.period.code, 'manual');
          const [document, detail] = await Promise.all([
            modules.ioc.briefings.document(ctx, briefing.id, flags.format),
            modules.ioc.briefings.get(ctx, briefing.id),
          ]);
          return { briefing, bytes: document.bytes, figures: detail.figures };
        });
        fs.writeFileSync(opts.out, made.bytes);
        output(opts.json, made.figures, () =>
          console.log(
            `${made.briefing.number}  ${made.figures.title}  → ${opts.out} (${flags.format.toUpperCase()}, ${made.bytes.length} bytes; archive #${made.briefing.id})`,
          ),
        );
      },
    );
}
