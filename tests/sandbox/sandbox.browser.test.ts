/**
 * The sandbox page in a real browser with the internet cut off: it must render
 * GraphiQL, run an operation against the server and never try to reach another
 * host. Needs Debian's /usr/bin/chromium; SKIP_BROWSER_TESTS=1 skips explicitly.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultExamples } from '../../gateway/sandbox';
import { assertChromiumInstalled, launchOfflineBrowser, SKIP_BROWSER_TESTS, type OfflineBrowser } from './browser';
import { startSandboxTestServer, type SandboxTestServer } from './server';

// Browser start alone can take seconds on a small CI machine.
const TIMEOUT_MS = 60_000;

if (SKIP_BROWSER_TESTS) {
  // eslint-disable-next-line no-console
  console.warn('SKIP_BROWSER_TESTS=1: skipping the sandbox browser tests (no browser check of the GraphiQL page).');
}
const describeBrowser = SKIP_BROWSER_TESTS ? describe.skip : describe;

describeBrowser('local GraphQL sandbox in an offline browser', () => {
  let server: SandboxTestServer | undefined;
  let browser: OfflineBrowser | undefined;
  const screenshotDir = mkdtempSync(join(tmpdir(), 'sandbox-browser-'));

  beforeAll(async () => {
    assertChromiumInstalled(); // fail loudly, before anything else starts
    server = await startSandboxTestServer();
    browser = await launchOfflineBrowser();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, TIMEOUT_MS);

  function started(): { server: SandboxTestServer; browser: OfflineBrowser } {
    if (!server || !browser) throw new Error('beforeAll did not start the server and browser');
    return { server, browser };
  }

  it(
    'runs a query given in the URL and shows the result, without leaving 127.0.0.1',
    async () => {
      const { server, browser } = started();
      const offline = await browser.newOfflinePage();
      const { page } = offline;

      const response = await page.goto(`${server.url}/?query=${encodeURIComponent('{ regions { code name } }')}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");

      await page.locator('.graphiql-query-editor .CodeMirror').waitFor({ timeout: 30_000 });
      await expect(page.locator('.sandbox-header').innerText()).resolves.toContain('local GraphQL sandbox');

      // The URL's query opens first; every example is a tab after it.
      const tabTitles = await page.locator('.graphiql-tab-button').allInnerTexts();
      expect(tabTitles.map((t) => t.trim())).toEqual(['<untitled>', ...defaultExamples.map((e) => e.name)]);
      await expect(page.locator('.graphiql-query-editor').innerText()).resolves.toContain('regions');

      await page.locator('.graphiql-execute-button').click();
      const result = page.locator('.result-window');
      await result.filter({ hasText: 'Region Syddanmark' }).waitFor({ timeout: 15_000 });
      const resultText = await result.innerText();
      expect(resultText).toContain('Region Nordjylland');
      expect(resultText).toContain('Region Syddanmark');

      const screenshot = join(screenshotDir, 'sandbox-result.png');
      await page.screenshot({ path: screenshot });
      // eslint-disable-next-line no-console
      console.log(`sandbox screenshot: ${screenshot}`);

      expect(offline.errors).toEqual([]);
      expect(offline.blockedRequests).toEqual([]);
      await offline.close();
    },
    TIMEOUT_MS,
  );

  it(
    'opens with the first example active and dialogs work under the page CSP',
    async () => {
      const { server, browser } = started();
      const offline = await browser.newOfflinePage();
      const { page } = offline;
      await page.goto(`${server.url}/`);
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor({ timeout: 30_000 });

      const active = page.locator('.graphiql-tab-active .graphiql-tab-button');
      await expect(active.innerText()).resolves.toContain(defaultExamples[0].name);
      await expect(page.locator('.graphiql-query-editor').innerText()).resolves.toContain(`query ${defaultExamples[0].name}`);

      // The settings dialog injects a <style> element at run time: this is what
      // needs style-src 'unsafe-inline'. A CSP violation would be a console error.
      await page.getByLabel('Open settings dialog').click();
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');

      const screenshot = join(screenshotDir, 'sandbox-examples.png');
      await page.screenshot({ path: screenshot });
      // eslint-disable-next-line no-console
      console.log(`sandbox screenshot: ${screenshot}`);

      expect(offline.errors).toEqual([]);
      expect(offline.blockedRequests).toEqual([]);
      await offline.close();
    },
    TIMEOUT_MS,
  );
});
