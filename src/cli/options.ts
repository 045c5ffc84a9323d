import type { Command } from 'commander';
import pino from 'pino';
import { type Config, type ConfigKey, loadConfig, settings } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { type OpenOptions, openPlatform } from '../server/platform.ts';

/** Adds every setting's flag to a command (flags win over environment variables). */
export function withConfigOptions(command: Command): Command {
  for (const setting of Object.values(settings))
    command.option(`${setting.flag} <value>`, `${setting.help} [${setting.env}]`);
  return command;
}

/** The validated config from the environment and the command's flags. */
export function configFrom(command: Command): Config {
  const opts = command.opts() as Record<string, string | undefined>;
  const flags: Partial<Record<ConfigKey, string>> = {};
  for (const key of Object.keys(settings) as ConfigKey[]) if (opts[key] !== undefined) flags[key] = opts[key];
  return loadConfig(process.env, flags);
}

/** Runs `work` against the platform's modules, then closes the database. `options`: what opening skips. */
export async function withPlatform<T>(
  command: Command,
  work: (platform: Awaited<ReturnType<typeof openPlatform>>) => Promise<T>,
  options?: OpenOptions,
): Promise<T> {
  const config = configFrom(command);
  // What a command prints (its --json above all) is stdout's; the platform's log lines go to stderr.
  const logger = createLogger(config.logLevel, pino.destination({ fd: 2, sync: true }));
  const platform = await openPlatform(config, logger, options);
  try {
    return await work(platform);
  } finally {
    await platform.database.close();
  }
}

/** Prints a value as JSON or through a human formatter. */
export function output(json: boolean | undefined, value: unknown, human: () => void) {
  if (json) console.log(JSON.stringify(value, null, 2));
  else human();
}
