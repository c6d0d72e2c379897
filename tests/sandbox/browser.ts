/**
 * Headless Debian Chromium with the network closed except for 127.0.0.1.
 *
 * Playwright's own browser downloads are not used: they need internet at install
 * time, and the point of these tests is that nothing needs internet. Debian's
 * /usr/bin/chromium is installed by the system package manager instead.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `SKIP_BROWSER_TESTS=1` is the only way to skip; a missing browser is a failure. */
export const SKIP_BROWSER_TESTS = process.env.SKIP_BROWSER_TESTS === '1';

export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}, which does not exist. ` +
        "Install Debian's chromium (apt-get install chromium), point CHROMIUM_PATH at another Chromium, " +
        'or set SKIP_BROWSER_TESTS=1 to skip browser tests explicitly.',
    );
  }
}

/** A page in its own fresh context (empty localStorage), network closed. */
export interface OfflinePage {
  page: Page;
  context: BrowserContext;
  /** URLs the page tried to load from anywhere but 127.0.0.1 (all aborted). */
  blockedRequests: string[];
  /** Uncaught page errors and console errors (CSP violations are console errors). */
  errors: string[];
  close(): Promise<void>;
}

export interface OfflineBrowser {
  browser: Browser;
  newOfflinePage(): Promise<OfflinePage>;
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(['127.0.0.1']);

export async function launchOfflineBrowser(): Promise<OfflineBrowser> {
  assertChromiumInstalled();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    newOfflinePage: () => newOfflinePage(browser),
    close: () => browser.close(),
  };
}

async function newOfflinePage(browser: Browser): Promise<OfflinePage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const blockedRequests: string[] = [];
  const errors: string[] = [];

  await context.route('**/*', async (route) => {
    const url = route.request().url();
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      // unparsable: treat as foreign
    }
    if (LOCAL_HOSTS.has(host)) {
      await route.continue();
    } else {
      blockedRequests.push(url);
      await route.abort('internetdisconnected');
    }
  });
  // context.route does not see WebSockets; close foreign ones too.
  await context.routeWebSocket(
    (url) => !LOCAL_HOSTS.has(url.hostname),
    async (ws) => {
      blockedRequests.push(ws.url());
      await ws.close();
    },
  );

  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });

  return { page, context, blockedRequests, errors, close: () => context.close() };
}
