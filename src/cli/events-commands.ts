import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { systemCtx } from '../core/context.ts';
import { InputError } from '../core/errors.ts';
import { classifyLine, departmentOfCategory, loadClassifier } from '../modules/events/index.ts';
import { addImportCommand } from './events-import-command.ts';
import { addKeyCommands } from './events-key-commands.ts';
import { output, withConfigOptions, withPlatform } from './options.ts';

/** `events …`: the case pipeline from the command line (`classify` needs no database). */
export function registerEventsCommands(program: Command) {
  const events = program.command('events').description('city events and work orders (工单)');
  withConfigOptions(events.command('get <number>').description('print a case with its clock and its history'))
    .option('--json', 'print JSON')
    .action(async (number: string, opts, command: Command) => {
      const printed = await withPlatform(command, async ({ modules }) => {
        const c = await modules.events.cases.get(systemCtx('cli'), number);
        const departments = await modules.org.service.departmentDirectory();
        const { steps, categoryCode, departmentId, departmentName, ...rest } = c;
        return {
          ...rest,
          category: categoryCode,
          department: departmentId ? (departments.byId.get(departmentId)?.code ?? null) : null,
          departmentName,
          history: steps,
        };
      });
      output(opts.json, printed, () => {
        console.log(
          `${printed.number}  ${printed.status}  ${printed.categoryName ?? '—'}  ${printed.departmentName ?? '—'}`,
        );
        console.log(`received ${printed.receivedAt}  due ${printed.dueAt ?? '—'}  (${printed.clock.state})`);
        console.log(printed.content);
        for (const s of printed.history)
          console.log(`  ${s.at}  ${s.action.padEnd(18)} ${s.actorName}${s.note ? `: ${s.note}` : ''}`);
      });
    });
  addKeyCommands(events);
  events
    .command('classify [text]')
    .description(
      'propose the three likeliest case categories of an appeal text, or of each line of a JSONL file',
    )
    .option('--input <file>', 'JSON Lines, one {"id","text","address"?} a line ("-" for standard input)')
    .option('--json', 'print JSON')
    .action(async (text: string | undefined, opts: { input?: string; json?: boolean }) => {
      if ((text === undefined) === (opts.input === undefined))
        throw new InputError('classify_text_or_input', 'Give either a TEXT or --input FILE, not both', [
          {
            field: text === undefined ? 'text' : 'input',
            reason: text === undefined ? 'required' : 'invalid',
          },
        ]);
      const classifier = loadClassifier();
      if (text !== undefined) {
        const { top } = classifier.classify(text);
        const best = top[0]!.category;
        if (opts.json)
          console.log(
            JSON.stringify({ category: best, department: departmentOfCategory(best), top }, null, 2),
          );
        else
          for (const [i, g] of top.entries())
            console.log(
              `${i + 1}. ${g.category} (${departmentOfCategory(g.category)})  ${g.score.toFixed(4)}`,
            );
        return;
      }
      process.exitCode = (await classifyFile(opts.input!, classifier, Boolean(opts.json))) ? 1 : 0;
    });
  addImportCommand(events);
  return events;
}

/**
 * Classifies each line of `file` to standard output, one JSON line per input line. A bad line is reported (in
 * the output with --json, else on standard error) and the rest go on; returns how many failed.
 */
async function classifyFile(file: string, classifier: ReturnType<typeof loadClassifier>, json: boolean) {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const opened = new Promise<void>((resolve, reject) => {
    if (file === '-') resolve();
    else input.once('open', () => resolve()).once('error', reject);
  });
  await opened.catch((error: NodeJS.ErrnoException) => {
    const reason = error.code ?? error.message;
    throw new InputError('classify_input_unreadable', `Cannot read ${file}: ${reason}`, [], { file, reason });
  });
  let failed = 0;
  let line = 0;
  for await (const raw of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    const result = classifyLine(classifier, line++ === 0 ? raw.replace(/^\uFEFF/, '') : raw, line);
    if (!result) continue;
    if ('error' in result) {
      failed++;
      if (json) console.log(JSON.stringify(result));
      else console.error(`Error: ${result.error}`);
    } else console.log(JSON.stringify(result));
  }
  if (failed && !json) console.error(`${failed} line(s) failed`);
  return failed;
}
