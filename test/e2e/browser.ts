import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { e2eNow } from './e2e-server.ts';

/** Debian's Chromium, never a downloaded build (.ci/run installs it). */
export const chromiumPath = '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
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
}

/**
 * A fresh browser profile (cookies, localStorage) whose clock reads the same instant as the
 * server's, so "today" agrees on both sides; timers still run, for retries.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? { width: 1100, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  // Shorter than the test's own timeout, so a missing element fails with Playwright's message
  // (which element, which page) instead of a bare test timeout.
  context.setDefaultTimeout(10_000);
  await context.clock.setFixedTime(e2eNow);
  const page = await context.newPage();
  return { context, page };
}
