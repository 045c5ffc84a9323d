// The browser's side of the screen bench: Debian's Chromium (headless, no GPU, no background connections), a fresh
// context per measure at 1920×1080 as the wall's display, the time from a page's navigation start until an element
// is there (taken in the page, so the bench's polling adds nothing), and a watch on the screen's feed that notes
// when a line naming a device first shows.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Launches /usr/bin/chromium with the flags of this closed machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A fresh context (no cookies, no cache) on `base` as the wall shows it: 1920×1080, zh-CN, China time. */
export async function freshContext(
  browser: Browser,
  base: string,
  signIn?: { username: string; password: string },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  if (signIn) {
    const res = await context.request.post('/api/auth/login', { data: signIn });
    if (res.status() !== 200) throw new Error(`sign-in: ${res.status()} ${await res.text()}`);
  }
  return context;
}

/** Page errors seen by the pages the bench opened (printed with the figures: a broken page times nothing real). */
export const pageErrors: string[] = [];

/**
 * Opens `url` in a new page of `context` and resolves to the milliseconds from its navigation start until an
 * element matching `selector` is in the page (noted by a MutationObserver in the page itself). The page is left
 * open on the context.
 */
export async function timeUntil(
  context: BrowserContext,
  url: string,
  selector: string,
  timeoutMs = 60_000,
): Promise<{ ms: number; page: Page }> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript((wanted) => {
    const marked = window as unknown as { benchAt?: number };
    const observer = new MutationObserver(() => {
      if (marked.benchAt === undefined && document.querySelector(wanted)) {
        marked.benchAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  }, selector);
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  const at = await page.waitForFunction(() => (window as unknown as { benchAt?: number }).benchAt, null, {
    timeout: timeoutMs,
    polling: 50,
  });
  return { ms: (await at.jsonValue()) as number, page };
}

/**
 * Watches the screen's feed on `page`: the first time an alarm's line naming a device whose code starts with
 * `prefix` is drawn, its code and the time (epoch ms, taken at the frame that paints it) are noted. `seen()` reads them.
 */
export async function watchFeed(page: Page, prefix: string) {
  await page.evaluate((codePrefix) => {
    const pattern = new RegExp(`${codePrefix}\\d+`);
    // An alarm's line (its case has a line of its own, later).
    const alarmLine = '[data-testid="feed-line"][data-kind="alarm"]';
    const seen: Record<string, number> = {};
    Object.assign(window, { benchSeen: seen });
    new MutationObserver((records) => {
      const found: string[] = [];
      for (const record of records)
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          const lines = node.matches(alarmLine) ? [node] : [...node.querySelectorAll(alarmLine)];
          for (const line of lines) {
            const code = line.textContent?.match(pattern)?.[0];
            if (code && !(code in seen)) found.push(code);
          }
        }
      // The line is in the DOM now; it is on the glass with the next frame.
      if (found.length)
        requestAnimationFrame(() => {
          const at = Date.now();
          for (const code of found) seen[code] ??= at;
        });
    }).observe(document.body, { childList: true, subtree: true });
  }, prefix);
  return {
    seen: () =>
      page.evaluate(() => ({ ...(window as unknown as { benchSeen: Record<string, number> }).benchSeen })),
  };
}
