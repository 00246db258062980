import type { Page } from 'playwright-core';

export class HomePage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/');
    await this.heading.waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: /^Hello, / });
  }

  /** The link to a class's register in the morning (AM) or afternoon (PM) list. */
  registerLink(className: string, session: 'AM' | 'PM') {
    return this.page.getByRole('link', { name: new RegExp(`^${className} ${session} register`) });
  }

  async signOut(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Account' })
      .getByRole('button', { name: 'Sign out' })
      .click();
  }
}
