// Starts the real OneCity server on a free port with a fresh data directory, for the browser tests.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { idNumberCheck } from '../src/core/cn-codes.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the browser tests leave their screenshots and downloads. */
export const artifacts = path.join(repoRoot, 'e2e/artifacts');

export type TestServer = { url: string; stop: () => Promise<void> };

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `onecity serve` and resolves once /api/ready says so; the server's output is kept for error messages.
 * It starts without the demo district unless `demo: 'small'` asks for it (loading it takes seconds).
 */
export async function startServer(
  adminPassword: string,
  options: { demo?: 'small' | 'none'; env?: Record<string, string> } = {},
): Promise<TestServer> {
  if (!fs.existsSync(path.join(repoRoot, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` before the e2e tests');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ONECITY_DATA_DIR: dataDir,
      ONECITY_ADMIN_PASSWORD: adminPassword,
      ONECITY_DEMO: options.demo ?? 'none',
      // The browser signs in and downloads from one address far faster than a person (rate limits are tested
      // by the integration tests).
      ONECITY_RATE_LIMIT_LOGIN: '0',
      ONECITY_RATE_LIMIT_LOGIN_TOTAL: '0',
      ONECITY_RATE_LIMIT_DOWNLOAD: '0',
      ONECITY_RATE_LIMIT_CKAN: '0',
      ONECITY_RATE_LIMIT_VERIFY: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  // Loading the small demo (with its month of operations history) takes most of a minute on a busy machine.
  const deadline = Date.now() + (options.demo === 'small' ? 150_000 : 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/api/ready`)
      .then((r) => (r.ok ? r.json() : undefined))
      .catch(() => undefined);
    if (ready?.status === 'ready') return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the server did not become ready within 90 s:\n${output}`);
}

const chromiumPath = '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs (no background connections). */
export async function launchChromium() {
  if (!fs.existsSync(chromiumPath))
    throw new Error(`Chromium is missing at ${chromiumPath} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in a browser context of its own (own cookies) on the test server, as a person in China sees it
 * (zh-CN, Asia/Shanghai, 1440×900); uncaught page errors and CSP violations are pushed to `errors`.
 */
export async function openPage(browser: Browser, baseURL: string, errors: string[]) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  // A page's load waits for every script and style; with the unit tests' servers sharing the CPU it has taken
  // over 15 s in CI.
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  // Something the Content-Security-Policy blocked throws nothing, yet is missing from the page: count it too.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) errors.push(msg.text());
  });
  return page;
}

/**
 * Makes the console open in English on this page (and its context's other pages), as if the user had chosen it on
 * an earlier visit; a language chosen on the page afterwards still sticks. Call it before the first navigation.
 */
export async function preferEnglish(on: Page) {
  await on.context().addInitScript(() => {
    if (!localStorage.getItem('onecity.language')) localStorage.setItem('onecity.language', 'en');
  });
}

/** Signs in through the form on the sign-in page and waits for the home page. */
export async function signIn(on: Page, username: string, password: string) {
  await on.goto('/login');
  await on.getByLabel('用户名').fill(username);
  await on.getByLabel('密码', { exact: true }).fill(password);
  await on.getByTestId('login-submit').click();
  await on.getByTestId('home-title').waitFor();
}

/**
 * Signs the page's browser context in through the API (the session cookie is the context's), for tests whose
 * subject is not signing in; the page stays where it is.
 */
export async function signInByApi(on: Page, username: string, password: string) {
  const response = await on.request.post('/api/auth/login', { data: { username, password } });
  expect(response.status(), `signing in ${username}: ${await response.text()}`).toBe(200);
}

/** An 18-digit citizen ID number: the 17 digits given and their GB 11643 check character. */
export function idNumber(first17: string) {
  return first17 + idNumberCheck(first17);
}

