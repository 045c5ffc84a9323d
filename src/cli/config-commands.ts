import type { Command } from 'commander';
import { describeConfig, settings } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { serve } from '../server/serve.ts';
import { configFrom, output, withConfigOptions, withPlatform } from './options.ts';

/** `serve` (the default), `migrate` and `config`. */
export function registerConfigCommands(program: Command) {
  withConfigOptions(
    program
      .command('serve', { isDefault: true })
      .description('run the console, the API and the jobs (default)'),
  ).action(async (_opts, command: Command) => {
    const config = configFrom(command);
    const logger = createLogger(config.logLevel);
    // The server's output is one format, JSON lines, so a log collector reads all of it. What an operator must see
    // at start (its address, the first admin password) is logged at info whatever the level.
    const notices = logger.child({}, { level: 'info' });
    try {
      await serve(config, logger, (line) => notices.info(line));
    } catch (err) {
      logger.fatal(
        { err },
        `the server could not start: ${err instanceof Error ? err.message : String(err)}`,
      );
      process.exitCode = 1;
    }
  });

  withConfigOptions(
    program.command('migrate').description('apply pending database migrations and load reference data'),
  )
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      const level = await withPlatform(command, ({ database }) => database.migrationLevel());
      output(opts.json, level, () =>
        console.log(`Migrations applied: ${level.applied}/${level.known} (latest ${level.latest})`),
      );
    });

  withConfigOptions(
    program.command('config').description('print the effective configuration, secrets hidden'),
  )
    .option('--json', 'print JSON')
    .action((opts, command: Command) => {
      const effective = describeConfig(configFrom(command));
      output(opts.json, effective, () => {
        for (const [key, value] of Object.entries(effective)) {
          const env = settings[key as keyof typeof settings]?.env;
          console.log(`${key.padEnd(20)} ${String(value ?? '(unset)').padEnd(40)} ${env ?? ''}`);
        }
      });
    });
}
