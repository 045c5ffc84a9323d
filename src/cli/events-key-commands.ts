import type { Command } from 'commander';
import { systemCtx } from '../core/context.ts';
import { InputError } from '../core/errors.ts';
import { output, withConfigOptions, withPlatform } from './options.ts';

/** `events keys …`: the keys Open311 clients post cases with (made, listed, revoked). */
export function addKeyCommands(events: Command) {
  const keys = events.command('keys').description('Open311 API keys for outside systems');
  withConfigOptions(keys.command('add').description('make a key; it is printed this once and never stored'))
    .requiredOption('--name <name>', 'who the key is for (a system or an app)')
    .option('--json', 'print JSON')
    .action(async (opts: { name: string; json?: boolean }, command: Command) => {
      const made = await withPlatform(command, ({ modules }) =>
        modules.events.keys.create(systemCtx('cli'), { name: opts.name }),
      );
      output(opts.json, { apiKey: made.apiKey, key: made.key }, () => {
        console.log(`Key ${made.key.id} for ${made.key.name} (shown this once; store it now):`);
        console.log(made.apiKey);
      });
    });
  withConfigOptions(keys.command('list').description('list the keys (never the keys themselves)'))
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const items = await withPlatform(command, ({ modules }) => modules.events.keys.list(systemCtx('cli')));
      output(opts.json, { items }, () => {
        for (const k of items)
          console.log(
            `${String(k.id).padStart(4)}  ${k.prefix}…  ${k.name}  ${k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? '—'}`}`,
          );
      });
    });
  withConfigOptions(
    keys.command('revoke <id>').description('revoke a key: calls with it are refused from now on'),
  )
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, command: Command) => {
      if (!/^\d{1,9}$/.test(id))
        throw new InputError('invalid_input', 'Bad key id', [{ field: 'id', reason: 'invalid' }]);
      const key = await withPlatform(command, ({ modules }) =>
        modules.events.keys.revoke(systemCtx('cli'), Number(id)),
      );
      output(opts.json, key, () => console.log(`Key ${key.id} (${key.name}) revoked at ${key.revokedAt}`));
    });
  return keys;
}
