import type { Command } from 'commander';
import { systemCtx } from '../core/context.ts';
import { addImportCommand } from './events-import-command.ts';
import { output, withConfigOptions, withPlatform } from './options.ts';

/** `events …`: the case pipeline from the command line. */
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
  addImportCommand(events);
  return events;
}
