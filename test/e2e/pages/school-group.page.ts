import type { Page } from 'playwright-core';

export class SchoolGroupPage {
  constructor(private readonly page: Page) {}

  heading(name: string) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  get schools() {
    return this.page.getByRole('table', { name: 'Figures per school and in total' });
  }
}
