import type { Page } from 'playwright-core';

export class NotAllowedPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', {
      level: 1,
      name: 'You are not allowed to see this page',
    });
  }

  get explanation() {
    return this.page.locator('main p').first();
  }
}
