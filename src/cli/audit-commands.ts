import type { Command } from 'commander';
import { output, withConfigOptions, withPlatform } from './options.ts';

/** `audit verify`. */
export function registerAuditCommands(program: Command) {
  const audit = program.command('audit').description('the audit log');
  withConfigOptions(
    audit.command('verify').description('check the hash chain of the audit log; exits 1 when broken'),
  )
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      const result = await withPlatform(command, ({ modules }) => modules.audit.service.verify());
      output(opts.json, result, () =>
        console.log(
          result.ok
            ? `Audit log intact: ${result.checked} entries checked.`
            : `Audit log BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.checked} entries before it are intact).`,
        ),
      );
      if (!result.ok) process.exitCode = 1;
    });
}
