#!/usr/bin/env -S node --max-semi-space-size=16
import { Command } from 'commander';
import { ConfigError } from '../core/config.ts';
import { DatabaseBusyError } from '../core/db.ts';
import { DomainError } from '../core/errors.ts';
import { message } from '../core/messages.ts';
import { version } from '../server/version.ts';
import { registerAuditCommands } from './audit-commands.ts';
import { registerBriefingCommand } from './briefing-command.ts';
import { registerConfigCommands } from './config-commands.ts';
import { registerDemoCommands } from './demo-commands.ts';
import { registerDevicesCommands } from './devices-commands.ts';
import { registerEventsCommands } from './events-commands.ts';
import { registerIngestCommands } from './ingest-commands.ts';
import { registerRegistryCommands } from './registry-commands.ts';
import { registerSimulateCommand } from './simulate-command.ts';
import { registerUserCommands } from './user-commands.ts';

const program = new Command('onecity')
  .description('OneCity: the open platform of a Data Resource Center (数据资源中心)')
  .version(version);
registerConfigCommands(program);
registerUserCommands(program);
registerAuditCommands(program);
registerIngestCommands(program);
registerRegistryCommands(program);
registerDemoCommands(program);
registerEventsCommands(program);
registerDevicesCommands(program);
registerSimulateCommand(program);
registerBriefingCommand(program);

const commandNamespaces: Record<string, string> = {
  ingest: 'ingest',
  rejects: 'ingest',
  registry: 'registry',
  user: 'accounts',
  events: 'events',
  devices: 'iot',
  simulate: 'iot',
  briefing: 'ioc',
};

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures print one clear line; anything else shows its stack.
  if (error instanceof DomainError) {
    // The module whose messages the command's errors use, where two modules share a code.
    const ns = commandNamespaces[process.argv[2] ?? ''];
    const fields = error.fields.map(
      (f) => `${f.field}: ${message(f.reason, 'en', f.params, ns) ?? f.reason}`,
    );
    console.error(
      `Error: ${[message(error.code, 'en', error.params, ns) ?? error.message, ...fields].join('; ')}`,
    );
  } else if (error instanceof ConfigError || error instanceof DatabaseBusyError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
