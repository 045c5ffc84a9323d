import type { Command } from 'commander';
import type { VerifyResult } from '../modules/audit/contract.ts';
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
      output(opts.json, result, () => console.log(verifyReport(result)));
      if (!result.ok) process.exitCode = 1;
    });
}

/** What `audit verify` prints. */
export function verifyReport(result: VerifyResult): string {
  const key = result.publicKey
    ? `\nCheckpoints checked: ${result.checkpoints}, signed by the audit key ${result.publicKey}`
    : '';
  if (result.ok) return `Audit log intact: ${result.checked} entries checked.${key}`;
  if (result.truncatedAfter !== null)
    return `Audit log TRUNCATED after entry ${result.truncatedAfter}: ${result.reason}${key}`;
  if (result.brokenAt === null) return `Audit log checkpoints BROKEN: ${result.reason}${key}`;
  return `Audit log BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.checked} entries before it are intact).${key}`;
}