/** Today's date in Asia/Shanghai (YYYY-MM-DD), as the console's date pickers start. */
export function todayInShanghai(plusDays = 0) {
  const day = new Date(Date.now() + plusDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(day);
}

// rc-motion (antd's animations) marks an element with these classes while it enters or leaves.
const motionClass = /-(appear|enter|leave)(-prepare|-start|-active)?$/;

/**
 * Waits until nothing on the page moves, so a screenshot shows the page as it stays: no element entering or
 * leaving (antd's motion classes), no finite CSS animation or transition running, and every canvas (the charts)
 * drawn and the same in two looks 100 ms apart.
 */
export async function untilStill(on: Page) {
  await on.waitForFunction((pattern) => {
    const motion = new RegExp(pattern);
    const moving = document
      .getAnimations()
      .some((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
    const marked = [
      ...document.querySelectorAll('[class*="-appear"], [class*="-enter"], [class*="-leave"]'),
    ].some((e) => [...e.classList].some((c) => motion.test(c)));
    return !moving && !marked;
  }, motionClass.source);
  const canvases = () =>
    on.evaluate(() =>
      [...document.querySelectorAll('canvas')]
        .filter((c) => c.width > 0 && c.height > 0)
        .map((c) => {
          const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
          const drawn = pixels ? pixels.some((value, i) => i % 4 === 3 && value !== 0) : true;
          return drawn ? c.toDataURL() : 'blank';
        }),
    );
  let last = await canvases();
  await expect
    .poll(
      async () => {
        const now = await canvases();
        const still = !now.includes('blank') && now.join() === last.join();
        last = now;
        return still;
      },
      { interval: 100, timeout: 15_000, message: 'the charts did not settle' },
    )
    .toBe(true);
}

/**
 * One test file's server and browser, started in `beforeAll` and closed in `afterAll`, and each test's page: a new
 * browser context (no cookies, nothing navigated) opened before the test and closed after it, so a test starts from
 * the same place whether it runs alone or after others. Uncaught page errors of the test's pages fail the test and
 * are collected in `pageErrors` for the whole file.
 */
export function browserSession(options: {
  adminPassword: string;
  demo?: 'small' | 'none';
  /** More environment for the server (an MQTT port, say). */
  env?: Record<string, string>;
}) {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let opened: Page[] = [];
  let errorsBefore = 0;
  const pageErrors: string[] = [];
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser session has not started (used outside a test?)');
    return value;
  };
  /** A page of its own, closed after the test. */
  const newPage = async () => {
    const opening = await openPage(started(browser), started(server).url, pageErrors);
    opened.push(opening);
    return opening;
  };

  beforeAll(async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    server = await startServer(options.adminPassword, { demo: options.demo, env: options.env });
    browser = await launchChromium();
  });

  beforeEach(async () => {
    errorsBefore = pageErrors.length;
    page = await newPage();
  });

  afterEach(async () => {
    const errors = pageErrors.slice(errorsBefore);
    for (const p of opened) await p.context().close();
    opened = [];
    page = undefined;
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    /** This test's page. */
    get page() {
      return started(page);
    },
    pageErrors,
    /** Another page with its own cookies (for another user), closed after the test. */
    newPage,
    /** Signs `on` (this test's page unless given) in as this user through the API and opens `path` (home). */
    async signIn(username: string, password: string, { on = started(page), path = '/' } = {}) {
      await signInByApi(on, username, password);
      await on.goto(path);
      return on;
    },
    /**
     * Saves `<name>.png` under e2e/artifacts once the page is still (see untilStill): the whole page, scrolled to
     * the top first (or the sticky header would be drawn mid-page), or with `fullPage: false` the viewport as it is.
     */
    async shot(
      name: string,
      { on = started(page), fullPage = true }: { on?: Page; fullPage?: boolean } = {},
    ) {
      if (fullPage) await on.evaluate(() => window.scrollTo(0, 0));
      // A screenshot is a record, not a check: on a loaded machine a page may still be moving after the wait,
      // and the test's assertions, not its pictures, say whether it passed.
      await untilStill(on).catch((error) =>
        console.warn(`${name}.png taken while the page moved: ${error.message}`),
      );
      await on.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage });
    },
  };
}
