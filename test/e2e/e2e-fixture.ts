import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openPage, launchBrowser } from './browser.ts';
import { seedE2eSchool, testPassword } from './e2e-school.ts';
import { startE2eServer, type E2eServer } from './e2e-server.ts';
import { SignInPage } from './pages/sign-in.page.ts';

type School = Awaited<ReturnType<typeof seedE2eSchool>>;

export interface E2eWorld {
  readonly server: E2eServer;
  readonly school: School;
  /** A fresh profile (no cookies, empty localStorage) per call; closed after each test. */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<{
    context: BrowserContext;
    page: Page;
  }>;
  /** A fresh page signed in as a user through the sign-in form. */
  signedInPage(
    user: { email: string },
    options?: { viewport?: { width: number; height: number } },
  ): Promise<{ context: BrowserContext; page: Page }>;
}

/** One server, database, seeded school and browser per test file. */
export function useE2eWorld(): E2eWorld {
  let server: E2eServer | undefined;
  let school: School | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    school = await seedE2eSchool(server.db);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const world: E2eWorld = {
    get server() {
      if (server === undefined) throw new Error('the e2e server has not started');
      return server;
    },
    get school() {
      if (school === undefined) throw new Error('the e2e school has not been seeded');
      return school;
    },
    async newPage(options = {}) {
      if (browser === undefined || server === undefined) throw new Error('not started');
      const opened = await openPage(browser, server.url, options);
      contexts.push(opened.context);
      return opened;
    },
    async signedInPage(user, options = {}) {
      const opened = await world.newPage(options);
      await new SignInPage(opened.page).open();
      await new SignInPage(opened.page).signIn(user.email, testPassword);
      await opened.page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
      return opened;
    },
  };
  return world;
}
