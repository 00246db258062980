import type { Page } from 'playwright-core';

/** A parent's pages: their children on the home page, reporting an absence, attendance. */
export class FamilyPages {
  constructor(private readonly page: Page) {}

  childCard(name: string) {
    return this.page
      .locator('.child-card')
      .filter({ has: this.page.getByRole('heading', { name }) });
  }

  async reportAbsence(report: {
    reason: 'Illness' | 'Medical or dental appointment' | 'Religious observance' | 'Other reason';
    from: string;
    to: string;
    expectedReturn?: string;
  }): Promise<void> {
    await this.page.getByRole('radio', { name: report.reason }).check();
    const first = this.page.getByRole('group', { name: 'First day away' });
    await first.getByLabel('Date').fill(report.from);
    await first.getByLabel('Starting').selectOption('AM');
    const last = this.page.getByRole('group', { name: 'Last day away' });
    await last.getByLabel('Date').fill(report.to);
    await last.getByLabel('Until').selectOption('PM');
    if (report.expectedReturn !== undefined)
      await this.page.getByLabel('Expected back at school (optional)').fill(report.expectedReturn);
    await this.page.getByRole('button', { name: 'Report absence' }).click();
  }

  get confirmation() {
    return this.page.locator('.confirmation');
  }

  get attendanceFigure() {
    return this.page.locator('.big-figure');
  }

  get rateSummary() {
    return this.page.locator('.rate-summary');
  }
}
