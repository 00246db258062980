import type { Page } from 'playwright-core';

export class DashboardPage {
  constructor(private readonly page: Page) {}

  heading(name: string | RegExp) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** A chart, found by its caption; its SVG is one image with a summary. */
  chart(title: string) {
    return this.page.getByRole('figure', { name: title });
  }

  chartImage(title: string) {
    return this.chart(title).getByRole('img');
  }

  /** The chart's figures, revealed from their disclosure. */
  async openChartTable(title: string) {
    await this.chart(title).getByText('Show the figures as a table').click();
    return this.chart(title).getByRole('table');
  }

  absentees(kind: 'persistent' | 'severe') {
    return this.page.locator(`#${kind}-absentees`);
  }

  get groupNavigation() {
    return this.page.getByRole('navigation', { name: 'Other dashboards' });
  }
}
