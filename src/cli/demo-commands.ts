import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../core/errors.ts';
import { DEMO_SEED, type DemoScale, demoScales, generateDemo, loadDemo } from '../demo/index.ts';
import { configFrom, output, withConfigOptions, withPlatform } from './options.ts';

/** `demo [--scale small|full] [--seed N] [--out DIR]`: generate the demo district's files and load them. */
export function registerDemoCommands(program: Command) {
  withConfigOptions(
    program
      .command('demo')
      .description(
        "generate Wangcheng's departmental files (with realistic faults) and load them into the registries",
      ),
  )
    .option('--scale <scale>', 'small (5,000 people) or full (800,000 people)', 'small')
    .option('--seed <n>', 'seed of the generator: the same seed gives the same files', String(DEMO_SEED))
    .option('--out <dir>', 'where the files are written (default <data dir>/demo)')
    .option('--json', "print the registries' entity counts as JSON")
    .action(async (opts, command: Command) => {
      const scale = opts.scale as DemoScale;
      if (!(scale in demoScales))
        throw new InputError('invalid_input', 'Unknown scale', [{ field: 'scale', reason: 'invalid' }]);
      const seed = Number(opts.seed);
      if (!Number.isSafeInteger(seed) || seed < 0)
        throw new InputError('invalid_input', 'Bad seed', [{ field: 'seed', reason: 'invalid' }]);
      const config = configFrom(command);
      // Progress goes to stderr, so that --json leaves stdout to the result.
      const progress = (line: string) => process.stderr.write(`${line}\n`);
      const generated = await generateDemo({
        scale,
        seed,
        dir: opts.out ?? path.join(config.dataDir, 'demo'),
        onProgress: progress,
      });
      const loaded = await withPlatform(command, ({ modules }) =>
        loadDemo(modules, generated, { onProgress: progress }),
      );
      output(opts.json, loaded.stats, () => {
        console.log(`Demo district (${scale}, seed ${seed}) in ${generated.dir}`);
        for (const b of loaded.batches) {
          const reasons = Object.entries(b.rejectedByReason)
            .map(([reason, n]) => `${reason} ${n}`)
            .join(', ');
          console.log(
            `  ${b.fileName.padEnd(22)} batch ${b.batchId}: ${b.total} rows, ${b.accepted} accepted, ` +
              `${b.rejected} rejected${reasons ? ` (${reasons})` : ''}, ${b.duplicates} duplicates, ${b.warnings} with warnings`,
          );
        }
        console.log(`  e-licenses issued: ${loaded.licenses}`);
        console.log(
          `Generated in ${generated.seconds.toFixed(1)} s, loaded in ${loaded.seconds.toFixed(1)} s. Registries:`,
        );
        for (const [name, n] of Object.entries(loaded.stats)) console.log(`  ${name.padEnd(14)} ${n}`);
      });
    });
}
