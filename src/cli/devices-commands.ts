import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemCtx } from '../core/context.ts';
import { InputError } from '../core/errors.ts';
import { deviceStatuses } from '../modules/iot/contract.ts';
import { output, withConfigOptions, withPlatform } from './options.ts';

const cli = () => systemCtx('cli');

/** A number flag, or an InputError naming it. */
function numberFlag(field: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new InputError('invalid_input', `Bad --${field}`, [{ field, reason: 'not_a_number' }]);
  return n;
}

/** `--attr key=value` flags gathered into attributes (numbers where they read as numbers). */
function collectAttr(pair: string, all: Record<string, unknown>) {
  const at = pair.indexOf('=');
  if (at < 1)
    throw new InputError('invalid_input', 'Use --attr key=value', [{ field: 'attr', reason: 'invalid' }]);
  const value = pair.slice(at + 1);
  all[pair.slice(0, at)] = value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  return all;
}

/** `devices …`: the sensing devices' registry from the command line, as the CLI's system actor (the center). */
export function registerDevicesCommands(program: Command) {
  const devices = program
    .command('devices')
    .description('sensing devices (感知设备): register, list, tokens');

  withConfigOptions(
    devices.command('add').description('register a device; its access token is printed this once'),
  )
    .requiredOption('--profile <code>', 'device profile (设备类型), e.g. manhole, water_level')
    .requiredOption('--code <code>', 'device code: letters, digits, - _ .')
    .requiredOption('--lon <lng>', 'longitude (WGS-84)')
    .requiredOption('--lat <lat>', 'latitude (WGS-84)')
    .option('--name <name>', 'name shown in the console (default: the code)')
    .option('--department <code>', 'owning department code, e.g. CGJ')
    .option('--component <code>', 'city component (部件) code it is fitted to')
    .option('--installed-on <date>', 'installation date, YYYY-MM-DD')
    .option('--attr <key=value>', 'an attribute of the profile (repeat)', collectAttr, {})
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      const made = await withPlatform(command, async ({ modules }) => {
        let departmentId: number | undefined;
        if (opts.department) {
          const department = await modules.org.service.findDepartmentByCode(opts.department);
          if (!department)
            throw new InputError('invalid_input', 'Unknown department', [
              { field: 'department', reason: 'unknown_department', params: { department: opts.department } },
            ]);
          departmentId = department.id;
        }
        const { code, token } = await modules.iot.devices.register(cli(), {
          code: opts.code,
          profileCode: opts.profile,
          name: opts.name ?? opts.code,
          lng: numberFlag('lon', opts.lon),
          lat: numberFlag('lat', opts.lat),
          departmentId,
          componentCode: opts.component,
          installedOn: opts.installedOn,
          ...(Object.keys(opts.attr).length && { attributes: opts.attr }),
        });
        return { device: await modules.iot.devices.detail(cli(), code), token };
      });
      output(opts.json, made, () => {
        const d = made.device;
        console.log(
          `${d.code}  ${d.profileName}  ${d.name}  ${d.departmentName ?? '—'}  ${d.subdistrictName ?? '—'}`,
        );
        console.log('Access token (shown this once; store it now):');
        console.log(made.token);
      });
    });

  withConfigOptions(devices.command('list').description('list devices'))
    .option('--profile <code>', 'only this profile')
    .option('--status <status>', `only this status (${deviceStatuses.join(', ')})`)
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      if (opts.status && !(deviceStatuses as readonly string[]).includes(opts.status))
        throw new InputError('invalid_input', 'Bad --status', [
          { field: 'status', reason: 'invalid_value', params: { values: deviceStatuses.join(', ') } },
        ]);
      const items = await withPlatform(command, async ({ modules }) => {
        const all = [];
        for (let page = 1; ; page++) {
          const got = await modules.iot.devices.list(cli(), {
            profile: opts.profile,
            status: opts.status,
            page,
            pageSize: 500,
            sort: 'code',
          });
          all.push(...got.items);
          if (all.length >= got.total || !got.items.length) return all;
        }
      });
      output(opts.json, { items }, () => {
        for (const d of items)
          console.log(
            `${d.code.padEnd(20)} ${d.profileCode.padEnd(12)} ${d.status.padEnd(8)} ${d.departmentName ?? '—'}  ${d.name}  last seen ${d.lastSeenAt ?? '—'}`,
          );
      });
    });

  withConfigOptions(
    devices
      .command('rotate-token <code>')
      .description('give a device a new token (the old one stops working)'),
  )
    .option('--json', 'print JSON')
    .action(async (code: string, opts: { json?: boolean }, command: Command) => {
      const { token } = await withPlatform(command, ({ modules }) =>
        modules.iot.devices.rotateToken(cli(), code),
      );
      output(opts.json, { code, token }, () => {
        console.log(`New access token of ${code} (shown this once; store it now):`);
        console.log(token);
      });
    });

  withConfigOptions(
    devices.command('retire <code>').description('retire a device: its token stops working, its data stays'),
  )
    .requiredOption('--reason <reason>', 'why (recorded in the audit log)')
    .option('--json', 'print JSON')
    .action(async (code: string, opts: { reason: string; json?: boolean }, command: Command) => {
      const device = await withPlatform(command, async ({ modules }) => {
        await modules.iot.devices.retire(cli(), code, opts.reason);
        return modules.iot.devices.detail(cli(), code);
      });
      output(opts.json, device, () => console.log(`${device.code} retired`));
    });

  withConfigOptions(
    devices.command('import <file>').description('register or update devices from an XLSX workbook'),
  )
    .option('--dry-run', 'check and count only; write nothing')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }, command: Command) => {
      const workbook = await readFile(file);
      const result = await withPlatform(command, ({ modules }) =>
        modules.iot.devices.importXlsx(cli(), workbook, { dryRun: opts.dryRun }),
      );
      if (result.errors.length) process.exitCode = 1;
      output(opts.json, result, () => {
        for (const e of result.errors) console.log(`${e.sheet} row ${e.row}, ${e.field}: ${e.reason}`);
        if (result.errors.length) console.log(`${result.errors.length} problems; nothing written`);
        else
          console.log(
            `${opts.dryRun ? 'Would create' : 'Created'} ${result.created}, ${opts.dryRun ? 'would update' : 'updated'} ${result.updated}`,
          );
        if (result.tokens?.length) {
          console.log('Access tokens of the new devices (shown this once; store them now):');
          for (const t of result.tokens) console.log(`${t.code}\t${t.token}`);
        }
      });
    });
}
