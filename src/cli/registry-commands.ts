import type { Command } from 'commander';
import { output, withConfigOptions, withPlatform } from './options.ts';

/** `registry stats` and `registry get REGISTRY KEY`. */
export function registerRegistryCommands(program: Command) {
  const registry = program
    .command('registry')
    .description('base registries: population, legal_person, license, component');

  withConfigOptions(registry.command('stats').description('entities per registry'))
    .option('--json', 'print the result as JSON')
    .action(async (opts, command: Command) => {
      const stats = await withPlatform(command, ({ modules }) => modules.registry.service.stats());
      output(opts.json, stats, () => {
        for (const [name, n] of Object.entries(stats)) console.log(`${name.padEnd(14)} ${n}`);
      });
    });

  withConfigOptions(
    registry.command('get <registry> <key>').description('one merged entity with its provenance'),
  )
    .option('--as-of <date>', 'the version valid at this date or time (ISO 8601)')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, key: string, opts, command: Command) => {
      const asOf = opts.asOf ? new Date(opts.asOf) : undefined;
      const entity = await withPlatform(command, ({ modules }) =>
        modules.registry.service.get(name, key, asOf),
      );
      output(opts.json, entity, () => {
        for (const [item, value] of Object.entries(entity.values)) {
          const from = entity.provenance[item];
          console.log(
            `${item.padEnd(20)} ${value}${from ? `  ← ${from.source} #${from.batchId} (${from.rule})` : ''}`,
          );
        }
        for (const c of entity.conflicts)
          console.log(`conflict on ${c.item}: ${JSON.stringify(c.candidates)}`);
      });
    });
}
