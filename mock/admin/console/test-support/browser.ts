import { existsSync } from 'node:fs';
import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium: browser downloads are out of reach here, and `.ci/run` installs this package. */
export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

export interface ConsolePage {
  readonly page: Page;
  /** Uncaught exceptions and console errors of the page, in order. */
  readonly errors: string[];
  /** Every answer of 400 or more the page received: `401 GET /__admin/tickets`. */
  readonly failures: string[];
  close(): Promise<void>;
}

/**
 * Opens `path` of the mock in a fresh browser context and records what went wrong in it. A failed
 * HTTP answer shows in Chromium's console as "Failed to load resource"; such lines are left out of
 * `errors` and kept, with their method and path, in `failures`, which each test checks against the
 * refusals it provoked.
 */
export async function openPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  const failures: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.text().startsWith('Failed to load resource: the server responded with a status of')) return;
    errors.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const { pathname } = new URL(response.url());
    failures.push(`${response.status()} ${response.request().method()} ${pathname}`);
  });
  await page.goto(url);
  return { page, errors, failures, close: () => context.close() };
}

/** Waits until the console has read its session's state and its event stream is live. */
export async function consoleReady(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#live[data-state="live"]');
}

export interface TestServer {
  readonly url: string;
  /** Drops every open connection (the console's event stream among them); the server keeps listening. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** Serves the mock on 127.0.0.1, port 0, with a handle to cut its connections. */
export async function serve(listener: RequestListener): Promise<TestServer> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropConnections: () => {
      server.closeAllConnections();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

/**
 * Runs axe-core on the page as it is and returns its serious and critical violations. The page's
 * context must bypass its Content-Security-Policy (`bypassCSP: true`): axe is injected as a script.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof axe === "object"'))) {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  }
  const found = await page.evaluate<
    AxeViolation[]
  >(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html) })))`);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
