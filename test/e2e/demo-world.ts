import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/services/demo-seed.service.ts';
import { fastPasswordHashing } from '../../src/services/password.service.ts';
import { launchBrowser } from './browser.ts';
import { startE2eServer, type E2eServer } from './e2e-server.ts';
import { SignInPage } from './pages/sign-in.page.ts';

/** Wednesday 12 March 2025, 10:00 in London: half a year of registers behind it. */
export const demoNow = new Date('2025-03-12T10:00:00Z');

/** The demo trust's accounts (`npm start` prints the same list). */
export const demoUsers = {
  head: 'head@rollcall.example',
  attendanceLead: 'attendance-lead@rollcall.example',
  governor: 'governor@rollcall.example',
  admin: 'admin@rollcall.example',
  laOfficer: 'la-officer@rollcall.example',
} as const;

export interface DemoWorld {
  readonly server: E2eServer;
  /** A fresh page signed in through the sign-in form. */
  signedInPage(email: string): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * The demo trust (a primary and a secondary school, 810 pupils, every register from September)
 * on the real app, as `npm start` serves it, for pages whose worth is in a year of data.
 */
export function useDemoWorld(): DemoWorld {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(demoNow), launchBrowser()]);
    await seedDemo({
      db: server.db,
      clock: { now: () => demoNow },
      passwordHashing: fastPasswordHashing,
    });
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    get server() {
      if (server === undefined) throw new Error('the e2e server has not started');
      return server;
    },
    async signedInPage(email) {
      if (browser === undefined || server === undefined) throw new Error('not started');
      // The browser's own clock is left alone: these pages take "today" from the server, and
      // the load-time measurements need the browser's real performance timers.
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1200, height: 900 },
        locale: 'en-GB',
        timezoneId: 'Europe/London',
      });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      const page = await context.newPage();
      const signIn = await new SignInPage(page).open();
      await signIn.signIn(email, DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
      return { context, page };
    },
  };
}
