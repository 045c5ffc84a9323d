// The browser's side of the mobile bench: Debian's Chromium (headless, no GPU, no background connections), a fresh
// context per open (no cookies, no cache) shaped as a phone (360×740 CSS px, 3 device pixels per px, touch), the
// network and CPU throttled as Lighthouse's "slow 4G" mobile profile, and the time from navigation start until the
// first screen is usable, taken in the page itself.
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';

/** Launches /usr/bin/chromium with the flags of this closed machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Lighthouse's mobile "slow 4G" (core/config/constants.js, `throttling.mobileSlow4G`) as its DevTools throttling
 * applies it: RTT 150 ms and 1.6 Mbit/s down, 750 kbit/s up, but per request, so the latency is multiplied by
 * 3.75 (562.5 ms added to each request) and the throughput by 0.9 (1,474.56 / 675 kbit/s), to stand for what the
 * packet-level profile costs a page; the CPU 4 times slower.
 */
export const slow4G = {
  rttMs: 150,
  requestLatencyMs: 150 * 3.75,
  downloadKbps: Math.round(1.6 * 1024 * 0.9 * 100) / 100,
  uploadKbps: 750 * 0.9,
  cpuSlowdown: 4,
};

/** A fresh context (no cookies, no cache) on `base` as a phone: 360×740, DPR 3, touch, zh-CN, China time. */
export async function phoneContext(
  browser: Browser,
  base: string,
  signIn?: { username: string; password: string },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  if (signIn) {
    // Through the context's own request client: the cookie lands in the context, and the page's throttled network
    // carries only the page.
    const res = await context.request.post('/api/auth/login', { data: signIn });
    if (res.status() !== 200) throw new Error(`sign-in: ${res.status()} ${await res.text()}`);
  }
  return context;
}

/** Page errors seen by the pages the bench opened (printed with the figures: a broken page times nothing real). */
export const pageErrors: string[] = [];

/** A JS or CSS response of the page, in bytes as received: the body alone, and with its headers. */
export type Received = { url: string; type: string; encoding: string; body: number; transfer: number };

/** Notes every script and stylesheet the page receives, through the DevTools protocol's network events. */
function recordResponses(cdp: CDPSession) {
  const requests = new Map<string, { url: string; type: string; encoding: string; headers: number }>();
  const done: Received[] = [];
  cdp.on('Network.responseReceived', (e) => {
    if (e.type !== 'Script' && e.type !== 'Stylesheet') return;
    const encoding = Object.entries(e.response.headers).find(
      ([k]) => k.toLowerCase() === 'content-encoding',
    )?.[1];
    // The bytes received when the response starts are its status line and headers.
    requests.set(e.requestId, {
      url: e.response.url,
      type: e.type,
      encoding: encoding ?? 'identity',
      headers: e.response.encodedDataLength,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const request = requests.get(e.requestId);
    if (!request) return;
    requests.delete(e.requestId);
    const { headers, ...rest } = request;
    done.push({ ...rest, body: e.encodedDataLength - headers, transfer: e.encodedDataLength });
  });
  return {
    /** Responses finished so far, and whether some that began are still arriving. */
    read: () => ({ done: [...done], pending: requests.size }),
  };
}

/** The moment the first screen is usable, as the page notes it (see `markUsable`). */
type Marks = { seenAt?: number; usableAt?: number; fcp?: number };

/**
 * Runs in the page before its own scripts: watches for `selector` to be there, laid out with a size on the screen
 * and not disabled or busy (antd's and antd-mobile's loading buttons), notes that moment (`seenAt`), then waits for
 * the frame that paints it and for the main thread to run a task after that frame (`usableAt`): a tap or a key
 * pressed then is handled at once, not queued behind the app's start-up work.
 */
function markUsable(selector: string) {
  const marks: Marks = {};
  Object.assign(window, { benchMarks: marks });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'first-contentful-paint') marks.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const ready = () => {
    const element = document.querySelector(selector);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    const busy =
      (element as HTMLButtonElement).disabled ||
      element.getAttribute('aria-disabled') === 'true' ||
      /(^|\s)(adm-button-loading|ant-btn-loading)(\s|$)/.test(element.className);
    return box.width > 0 && box.height > 0 && box.top < innerHeight && box.bottom > 0 && !busy;
  };
  const observer = new MutationObserver(() => {
    if (marks.seenAt !== undefined || !ready()) return;
    marks.seenAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() =>
      setTimeout(() => {
        marks.usableAt = performance.now();
      }, 0),
    );
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

export type Open = {
  /** Navigation start to the first screen usable (ms). */
  ms: number;
  /** Navigation start to the element being there (ms), and to the first contentful paint. */
  seenMs: number;
  fcpMs: number;
  /** Scripts and stylesheets received until then. */
  received: Received[];
  page: Page;
};

/**
 * Opens `path` in a new page of `context`, throttled unless `throttle` is false, and resolves once `selector` is
 * usable (see `markUsable`), with the time from navigation start and the scripts and stylesheets received by then
 * (those still arriving are waited for). The page is left open on the context.
 */
export async function openUntilUsable(
  context: BrowserContext,
  path: string,
  selector: string,
  { throttle = true, timeoutMs = 120_000 } = {},
): Promise<Open> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const responses = recordResponses(cdp);
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: slow4G.requestLatencyMs,
      downloadThroughput: (slow4G.downloadKbps * 1024) / 8,
      uploadThroughput: (slow4G.uploadKbps * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slow4G.cpuSlowdown });
  }
  await page.addInitScript(markUsable, selector);
  await page.goto(path, { waitUntil: 'commit', timeout: timeoutMs });
  const handle = await page.waitForFunction(
    () => {
      const marks = (window as unknown as { benchMarks?: Marks }).benchMarks;
      return marks?.usableAt !== undefined ? marks : undefined;
    },
    null,
    { timeout: timeoutMs, polling: 50 },
  );
  const marks = (await handle.jsonValue()) as Required<Marks>;
  // Files the first screen asked for may still be arriving when it is usable (a lazy page's chunk would not be).
  const deadline = Date.now() + 10_000;
  while (responses.read().pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return {
    ms: marks.usableAt,
    seenMs: marks.seenAt,
    fcpMs: marks.fcp ?? Number.NaN,
    received: responses.read().done,
    page,
  };
}
