import type { Page } from 'playwright-core';

export class GovernorFiguresPage {
  constructor(private readonly page: Page) {}

  async open(asOf: string): Promise<this> {
    await this.page.goto(`/figures?asOf=${asOf}`);
    await this.chart.waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Attendance figures' });
  }

  get chart() {
    return this.page.getByRole('img', { name: /^Attendance by week against the target:/ });
  }

  figure(label: string) {
    return this.page.locator('.figure').filter({ hasText: label }).locator('dd');
  }

  async showTable(): Promise<void> {
    await this.page.getByText('Show the figures as a table').click();
  }

  get weekRows() {
    return this.page.getByRole('table', { name: /Attendance by week/ }).locator('tbody tr');
  }
}
