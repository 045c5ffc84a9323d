import fs from 'node:fs';
import type { Command } from 'commander';
import { systemCtx } from '../core/context.ts';
import { DatabaseBusyError } from '../core/db.ts';
import { InputError } from '../core/errors.ts';
import { loadDistrict, pointNear } from '../demo/places.ts';
import { createRandom } from '../demo/random.ts';
import { driveFleet, type FleetDevice, generators } from '../modules/iot/index.ts';
import { configFrom, output, withConfigOptions, withPlatform } from './options.ts';

/** Who owns a simulation device of each profile. */
const owners: Record<string, string> = {
  lamppost: 'CGJ',
  manhole: 'CGJ',
  water_level: 'SLJ',
  dust: 'ZJJ',
  wim: 'JTYSJ',
};

const bad = (field: string, reason = 'invalid') =>
  new InputError('invalid_input', `Bad --${field}`, [{ field, reason }]);

/** A whole number option in [min, max], or undefined when absent; InputError naming the option otherwise. */
function intOption(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw bad(field);
  return n;
}

/** The top-level JSON values of a text: JSON lines, or pretty-printed values one after another. */
function jsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) {
      try {
        values.push(JSON.parse(text.slice(start, i + 1)));
      } catch {
        throw bad('tokens', 'not_json');
      }
    }
  }
  if (depth !== 0) throw bad('tokens', 'not_json');
  return values;
}

/**
 * The devices of a tokens file: {code, token[, profileCode]} per line (what --register writes), or what
 * `devices add --json` ({device, token}) and `devices import --json` ({tokens: [...]}) print.
 */
function readTokens(file: string, profile: string): FleetDevice[] {
  if (!fs.existsSync(file)) return [];
  const devices: FleetDevice[] = [];
  const take = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) take(v);
      return;
    }
    if (!value || typeof value !== 'object') throw bad('tokens', 'not_json');
    const row = value as {
      code?: unknown;
      token?: unknown;
      profileCode?: unknown;
      device?: unknown;
      tokens?: unknown;
    };
    if (Array.isArray(row.tokens)) {
      for (const v of row.tokens) take(v);
      return;
    }
    const device = (row.device ?? row) as { code?: unknown; profileCode?: unknown };
    if (typeof device.code !== 'string' || typeof row.token !== 'string')
      throw bad('tokens', 'no_code_or_token');
    const profileCode = typeof device.profileCode === 'string' ? device.profileCode : profile;
    devices.push({ code: device.code, token: row.token, profileCode });
  };
  for (const value of jsonValues(fs.readFileSync(file, 'utf8'))) take(value);
  return devices;
}

/**
 * `simulate --devices N --rate R [--url mqtt://…] [--profile P] [--duration S] [--tokens FILE] [--register]
 * [--topic-token] [--json]`: drives N devices over MQTT.
 */
export function registerSimulateCommand(program: Command) {
  withConfigOptions(
    program
      .command('simulate')
      .description('drive simulated devices over MQTT (ThingsBoard device API) for tests and benches'),
  )
    .requiredOption('--devices <n>', 'how many devices publish (one MQTT connection each)')
    .requiredOption('--rate <r>', 'messages per second, all devices together')
    .option('--url <url>', 'the broker (default: ONECITY_MQTT_URL, else mqtt://localhost:<mqtt port>)')
    .option(
      '--profile <code>',
      'the profile whose readings are sent: lamppost, manhole, water_level, dust, wim',
      'manhole',
    )
    .option('--duration <s>', 'stop after this many seconds (default: at Ctrl-C)')
    .option('--tokens <file>', 'JSON lines {code, token} of the devices (written to with --register)')
    .option(
      '--register',
      'register the devices SIM-00001… first (PostgreSQL, or PGlite with no server running)',
    )
    .option(
      '--topic-token',
      'publish to v1/devices/<token>/telemetry (an external broker that does not check tokens)',
    )
    .option('--json', 'print the counts as JSON')
    .action(async (opts, command: Command) => {
      const count = intOption(opts.devices, 'devices', 1, 1_000_000)!;
      const rate = Number(opts.rate);
      if (!Number.isFinite(rate) || rate <= 0 || rate > 1_000_000) throw bad('rate');
      const duration = intOption(opts.duration, 'duration', 1, 86_400 * 365);
      const profile = opts.profile as string;
      if (!generators[profile]) throw bad('profile', 'unknown');
      if (opts.url !== undefined && !/^(mqtts?|wss?|tcp):\/\/.+/.test(opts.url)) throw bad('url');
      if (!opts.tokens) throw bad('tokens', 'required');
      const config = configFrom(command);
      const url = opts.url ?? config.mqttUrl ?? `mqtt://localhost:${config.mqttPort ?? 1883}`;

      if (opts.register) await registerSimulationDevices(command, opts.tokens, profile, count);
      const devices = readTokens(opts.tokens, profile).slice(0, count);
      if (devices.length < count)
        throw new InputError(
          'simulate_too_few_tokens',
          `${opts.tokens} holds ${devices.length} tokens, not ${count}`,
          [{ field: 'tokens', reason: 'too_few' }],
          { file: opts.tokens, found: devices.length, wanted: count },
        );

      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const result = await driveFleet({
        url,
        devices,
        rate,
        ...(duration !== undefined && { durationMs: duration * 1000 }),
        topicToken: Boolean(opts.topicToken),
        signal: abort.signal,
        onProgress: (c, s) =>
          process.stderr.write(`${s}s: sent ${c.sent}, failed ${c.failed} (${c.connected} connected)\n`),
      });
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      output(opts.json, { url, devices: count, ...result }, () => {
        console.log(
          `${result.connected} of ${count} devices connected to ${url}` +
            (result.refused ? ` (${result.refused} refused)` : ''),
        );
        console.log(`sent ${result.sent}, failed ${result.failed} in ${result.seconds.toFixed(1)} s`);
      });
      if (result.connected === 0) {
        console.error(
          `No device could connect to ${url}: is the server running, and are the tokens its own?`,
        );
        process.exitCode = 1;
      } else if (result.failed > 0) process.exitCode = 1;
    });
}

/** Registers SIM-00001… (those not registered yet) and appends their tokens to `file`. */
async function registerSimulationDevices(command: Command, file: string, profile: string, count: number) {
  const district = await loadDistrict();
  const random = createRandom(count, 'simulate');
  try {
    const tokens = await withPlatform(command, async ({ modules }) => {
      const department = await modules.org.service.findDepartmentByCode(owners[profile]!);
      if (!department) throw new Error(`Department ${owners[profile]} does not exist`);
      const inputs = Array.from({ length: count }, (_, i) => {
        const [lng, lat] = pointNear(random, district, district.pickSubdistrict(random).centre);
        const code = `SIM-${String(i + 1).padStart(5, '0')}`;
        return {
          code,
          profileCode: profile,
          name: `模拟设备 ${code}`,
          lng,
          lat,
          departmentId: department.id,
        };
      });
      return modules.iot.simulator.register(systemCtx('simulate'), inputs);
    });
    fs.appendFileSync(
      file,
      tokens.map((t) => `${JSON.stringify({ ...t, profileCode: profile })}\n`).join(''),
    );
    process.stderr.write(`registered ${tokens.length} devices; tokens in ${file}\n`);
  } catch (error) {
    if (error instanceof DatabaseBusyError)
      throw new DatabaseBusyError(
        `${error.message}\n--register writes to the database: on the embedded database (PGlite) only while no server holds the data directory. Stop the server, register, start it again; or use PostgreSQL (ONECITY_DATABASE_URL), where the server may keep running.`,
      );
    throw error;
  }
}
