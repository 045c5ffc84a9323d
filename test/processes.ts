// Test support: run the real `onecity` CLI and server as child processes.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../src/core/config.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(root, 'src/cli/main.ts');

/** Environment variables that point a child process at the test database. */
export function envFor(config: Config, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ONECITY_DATA_DIR: config.dataDir,
    LOG_LEVEL: 'warn',
    // A test's server starts empty unless the test asks for the demo district (ONECITY_DEMO: 'small').
    ONECITY_DEMO: 'none',
    ...extra,
  };
  if (config.databaseUrl) env.DATABASE_URL = config.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** Runs `onecity ARGS` to completion (killed after `timeout` ms). */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeout = 60_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { env, cwd: root, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Starts `onecity serve` on a free port and resolves once it prints its URL (fails after `timeout` ms). */
export function startServer(
  env: NodeJS.ProcessEnv,
  timeout = 60_000,
): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const child = spawn(process.execPath, [main, 'serve'], {
    env: { ...env, PORT: '0' },
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeout);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Console: (http:\/\/localhost:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/** Resolves with the exit code (or signal) once the child has ended. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.exitCode ?? child.signalCode!);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
}
