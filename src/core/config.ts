import path from 'node:path';
import { z } from 'zod';

/** One setting: its environment variable, CLI flag, and whether it is a secret. */
type Setting = { env: string; flag: string; secret?: boolean; help: string };

/** Every setting OneCity reads, by config key. Nothing else reads process.env. */
export const settings = {
  port: { env: 'PORT', flag: '--port', help: 'HTTP port of the console and API' },
  host: { env: 'HOST', flag: '--host', help: 'address to listen on (0.0.0.0 for every interface)' },
  databaseUrl: {
    env: 'DATABASE_URL',
    flag: '--database-url',
    secret: true,
    help: 'postgres://… to use a PostgreSQL server; unset for the embedded PGlite database',
  },
  dataDir: {
    env: 'ONECITY_DATA_DIR',
    flag: '--data-dir',
    help: 'where the embedded database and files live',
  },
  adminPassword: {
    env: 'ONECITY_ADMIN_PASSWORD',
    flag: '--admin-password',
    secret: true,
    help: 'password of the first admin account; random and printed once when unset',
  },
  sessionIdleMinutes: {
    env: 'ONECITY_SESSION_IDLE_MINUTES',
    flag: '--session-idle-minutes',
    help: 'a session unused this long expires',
  },
  sessionMaxHours: {
    env: 'ONECITY_SESSION_MAX_HOURS',
    flag: '--session-max-hours',
    help: 'a session never lasts longer',
  },
  loginMaxFailures: {
    env: 'ONECITY_LOGIN_MAX_FAILURES',
    flag: '--login-max-failures',
    help: 'failed sign-ins in a row from one address that lock the account for that address',
  },
  lockoutMinutes: {
    env: 'ONECITY_LOCKOUT_MINUTES',
    flag: '--lockout-minutes',
    help: 'how long a locked account stays locked for that address',
  },
  cookieSecure: {
    env: 'ONECITY_COOKIE_SECURE',
    flag: '--cookie-secure',
    help: 'mark the session cookie Secure (set true behind HTTPS)',
  },
  trustProxy: {
    env: 'ONECITY_TRUST_PROXY',
    flag: '--trust-proxy',
    help: 'take the client address from X-Forwarded-For (behind a reverse proxy)',
  },
  rateLimitVerify: {
    env: 'ONECITY_RATE_LIMIT_VERIFY',
    flag: '--rate-limit-verify',
    help: 'license verifications a minute per client address (0: no limit)',
  },
  rateLimitCkan: {
    env: 'ONECITY_RATE_LIMIT_CKAN',
    flag: '--rate-limit-ckan',
    help: 'CKAN API calls a minute per client address (0: no limit)',
  },
  rateLimitDownload: {
    env: 'ONECITY_RATE_LIMIT_DOWNLOAD',
    flag: '--rate-limit-download',
    help: 'open-data downloads a minute per client address (0: no limit)',
  },
  rateLimitLogin: {
    env: 'ONECITY_RATE_LIMIT_LOGIN',
    flag: '--rate-limit-login',
    help: 'sign-in attempts a minute per client address (0: no limit)',
  },
  rateLimitLoginTotal: {
    env: 'ONECITY_RATE_LIMIT_LOGIN_TOTAL',
    flag: '--rate-limit-login-total',
    help: 'sign-in attempts a minute from all addresses together (0: no limit)',
  },
  logLevel: { env: 'LOG_LEVEL', flag: '--log-level', help: 'fatal, error, warn, info, debug or trace' },
  ingestMaxFieldChars: {
    env: 'ONECITY_INGEST_MAX_FIELD_CHARS',
    flag: '--ingest-max-field-chars',
    help: 'longest field of a delivered CSV file, in characters; a longer one refuses the file',
  },
  ingestMaxRecordChars: {
    env: 'ONECITY_INGEST_MAX_RECORD_CHARS',
    flag: '--ingest-max-record-chars',
    help: 'longest record (line) of a delivered CSV or NDJSON file, in characters; a longer one refuses the file',
  },
  uploadQuotaMb: {
    env: 'ONECITY_UPLOAD_QUOTA_MB',
    flag: '--upload-quota-mb',
    help: 'uploads a department may keep waiting to be loaded, in MB; a larger upload is refused',
  },
  uploadKeepHours: {
    env: 'ONECITY_UPLOAD_KEEP_HOURS',
    flag: '--upload-keep-hours',
    help: 'hours an uploaded file is kept for loading before it is deleted',
  },
  openDataLicense: {
    env: 'ONECITY_OPEN_DATA_LICENSE',
    flag: '--open-data-license',
    help: 'license of every open dataset (SPDX id): CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ODC-By-1.0 or ODbL-1.0',
  },
  mqttPort: {
    env: 'ONECITY_MQTT_PORT',
    flag: '--mqtt-port',
    help: 'port of the embedded MQTT broker for devices (default 1883; if 1883 is taken and this is unset, the next free port)',
  },
  mqttUrl: {
    env: 'ONECITY_MQTT_URL',
    flag: '--mqtt-url',
    secret: true,
    help: 'mqtt://… of an existing broker (Mosquitto, EMQX) to take device data from instead of the embedded one',
  },
  simulate: {
    env: 'ONECITY_SIMULATE',
    flag: '--simulate',
    help: "on: the demo district's devices are simulated (values move, an occasional alarm); off: no simulator",
  },
  demo: {
    env: 'ONECITY_DEMO',
    flag: '--demo',
    help: 'demo district loaded when the data is fresh: small, or none',
  },
} satisfies Record<string, Setting>;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  port: int(0, 65535).default(8080),
  host: z.string().min(1).default('localhost'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// or postgresql://')
    .optional(),
  dataDir: z.string().min(1).default('./data'),
  adminPassword: z.string().min(8, 'must have at least 8 characters').optional(),
  sessionIdleMinutes: int(1, 24 * 60).default(30),
  sessionMaxHours: int(1, 24 * 7).default(12),
  loginMaxFailures: int(1, 100).default(5),
  lockoutMinutes: int(1, 24 * 60).default(15),
  cookieSecure: bool.default(false),
  trustProxy: bool.default(false),
  // Per minute; a person never meets these, a script soon does.
  rateLimitVerify: int(0, 1_000_000).default(60),
  rateLimitCkan: int(0, 1_000_000).default(120),
  rateLimitDownload: int(0, 1_000_000).default(30),
  rateLimitLogin: int(0, 1_000_000).default(20),
  rateLimitLoginTotal: int(0, 1_000_000).default(600),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Far above any real cell or row, far below what would strain the server (the text is held while read).
  ingestMaxFieldChars: int(1, 1 << 28).default(1 << 20),
  ingestMaxRecordChars: int(1, 1 << 28).default(4 << 20),
  uploadQuotaMb: int(1, 1 << 30).default(4096),
  uploadKeepHours: int(1, 24 * 365).default(24),
  // The catalog has no license per resource: one open license for the whole portal (opendata/licenses.ts).
  openDataLicense: z
    .enum(['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'ODC-By-1.0', 'ODbL-1.0'])
    .default('CC-BY-4.0'),
  demo: z.enum(['small', 'none']).default('small'),
  // Unset: 1883, or the next free port when 1883 is taken (a set port that is taken stops the start).
  mqttPort: int(1, 65535).optional(),
  mqttUrl: z
    .string()
    .regex(/^(mqtts?|wss?|tcp):\/\/.+/, 'must start with mqtt://, mqtts://, ws:// or wss://')
    .optional(),
  simulate: z.enum(['on', 'off']).default('on'),
});

export type Config = z.infer<typeof schema>;
export type ConfigKey = keyof typeof settings;

/** A bad setting: the message names each setting and what is allowed. */
export class ConfigError extends Error {}

/**
 * Builds the config from environment variables, overridden by CLI flags (by config key).
 * Throws ConfigError naming every bad setting.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  flags: Partial<Record<ConfigKey, string>> = {},
): Config {
  const raw: Record<string, string> = {};
  for (const [key, setting] of Object.entries(settings)) {
    const value = flags[key as ConfigKey] ?? env[setting.env];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as ConfigKey;
      const setting = settings[key];
      return `  ${setting.env} (${setting.flag}): ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}

/** The effective config with secrets hidden, for `onecity config`. */
export function describeConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings) as [ConfigKey, Setting][]) {
    const value = config[key];
    if (setting.secret && value !== undefined) {
      out[key] =
        key === 'databaseUrl' || key === 'mqttUrl'
          ? String(value).replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
          : '***';
    } else {
      out[key] = value ?? null;
    }
  }
  out.database = config.databaseUrl ? 'postgres' : 'pglite';
  return out;
}
