import type { Page } from 'playwright-core';

export class PupilProfilePage {
  constructor(private readonly page: Page) {}

  heading(name: string) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  get heatMap() {
    return this.page.getByRole('table', { name: /Marks for each session of the year/ });
  }

  /** The session buttons of the heat map whose label matches, e.g. /Unauthorised absence/. */
  sessions(label: RegExp) {
    return this.heatMap.getByRole('button', { name: label });
  }

  rate(label: string) {
    return this.page.getByRole('term').filter({ hasText: label }).locator('xpath=..');
  }

  get alerts() {
    return this.page.getByRole('table', { name: /^Policy alerts for/ });
  }

  get markHistory() {
    return this.page.getByRole('region', { name: /(AM|PM):/ });
  }
}
