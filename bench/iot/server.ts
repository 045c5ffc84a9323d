// The OneCity server as the iot bench runs it: a child process (`onecity serve`) with the given database and broker
// settings, signed into as the administrator, with devices registered through its API as the console does.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export const adminPassword = 'Bench#Iot2026x';

export type BenchServer = {
  process: ChildProcess;
  base: string;
  /** The MQTT address the server printed for devices. */
  mqttUrl: string;
  stop: () => Promise<void>;
};

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `onecity serve` with `env` on a free port; resolves once it says it is running. */
export async function startServer(env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=16', path.join(root, 'src/cli/main.ts'), 'serve'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ONECITY_DEMO: 'none',
        ONECITY_SIMULATE: 'off',
        ONECITY_ADMIN_PASSWORD: adminPassword,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  let output = '';
  const mqttUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('is running') && /Devices: (\S+)/.test(output))
        resolve(output.match(/Devices: (\S+)/)![1]!);
    });
  });
  return { process: child, base: `http://127.0.0.1:${port}`, mqttUrl, stop };
}

/** Signs in as `username` (the administrator unless given); returns the session cookie. */
export async function signIn(base: string, username = 'admin', password = adminPassword): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('onecity_session='))!;
  return cookie.split(';')[0]!;
}

/** A request to the API as the signed-in user; throws unless the answer has the expected status. */
export async function api<T>(
  base: string,
  cookie: string,
  method: string,
  url: string,
  body?: unknown,
  expected = 200,
): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { cookie, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status !== expected) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A registered device: its code and the access token shown once. */
export type BenchDevice = { code: string; token: string };

/**
 * Registers `count` manhole covers of 城管局 through POST /api/iot/devices (as the console does), placed in 高塘岭街道,
 * a few at a time; returns them with their tokens.
 */
export async function registerManholes(
  base: string,
  cookie: string,
  prefix: string,
  count: number,
): Promise<BenchDevice[]> {
  const { items } = await api<{ items: { id: number; code: string }[] }>(
    base,
    cookie,
    'GET',
    '/api/departments?pageSize=500',
  );
  const cgj = items.find((d) => d.code === 'CGJ');
  if (!cgj) throw new Error('no department CGJ (城管局)');
  const devices: BenchDevice[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const code = `${prefix}-${String(i + 1).padStart(5, '0')}`;
      const { token } = await api<{ token: string }>(
        base,
        cookie,
        'POST',
        '/api/iot/devices',
        {
          code,
          profileCode: 'manhole',
          name: `基准井盖${i + 1}`,
          lng: 112.81 + (i % 100) / 5000,
          lat: 28.36 + Math.floor(i / 100) / 5000,
          departmentId: cgj.id,
        },
        201,
      );
      devices[i] = { code, token };
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return devices;
}
