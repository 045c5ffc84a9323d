import type { Command } from 'commander';
import { roles, systemCtx } from '../core/context.ts';
import { InputError } from '../core/errors.ts';
import type { User } from '../modules/accounts/contract.ts';
import { output, withConfigOptions, withPlatform } from './options.ts';

const cli = () => systemCtx('cli');

function printUser(user: User, password: string | null) {
  console.log(`${user.username} (${user.displayName}) roles=${user.roles.join(',')} active=${user.active}`);
  if (password) console.log(`Password: ${password}  (shown once; must be changed at first sign-in)`);
}

/** `user add|passwd|list`. */
export function registerUserCommands(program: Command) {
  const user = program.command('user').description('manage accounts');

  withConfigOptions(user.command('add <username>').description('create an account'))
    .requiredOption('--name <displayName>', 'the person’s name as shown')
    .option('--department <code>', 'department code, e.g. SJZX')
    .option('--role <roles>', `comma-separated roles: ${roles.join(', ')}`, 'department_user')
    .option('--password <password>', 'initial password; generated and printed when omitted')
    .option('--id-number <id>', "a citizen's ID number, linking the account to their e-licenses")
    .option('--json', 'print JSON')
    .action(async (username: string, opts, command: Command) => {
      const result = await withPlatform(command, async ({ modules }) => {
        let departmentId: number | null = null;
        if (opts.department) {
          const department = await modules.org.service.findDepartmentByCode(opts.department);
          if (!department) {
            throw new InputError(
              'unknown_department',
              'Unknown department',
              [{ field: 'department', reason: 'invalid' }],
              { department: opts.department },
            );
          }
          departmentId = department.id;
        }
        const wanted = String(opts.role)
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        const unknown = wanted.filter((r) => !(roles as readonly string[]).includes(r));
        if (unknown.length) {
          throw new InputError('invalid_input', 'Unknown role', [
            { field: 'role', reason: 'invalid_value', params: { values: roles.join(', ') } },
          ]);
        }
        return modules.accounts.users.create(cli(), {
          username,
          displayName: opts.name,
          departmentId,
          roles: wanted as User['roles'],
          password: opts.password,
          ...(opts.idNumber && { idNumber: opts.idNumber }),
        });
      });
      output(opts.json, result, () => printUser(result.user, result.password));
    });

  withConfigOptions(
    user.command('passwd <username>').description('set a new password for an account (unlocks it too)'),
  )
    .option('--password <password>', 'the new password; generated and printed when omitted')
    .option('--json', 'print JSON')
    .action(async (username: string, opts, command: Command) => {
      const result = await withPlatform(command, async ({ modules }) => {
        const found = await modules.accounts.users.getByUsername(cli(), username);
        return modules.accounts.users.resetPassword(cli(), found.id, opts.password);
      });
      output(opts.json, result, () => printUser(result.user, result.password));
    });

  withConfigOptions(user.command('list').description('list accounts'))
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      const users = await withPlatform(command, async ({ modules }) => {
        const all: User[] = [];
        for (let page = 1; ; page++) {
          const { items, total } = await modules.accounts.users.list(cli(), {
            page,
            pageSize: 200,
            sort: 'username',
          });
          all.push(...items);
          if (all.length >= total || items.length === 0) return all;
        }
      });
      output(opts.json, users, () => {
        for (const u of users) {
          console.log(
            `${u.username.padEnd(20)} ${u.displayName.padEnd(12)} ${u.roles.join(',').padEnd(24)} ${u.active ? 'active' : 'disabled'}${u.locked ? ' locked' : ''}`,
          );
        }
      });
    });
}
